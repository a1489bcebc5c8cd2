//! Argon2id password hashing (19 MiB, 2 passes, 1 lane: the OWASP baseline), always run on a
//! blocking thread: a hash takes tens of milliseconds of CPU by design.

use crate::error::{AppError, AppResult};
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::OnceLock;

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 256;

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::DEFAULT)
}

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) for `password`, with a fresh salt.
pub fn hash(password: &str) -> AppResult<String> {
    argon2()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format!("argon2 hash: {e}")))
}

/// True when `password` matches `phc`. A malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    argon2().verify_password(password.as_bytes(), phc).is_ok()
}

/// Spends the same work as a real verification, for accounts that do not exist, so that an
/// unknown email and a wrong password take as long as each other.
pub fn verify_against_nobody(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("not anybody's password").unwrap_or_default());
    let _ = verify(password, phc);
}

/// Checks a new password against the policy; the message is written for the person choosing it.
pub fn check_policy(password: &str) -> Result<(), crate::i18n::Msg> {
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(crate::i18n::Msg::new("refusal-password-too-short").arg("min", MIN_LENGTH));
    }
    if len > MAX_LENGTH {
        return Err(crate::i18n::Msg::new("refusal-password-too-long").arg("max", MAX_LENGTH));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_19_mib_and_two_passes() {
        let phc = hash("correct horse battery staple").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("correct horse battery staple", &phc));
        assert!(!verify("Correct horse battery staple", &phc));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn policy_wants_twelve_characters() {
        assert!(check_policy("short").is_err());
        assert!(check_policy("twelve chars").is_ok());
    }
}
