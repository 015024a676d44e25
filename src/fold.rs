//! Vietnamese-aware text folding: NFC normalization, lowercasing, tone-mark removal (đ → d) and
//! one tone placement for search (`khóa` and `khoá`).
//!
//! Shared by slugs, quiz answer matching and the search index, so that all three agree on what
//! "the same word" means.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC-normalizes `text` (most text already is: that case is a fast scan and a copy).
pub fn nfc(text: &str) -> String {
    if is_composed_latin_text(text) {
        return text.to_string();
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// Whether `text` is made only of characters below U+0300 or in Latin Extended Additional
/// (U+1E00 to U+1EFF, where Vietnamese letters with two marks live): each is NFC on its own and
/// combines with nothing before it, so such text is NFC, found without the per-character table
/// lookups of `is_nfc_quick` (most of the time spent normalising Vietnamese). Read from the UTF-8
/// bytes without decoding: a byte below 0xCC is ASCII, a continuation byte or the lead of a
/// character below U+0300; U+1E00 to U+1EFF are the three bytes `E1 B8..=BB xx`. So each byte
/// is judged with the one after it alone, in blocks without branching, which compilers turn into
/// vector code (Vietnamese has such a letter every few bytes, which stopped a byte-by-byte scan).
fn is_composed_latin_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let other =
        |byte: u8, next: u8| (byte >= 0xCC) & !((byte == 0xE1) & (0xB8..=0xBB).contains(&next));
    let Some((&last, _)) = bytes.split_last() else {
        return true;
    };
    let pairs = bytes.len() - 1;
    let mut at = 0;
    while at < pairs {
        let end = (at + 64).min(pairs);
        let block = bytes[at..end].iter().zip(&bytes[at + 1..=end]);
        if block.fold(false, |found, (&byte, &next)| found | other(byte, next)) {
            return false;
        }
        at = end;
    }
    !other(last, 0)
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

/// Vowels that take a tone mark in the diphthongs whose tone moves between spelling conventions
/// (`oa`, `oe`, `uy`), plain then with each of the five tones (grave, acute, hook, tilde, dot).
const TONED: [[char; 6]; 5] = [
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// The (row in [`TONED`], tone 0-5) of a lowercase vowel.
fn toned(c: char) -> Option<(usize, usize)> {
    TONED
        .iter()
        .enumerate()
        .find_map(|(row, forms)| forms.iter().position(|&f| f == c).map(|tone| (row, tone)))
}

/// One tone placement for a word that is NFC and lowercase: in a syllable ending in `oa`, `oe` or
/// `uy` the old style marks the first vowel (`khóa`, `hòa`, `thủy`, `túy`, `lòa`), the new style
/// the second (`khoá`, `hoà`, `thuỷ`, `tuý`, `loà`); both become the new style, so search treats
/// them as one word. `search-core.js` does the same (`tonePlacement`), and tests hold both to the
/// same cases. Only a word's last two letters move: with a final consonant (`hoàng`) both styles
/// agree already.
pub fn tone_placement(word: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = word.chars().rev();
    let (Some(last), Some(first)) = (chars.next(), chars.next()) else {
        return word.into();
    };
    let (Some((first_row, tone)), Some((last_row, 0))) = (toned(first), toned(last)) else {
        return word.into();
    };
    let pair = matches!((first_row, last_row), (0, 2) | (0, 3) | (1, 4));
    if !pair || tone == 0 {
        return word.into();
    }
    let stem = &word[..word.len() - first.len_utf8() - last.len_utf8()];
    format!("{stem}{}{}", TONED[first_row][0], TONED[last_row][tone]).into()
}

/// The folded form used for matching without a Vietnamese keyboard: lowercase, no marks.
pub fn fold(text: &str) -> String {
    strip_marks(&lower(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters [`is_composed_latin_text`] lets through.
    fn is_composed_latin(c: char) -> bool {
        c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    }

    #[test]
    fn the_composed_latin_fast_path_agrees_with_the_unicode_tables() {
        use unicode_normalization::char::canonical_combining_class;
        let chars = ('\0'..'\u{300}').chain('\u{1E00}'..='\u{1EFF}');
        for c in chars {
            assert!(is_composed_latin(c));
            assert!(is_composed_latin_text(&format!("a{c}b")), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?} combines");
            assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
        }
        assert!(!is_composed_latin('\u{301}'));
        for c in [
            '\u{301}',
            '\u{1DFF}',
            '\u{1F00}',
            '\u{2126}',
            '\u{AC00}',
            '\u{10000}',
        ] {
            assert!(!is_composed_latin_text(&format!("Việt{c}")), "{c:?}");
        }
        assert_eq!(nfc("Tie\u{302}\u{301}ng Vie\u{323}\u{302}t"), "Tiếng Việt");
        // Every character, at every place around the blocks the scan reads at once.
        let text = "Tiếng Việt có dấu: đường, thủy, khoá. ".repeat(4);
        let some = ('\0'..'\u{2000}').chain(['\u{AC00}', '\u{10000}', '\u{1F600}']);
        for c in some {
            for cut in [0, 1, 5, 62, 63, 64, 65, 66, 127, text.len()] {
                let (before, after) = text.split_at(text.floor_char_boundary(cut));
                let with = format!("{before}{c}{after}");
                assert_eq!(
                    is_composed_latin_text(&with),
                    is_composed_latin(c),
                    "{c:?} at {cut}"
                );
            }
        }
        assert_eq!(nfc("Tiếng Việt"), "Tiếng Việt");
    }

    #[test]
    fn other_languages_are_lowercased_without_their_accents() {
        assert_eq!(fold("Café Señor Ørsted"), "cafe senor ørsted");
        assert_eq!(fold("Über naïve"), "uber naive");
    }

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
    fn old_and_new_tone_placement_spell_one_word() {
        for (old, new) in [
            ("khóa", "khoá"),
            ("hóa", "hoá"),
            ("thủy", "thuỷ"),
            ("túy", "tuý"),
            ("lòa", "loà"),
            ("khỏe", "khoẻ"),
        ] {
            assert_eq!(tone_placement(old), new);
            assert_eq!(tone_placement(new), new);
        }
        for same in ["hoàng", "hoa", "quý", "mía", "múa", "tủ", "a", "", "khoa"] {
            assert_eq!(tone_placement(same), same);
        }
    }

    #[test]
    fn english_is_only_lowercased() {
        assert_eq!(fold("Password"), "password");
        assert_eq!(lower("VNeID"), "vneid");
    }
}
