use super::*;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// The (exact, folded) forms of every word of `text`.
fn forms(text: &str) -> Vec<(String, String)> {
    words(text)
        .into_iter()
        .map(|w| (w.exact, w.folded))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn vietnamese_words_get_an_exact_and_a_folded_form() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("Đường", &[("đường", "duong")]),
        ("Đà Nẵng", &[("đà", "da"), ("nẵng", "nang")]),
        (
            "Dịch vụ công",
            &[("dịch", "dich"), ("vụ", "vu"), ("công", "cong")],
        ),
        ("MẬT KHẨU", &[("mật", "mat"), ("khẩu", "khau")]),
        ("vụ", &[("vụ", "vu")]),
        ("tử", &[("tử", "tu")]),
        ("Ở", &[("ở", "o")]),
        ("thanh toán", &[("thanh", "thanh"), ("toán", "toan")]),
    ];
    for (text, expected) in cases {
        assert_eq!(forms(text), pairs(expected), "{text}");
    }
}

#[test]
fn nfd_input_gives_the_same_words_as_nfc() {
    for text in [
        "Đường đi",
        "dịch vụ công",
        "mật khẩu",
        "Đà Nẵng",
        "thanh toán",
    ] {
        let nfd: String = text.nfd().collect();
        assert_ne!(nfd, text, "the fixture must really be decomposed");
        assert_eq!(forms(&nfd), forms(text), "{text}");
    }
}

#[test]
fn english_words_are_lowercased_and_fold_to_themselves() {
    assert_eq!(
        forms("Install VNeID, then sign in."),
        pairs(&[
            ("install", "install"),
            ("vneid", "vneid"),
            ("then", "then"),
            ("sign", "sign"),
            ("in", "in"),
        ])
    );
}

#[test]
fn punctuation_separates_words_and_digits_are_words() {
    assert_eq!(
        tokenize("mã OTP: 123456; e-wallet (ví điện tử)…"),
        ["mã", "otp", "123456", "e", "wallet", "ví", "điện", "tử"]
    );
}

#[test]
fn overlong_runs_are_not_indexed() {
    let hash = "a".repeat(MAX_WORD_CHARS + 1);
    assert_eq!(tokenize(&format!("xem {hash} nhé")), ["xem", "nhé"]);
}

#[test]
fn terms_keep_the_folded_form_only_when_it_differs() {
    assert_eq!(term("đường"), "đường duong");
    assert_eq!(term("vneid"), "vneid");
}

#[test]
fn postings_pack_doc_delta_frequency_and_fields() {
    let hits = [
        (0, TITLE | BODY, 1),
        (3, BODY, 5),
        (4, HEADING, 9),
        (6, BODY, 17),
        (7, BODY, 1000),
    ];
    assert_eq!(
        encode(&hits),
        [
            (TITLE | BODY) as u64,
            3 << 6 | 2 << 3 | BODY as u64,
            1 << 6 | 3 << 3 | HEADING as u64,
            2 << 6 | 4 << 3 | BODY as u64,
            1 << 6 | 7 << 3 | BODY as u64,
        ]
    );
}

#[test]
fn scripts_hold_no_markup_characters() {
    let source = script("add", &["<script>alert(1)</script> & \u{2028}"]);
    assert!(source.starts_with("KhoaSearch.add(["));
    assert!(!source.contains('<') && !source.contains('>') && !source.contains('&'));
    assert!(!source.contains('\u{2028}'));
    let json = &source["KhoaSearch.add(".len()..source.len() - ");\n".len()];
    let back: Vec<String> = serde_json::from_str(json).unwrap();
    assert_eq!(back, ["<script>alert(1)</script> & \u{2028}"]);
}

#[test]
fn shard_names_avoid_the_catalog_and_reserved_names() {
    assert_eq!(shard_file("con"), "course-con.js");
    assert_ne!(shard_file("index"), "index.js");
    assert_eq!(text_file("con"), "course-con.text.js");
    assert_ne!(text_file("index"), shard_file("index"));
}

