//! Languages, translations, and the local formats of dates, numbers and money.
//!
//! The words live in Fluent files, `src/i18n/locales/<language>/*.ftl`, one message per phrase;
//! plurals and placeholders are Fluent's. The files are read at compile time, and a language is
//! supported when its folder exists: adding French is adding `locales/fr/`, nothing in the code.
//! The formats of a language are messages of its own (`format-date`, `format-money`, ...), so a new
//! language brings them too.
//!
//! There is no "current language": every lookup is given one. A page's `L10n` (the language and
//! time zone of its reader) is chosen per request by `choose` and travels in the page's frame;
//! an email's is the recipient's.

mod format;
mod msg;

pub use format::Zone;
pub use msg::{Arg, Msg, Named};

use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue};
use std::{borrow::Cow, collections::HashMap, fmt, sync::LazyLock};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // Placeholders are not wrapped in bidirectional isolation marks: every language here is
        // written left to right, and the marks would end up, invisible, in HTML and subjects.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// What a person chose to read in, as it is stored: a supported language's code and an IANA
/// zone's name, None for "automatic" and "the company's".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    pub language: Option<String>,
    pub time_zone: Option<String>,
}

/// A supported language: one whose folder of messages exists.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Lang(LanguageIdentifier);

static SUPPORTED: LazyLock<Vec<Lang>> = LazyLock::new(|| {
    let mut all: Vec<Lang> = LOCALES.locales().map(|l| Lang(l.clone())).collect();
    all.sort_by(|a, b| a.code().cmp(b.code()));
    all
});

impl Lang {
    /// Every supported language, by code.
    pub fn all() -> &'static [Lang] {
        &SUPPORTED
    }

    /// English, the language the product is written in.
    pub fn english() -> Lang {
        Lang(fluent_templates::langid!("en"))
    }

    /// The supported language a tag names (`de`, `de-AT`, `DE`), if any.
    pub fn parse(tag: &str) -> Option<Lang> {
        let wanted: LanguageIdentifier = tag.trim().parse().ok()?;
        SUPPORTED
            .iter()
            .find(|l| l.0.language == wanted.language)
            .cloned()
    }

    /// The first supported language of an `Accept-Language` header, by its q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranges: Vec<(f32, usize, &str)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut bits = part.split(';');
                let tag = bits.next()?.trim();
                let q = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0 && !tag.is_empty() && tag != "*").then_some((q, i, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.into_iter().find_map(|(_, _, tag)| Lang::parse(tag))
    }

    /// `en`, `de`: for `<html lang>`, the database and forms.
    pub fn code(&self) -> &str {
        self.0.language.as_str()
    }

    /// The language's own name ("English", "Deutsch"), for the choice of language.
    pub fn own_name(&self) -> String {
        L10n::new(self.clone(), Zone::utc()).t("language-name")
    }

    /// The language most customers in a country read, if it is supported.
    pub fn of_country(country: &str) -> Option<Lang> {
        let language = match country.to_ascii_uppercase().as_str() {
            "DE" | "AT" | "LI" => "de",
            "CH" => "de",
            "FR" | "MC" => "fr",
            "BE" | "LU" => "fr",
            "NL" => "nl",
            "PL" => "pl",
            "DK" => "da",
            "SE" => "sv",
            "NO" => "nb",
            "FI" => "fi",
            "IT" | "SM" => "it",
            "ES" => "es",
            "PT" => "pt",
            "CZ" => "cs",
            "GB" | "IE" | "US" | "CA" | "AU" | "NZ" => "en",
            _ => return None,
        };
        Lang::parse(language)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a reader reads in: a language and a time zone. Pages carry it in their frame, emails
/// get the recipient's.
#[derive(Clone, Debug)]
pub struct L10n {
    pub lang: Lang,
    pub zone: Zone,
}

impl L10n {
    pub fn new(lang: Lang, zone: Zone) -> L10n {
        L10n { lang, zone }
    }

    /// English in UTC: for what is written before anyone is known (logs, tests).
    pub fn english() -> L10n {
        L10n::new(Lang::english(), Zone::utc())
    }

    /// The message `id`.
    pub fn t(&self, id: impl AsRef<str>) -> String {
        self.lookup(id.as_ref(), None)
    }

    /// The message `id`, if the catalogue has it (for ids made from stored data).
    pub fn try_t(&self, id: impl AsRef<str>) -> Option<String> {
        let no_args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>> = None;
        LOCALES
            .lookup_single_language(&self.lang.0, id.as_ref(), no_args)
            .ok()
    }

    /// The message `id` with one placeholder.
    pub fn t1(&self, id: impl AsRef<str>, name: &'static str, value: impl Arg) -> String {
        self.lookup(id.as_ref(), Some(&args([(name, value.fluent())])))
    }

    /// The message `id` with two placeholders.
    pub fn t2(&self, id: impl AsRef<str>, first: impl Named, second: impl Named) -> String {
        let ((n1, v1), (n2, v2)) = (first.named(), second.named());
        let args = args([(n1, v1.fluent()), (n2, v2.fluent())]);
        self.lookup(id.as_ref(), Some(&args))
    }

    /// A message with its placeholders, as a model or a check made it.
    pub fn msg(&self, msg: &Msg) -> String {
        if msg.verbatim {
            return msg.id.to_string();
        }
        if msg.args.is_empty() {
            return self.t(&msg.id);
        }
        let args = msg
            .args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    msg::Value::Label { label } => FluentValue::from(self.t(label)),
                    msg::Value::Money { cents, currency } => {
                        FluentValue::from(self.money(cents, currency))
                    }
                    other => other.fluent(),
                };
                (Cow::Owned(k.to_string()), value)
            })
            .collect();
        self.lookup(&msg.id, Some(&args))
    }

    fn lookup(
        &self,
        id: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
    ) -> String {
        if let Ok(text) = LOCALES.lookup_single_language(&self.lang.0, id, args) {
            return text;
        }
        // A message missing in this language (the catalogue test keeps this from landing):
        // English, else the message's name, never a blank.
        log::warn!("no message {id} in {}", self.lang);
        LOCALES
            .lookup_single_language(LOCALES.fallback(), id, args)
            .unwrap_or_else(|_| id.to_string())
    }
}

