//! Free text a person types: `Text<MAX>`, one line (a name, a label, an address line), and
//! `Note<MAX>`, several lines (a remark, a note, a reason). Both are trimmed, at most MAX
//! characters, and free of control characters (a note keeps its line breaks and tabs), so
//! whatever is stored shows as typed.

use crate::i18n::Msg;
use std::fmt;

/// One line of at most MAX characters, trimmed, without control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text<const MAX: usize>(String);

impl<const MAX: usize> Text<MAX> {
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        checked(raw, MAX, char::is_control, "field-text-invalid").map(Text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The trimmed text when it is at most `max` characters with none that `stray` refuses, else
/// the message `id` with its limit.
fn checked(
    raw: &str,
    max: usize,
    stray: impl Fn(char) -> bool,
    id: &'static str,
) -> Result<String, Msg> {
    let value = raw.trim();
    if value.chars().count() > max || value.chars().any(stray) {
        return Err(Msg::new(id).arg("max", max));
    }
    Ok(value.to_string())
}

/// Several lines of at most MAX characters, trimmed, without control characters other than
/// line breaks and tabs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note<const MAX: usize>(String);

impl<const MAX: usize> Note<MAX> {
    pub fn parse(raw: &str) -> Result<Self, Msg> {
        let stray = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
        checked(raw, MAX, stray, "field-note-invalid").map(Note)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<const MAX: usize> fmt::Display for Text<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MAX: usize> fmt::Display for Note<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MAX: usize> From<Text<MAX>> for String {
    fn from(t: Text<MAX>) -> String {
        t.0
    }
}

impl<const MAX: usize> From<Note<MAX>> for String {
    fn from(n: Note<MAX>) -> String {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded_in_characters_not_bytes() {
        assert_eq!(Text::<5>::parse("  Größe ").unwrap().as_str(), "Größe");
        assert!(Text::<5>::parse("Größen").is_err());
        assert_eq!(Text::<5>::parse("").unwrap().as_str(), "");
    }

    #[test]
    fn text_is_one_line() {
        for bad in ["Two\nlines", "a\ttab", "nul\0", "bell\u{7}"] {
            assert_eq!(
                Text::<200>::parse(bad).unwrap_err().to_string(),
                "Use at most 200 characters, on one line."
            );
        }
    }

    #[test]
    fn a_note_keeps_line_breaks_and_tabs_but_no_other_control_characters() {
        assert_eq!(
            Note::<50>::parse(" one\r\ntwo\tthree \n").unwrap().as_str(),
            "one\r\ntwo\tthree"
        );
        assert!(Note::<50>::parse("nul\0").is_err());
        assert!(Note::<50>::parse("escape\u{1b}[0m").is_err());
        assert!(Note::<3>::parse("four").is_err());
    }
}
