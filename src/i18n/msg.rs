//! A message not yet put into words: its id and placeholders. Checks, models and handlers
//! say what is wrong or what happened as a `Msg`; the page (or email) renders it in its reader's
//! language. Flash messages wait in the session as `Msg`s, so they can be serialised.

use fluent_templates::fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    /// The message's id; with `verbatim`, the text itself.
    pub id: Cow<'static, str>,
    pub args: Vec<(Cow<'static, str>, Value)>,
    /// Text shown as it is, in every language: what a person typed, or a name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verbatim: bool,
}

/// A placeholder's value: text, a number (which plurals are chosen by), or another message
/// (a label such as `RelationshipStatus-active.inline`) put in the same reader's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(i64),
    Text(String),
    Label {
        label: String,
    },
    /// An amount of money, written as the reader writes money.
    Money {
        cents: i64,
        currency: String,
    },
}

impl Msg {
    pub fn new(id: impl Into<Cow<'static, str>>) -> Msg {
        Msg {
            id: id.into(),
            args: Vec::new(),
            verbatim: false,
        }
    }

    /// Text that is shown as it is, in every language.
    pub fn verbatim(text: impl Into<String>) -> Msg {
        Msg {
            id: Cow::Owned(text.into()),
            args: Vec::new(),
            verbatim: true,
        }
    }

    /// Adds the placeholder `name`.
    pub fn arg(mut self, name: &'static str, value: impl Arg) -> Msg {
        self.args.push((Cow::Borrowed(name), value.value()));
        self
    }

    /// Adds the placeholder `name`, an amount of money in `currency` as the reader writes it.
    pub fn money(mut self, name: &'static str, cents: i64, currency: &str) -> Msg {
        let value = Value::Money {
            cents,
            currency: currency.to_string(),
        };
        self.args.push((Cow::Borrowed(name), value));
        self
    }

    /// Adds the placeholder `name`, filled with the message `id` in the reader's language.
    pub fn label(mut self, name: &'static str, id: impl Into<String>) -> Msg {
        self.args
            .push((Cow::Borrowed(name), Value::Label { label: id.into() }));
        self
    }
}

// Plain strings are verbatim text: a message to translate is always named with `Msg::new`.
impl From<&str> for Msg {
    fn from(text: &str) -> Msg {
        Msg::verbatim(text)
    }
}

impl From<&String> for Msg {
    fn from(text: &String) -> Msg {
        Msg::verbatim(text.as_str())
    }
}

impl From<String> for Msg {
    fn from(text: String) -> Msg {
        Msg::verbatim(text)
    }
}

/// In English: for logs, and for pages not yet given their reader's language.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::L10n::english().msg(self))
    }
}

impl Value {
    pub(super) fn fluent(&self) -> FluentValue<'static> {
        match self {
            Value::Number(n) => FluentValue::from(*n),
            Value::Text(t) => FluentValue::from(t.clone()),
            Value::Label { label } => FluentValue::from(label.clone()),
            Value::Money { cents, currency } => FluentValue::from(format!("{cents} {currency}")),
        }
    }
}

/// What a placeholder can be given: text or a whole number.
pub trait Arg {
    fn value(&self) -> Value;

    fn fluent(&self) -> FluentValue<'static> {
        self.value().fluent()
    }
}

impl Arg for str {
    fn value(&self) -> Value {
        Value::Text(self.to_string())
    }
}

impl Arg for String {
    fn value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn value(&self) -> Value {
        (**self).value()
    }
}

/// A placeholder's name and value, `("customer", name)`: templates hand them over by reference.
pub trait Named {
    fn named(&self) -> (&'static str, Value);
}

impl<A: Arg> Named for (&'static str, A) {
    fn named(&self) -> (&'static str, Value) {
        (self.0, self.1.value())
    }
}

impl<T: Named + ?Sized> Named for &T {
    fn named(&self) -> (&'static str, Value) {
        (**self).named()
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(&self) -> Value {
                Value::Number(*self as i64)
            }
        }
    )*};
}
number_arg!(i64, i32, i16, u32, u16, u8, usize);