fn args<const N: usize>(
    pairs: [(&'static str, FluentValue<'static>); N],
) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    pairs
        .into_iter()
        .map(|(k, v)| (Cow::Borrowed(k), v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_supported_languages_are_the_folders_of_messages() {
        let codes: Vec<&str> = Lang::all().iter().map(|l| l.code()).collect();
        assert_eq!(codes, ["de", "en"]);
        assert_eq!(Lang::parse("de-AT").unwrap().code(), "de");
        assert_eq!(Lang::parse("DE").unwrap().code(), "de");
        assert!(Lang::parse("fr").is_none());
        assert_eq!(Lang::parse("de").unwrap().own_name(), "Deutsch");
    }

    #[test]
    fn accept_language_gives_the_first_language_spoken_here_by_weight() {
        let pick = |h: &str| Lang::from_accept_language(h).map(|l| l.code().to_string());
        assert_eq!(pick("de-DE,de;q=0.9,en;q=0.8").as_deref(), Some("de"));
        assert_eq!(
            pick("fr-FR,fr;q=0.9,de;q=0.5,en;q=0.7").as_deref(),
            Some("en")
        );
        assert_eq!(pick("en;q=0.2, de").as_deref(), Some("de"));
        assert_eq!(pick("fr, pl;q=0.5"), None);
        assert_eq!(pick("de;q=0, en;q=0.1").as_deref(), Some("en"));
        assert_eq!(pick(""), None);
    }

    #[test]
    fn a_country_gives_its_language_when_it_is_spoken_here() {
        assert_eq!(Lang::of_country("DE").unwrap().code(), "de");
        assert_eq!(Lang::of_country("at").unwrap().code(), "de");
        assert_eq!(Lang::of_country("GB").unwrap().code(), "en");
        // French is not spoken here (yet): no language of the country's own.
        assert!(Lang::of_country("FR").is_none());
    }

    #[test]
    fn placeholders_are_not_wrapped_in_isolation_marks() {
        let de = L10n::new(Lang::parse("de").unwrap(), Zone::utc());
        let text = de.msg(&Msg::new("amount-invalid").arg("example", "1,00"));
        assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
    }
}