#[test]
fn the_stamp_pairs_a_text_file_with_its_own_shard_only() {
    let texts = ["Đường đi".to_string(), "Mật khẩu".to_string()];
    let of = |urls: [&'static str; 2], texts: &[String; 2]| {
        stamp(urls.into_iter().zip(texts.iter().map(String::as_str)))
    };
    let base = of(["a.html", "b.html"], &texts);
    assert_eq!(base.len(), 16);
    assert_eq!(base, of(["a.html", "b.html"], &texts), "deterministic");
    assert_ne!(
        base,
        of(["b.html", "a.html"], &texts),
        "documents reordered"
    );
    let edited = ["Đường đi.".to_string(), "Mật khẩu".to_string()];
    assert_ne!(base, of(["a.html", "b.html"], &edited), "a text edited");
    let moved = ["Đường".to_string(), " điMật khẩu".to_string()];
    assert_ne!(
        base,
        of(["a.html", "b.html"], &moved),
        "text moved between documents"
    );
}

#[test]
fn word_characters_are_letters_digits_and_combining_marks() {
    for c in (0..0x3000).filter_map(char::from_u32) {
        let slow = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        assert_eq!(super::is_word_char(c), slow, "U+{:04X}", c as u32);
    }
}

/// The cases `tests/js/search-core.test.js` holds the JS runtime to as well.
const TONE_CASES: &str = include_str!("../../tests/fixtures/search/tone-placement.json");
/// Real Vietnamese prose (translations Debian ships; source and licences in its header).
const CORPUS: &str = include_str!("../../tests/fixtures/search/vi-corpus.txt");

#[test]
fn old_and_new_tone_placement_index_as_one_word_as_in_the_js_runtime() {
    let cases: serde_json::Value = serde_json::from_str(TONE_CASES).unwrap();
    for case in cases["cases"].as_array().unwrap() {
        let text = case[0].as_str().unwrap();
        let expected: Vec<&str> = case[1]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        assert_eq!(tokenize(text), expected, "{text}");
        let folded: Vec<String> = words(text).into_iter().map(|w| w.folded).collect();
        assert_eq!(
            folded,
            tokenize(&fold::fold(text)),
            "{text}: folding agrees"
        );
    }
}

#[test]
fn a_corpus_that_mixes_both_styles_counts_each_word_once_per_use() {
    let cases: serde_json::Value = serde_json::from_str(TONE_CASES).unwrap();
    let prose: String = CORPUS
        .lines()
        .filter(|line| !line.starts_with("# "))
        .flat_map(|line| [line, "\n"])
        .collect();
    let mut counts: HashMap<String, u64> = HashMap::new();
    for word in tokenize(&prose) {
        *counts.entry(word).or_default() += 1;
    }
    for (word, expected) in cases["corpus_counts"].as_object().unwrap() {
        let found = counts.get(word).copied().unwrap_or(0);
        assert_eq!(Some(found), expected.as_u64(), "{word}");
    }
}

#[test]
fn catalogs_sit_in_a_root_folder_of_khoa_and_keep_their_language_folder() {
    let folder = CATALOG_DIR.trim_end_matches('/');
    assert!(crate::output::ROOT_FOLDERS.contains(&folder));
    assert_eq!(catalog_path(&dir("")), "_search/index.js");
    assert_eq!(catalog_path(&dir("en/")), "_search/en/index.js");
}

#[test]
fn words_give_back_what_was_pushed_and_refuse_lengths_that_do_not_cut_whole() {
    let mut words = Words::default();
    for (word, mask, count) in [("đường", 5, 2), ("a", 1, 1), ("khoá", 4, 300)] {
        words.push(word, mask, count);
    }
    let listed: Vec<(&str, u8, u32)> = words.iter().collect();
    assert_eq!(listed, [("đường", 5, 2), ("a", 1, 1), ("khoá", 4, 300)]);
    let (text, lengths) = words.parts();
    let lengths: Vec<(usize, u8, u32)> = lengths.collect();
    assert_eq!(Words::from_parts(text.to_string(), &lengths), Some(words));
    // Inside "đ" (two bytes), short of the text, past it.
    assert_eq!(
        Words::from_parts("đa".into(), &[(1, 1, 1), (2, 1, 1)]),
        None
    );
    assert_eq!(Words::from_parts("abc".into(), &[(2, 1, 1)]), None);
    assert_eq!(
        Words::from_parts("ab".into(), &[(2, 1, 1), (1, 1, 1)]),
        None
    );
}
