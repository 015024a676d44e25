//! Vietnamese-aware text folding: NFC normalization, lowercasing and tone-mark removal (đ → d).
//!
//! Shared by slugs, quiz answer matching and the search index, so that all three agree on what
//! "the same word" means.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC-normalizes `text` (most text already is: that case is a fast scan and a copy).
pub fn nfc(text: &str) -> String {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// NFC-normalizes and lowercases `text`.
pub fn lower(text: &str) -> String {
    nfc(text).to_lowercase()
}

/// Removes tone and vowel marks and maps đ/Đ to d/D, keeping case: `Đường` → `Duong`.
pub fn strip_marks(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
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
