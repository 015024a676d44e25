//! Vietnamese-aware text folding: NFC normalization, lowercasing and tone-mark removal (đ → d).
//!
//! Shared by slugs, quiz answer matching and the search index, so that all three agree on what
//! "the same word" means.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC-normalizes `text`.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// NFC-normalizes and lowercases `text`.
pub fn lower(text: &str) -> String {
    nfc(text).to_lowercase()
}

/// Removes tone and vowel marks and maps đ/Đ to d/D, keeping case: `Đường` → `Duong`.
pub fn strip_marks(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// The folded form used for matching without a Vietnamese keyboard: lowercase, no marks.
pub fn fold(text: &str) -> String {
    strip_marks(&lower(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_words() {
        assert_eq!(fold("Đường"), "duong");
        assert_eq!(fold("Đà Nẵng"), "da nang");
        assert_eq!(fold("dịch vụ công"), "dich vu cong");
        assert_eq!(fold("mật khẩu"), "mat khau");
        assert_eq!(fold("tử"), "tu");
        assert_eq!(fold("ở"), "o");
    }

    #[test]
    fn nfd_input_gives_the_same_result_as_nfc() {
        let nfd: String = "Đường".nfd().collect();
        assert_ne!(nfd, "Đường");
        assert_eq!(nfc(&nfd), "Đường");
        assert_eq!(fold(&nfd), "duong");
    }

    #[test]
    fn english_is_only_lowercased() {
        assert_eq!(fold("Password"), "password");
        assert_eq!(lower("VNeID"), "vneid");
    }
}
