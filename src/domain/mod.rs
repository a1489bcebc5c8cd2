//! Small types that are checked when they are built: the fields forms parse into (email
//! addresses, phone numbers, countries, bounded text …), enums stored as text, money,
//! percentages. Each field type has one `parse` and one message; the database stores them;
//! templates show them.

mod approvals;
mod codes;
mod country;
mod email;
mod enums;
pub mod forms;
mod ids;
mod money;
mod phone;
mod postal_code;
mod text;
pub mod token;

pub use approvals::{RequestKind, RequestStatus, Service, ServiceStatus};
pub use codes::{AccountNumber, Sku};
pub use country::CountryCode;
pub use email::EmailAddress;
pub use enums::*;
pub use ids::CustomerId;
pub use money::{Cents, Percent, group_digits};
pub use phone::Phone;
pub use postal_code::PostalCode;
pub use text::{Note, Text};

use crate::i18n::Msg;

/// Test helper: each of `bad` is refused by `parse` with a message that says `says`.
#[cfg(test)]
fn assert_refused<T: std::fmt::Debug>(
    parse: impl Fn(&str) -> Result<T, Msg>,
    bad: &[&str],
    says: &str,
) {
    for raw in bad {
        let message = parse(raw).unwrap_err().to_string();
        assert!(message.contains(says), "{raw:?}: {message}");
    }
}

/// The one shape of a field parse: the trimmed input when `ok` accepts it, else the field's
/// message.
fn trimmed_if(
    raw: &str,
    ok: impl FnOnce(&str) -> bool,
    message: impl FnOnce() -> Msg,
) -> Result<String, Msg> {
    let value = raw.trim();
    if ok(value) {
        Ok(value.to_string())
    } else {
        Err(message())
    }
}

/// Declares a parsed text type, a newtype over the `String` its `parse` checked, with its
/// reading side: `as_str`, `into_string`, `Display`, and `String::from`.
#[macro_export]
macro_rules! parsed_text {
    ($(#[$meta:meta])* pub struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name(String);

        $crate::parsed_text!($name);
    };
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$name> for String {
            fn from(s: $name) -> String {
                s.0
            }
        }
    };
}

/// Declares an enum stored as `text` (with a CHECK constraint in the migration), with its
/// database spelling, a label for people, `FromStr`, and diesel conversions.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($db:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, diesel::AsExpression, diesel::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $db),+ }
            }

            pub fn label(&self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The label's message id (`RelationshipStatus-active`), for the reader's language.
            pub fn label_id(&self) -> &'static str {
                match self { $($name::$variant => concat!(stringify!($name), "-", $db)),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s.trim() {
                    $($db => Ok($name::$variant),)+
                    other => Err(format!("`{}` is not one of: {}", other, [$($db),+].join(", "))),
                }
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>) -> diesel::serialize::Result {
                use std::io::Write;
                out.write_all(self.as_str().as_bytes())?;
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
                let s = <String as diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg>>::from_sql(bytes)?;
                s.parse().map_err(Into::into)
            }
        }
    };
}
