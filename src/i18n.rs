//! The UI text catalog: every string the site shows that an author did not write, in vi and en.
//!
//! Templates read it as `t.<key>`; the browser runtime gets the same strings as JSON in the page.
//! Add a row to [`CATALOG`] to add a string; a test checks that no row is missing a language.

use crate::config::Language;
use std::collections::BTreeMap;

/// (key, Vietnamese, English).
const CATALOG: &[(&str, &str, &str)] = &[
    // Page chrome and navigation.
    ("home", "Trang chủ", "Home"),
    ("courses", "Khóa học", "Courses"),
    ("skip_to_content", "Chuyển đến nội dung", "Skip to content"),
    ("breadcrumbs", "Đường dẫn", "Breadcrumbs"),
    ("contents", "Nội dung bài", "On this page"),
    ("previous", "Bài trước", "Previous"),
    ("next", "Bài tiếp", "Next"),
    ("lessons", "bài học", "lessons"),
    ("lesson", "Bài học", "Lesson"),
    ("modules", "Các chương", "Modules"),
    ("course_content", "Nội dung khóa học", "Course content"),
    ("minutes", "phút", "min"),
    ("start", "Bắt đầu", "Start"),
    ("continue", "Tiếp tục học", "Continue"),
    ("not_found_title", "Không tìm thấy trang", "Page not found"),
    (
        "not_found_text",
        "Trang bạn tìm không có ở đây. Có thể đường dẫn đã thay đổi.",
        "The page you are looking for is not here. The link may have changed.",
    ),
    ("back_home", "Về trang chủ", "Back to the home page"),
    (
        "no_courses",
        "Chưa có khóa học nào.",
        "There are no courses yet.",
    ),
    (
        "footer",
        "Làm bằng khoa: khóa học tĩnh, tiến độ lưu trên máy của bạn.",
        "Made with khoa: a static course; your progress stays on your device.",
    ),
    // GFM alerts.
    ("alert_note", "Ghi chú", "Note"),
    ("alert_tip", "Mẹo", "Tip"),
    ("alert_important", "Quan trọng", "Important"),
    ("alert_warning", "Cảnh báo", "Warning"),
    ("alert_caution", "Thận trọng", "Caution"),
    ("footnotes", "Chú thích", "Footnotes"),
];

/// All strings of one language, by key.
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    CATALOG
        .iter()
        .map(|(key, vi, en)| {
            let text = match language {
                Language::Vi => *vi,
                Language::En => *en,
            };
            (*key, text)
        })
        .collect()
}

/// One string; panics in tests if the key is unknown, returns the key otherwise.
pub fn text(language: Language, key: &str) -> &'static str {
    let row = CATALOG.iter().find(|(k, _, _)| *k == key);
    debug_assert!(row.is_some(), "missing UI string `{key}`");
    match (row, language) {
        (Some((_, vi, _)), Language::Vi) => vi,
        (Some((_, _, en)), Language::En) => en,
        (None, _) => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_both_languages_and_a_unique_key() {
        let mut keys = std::collections::BTreeSet::new();
        for (key, vi, en) in CATALOG {
            assert!(!vi.is_empty() && !en.is_empty(), "{key}");
            assert!(keys.insert(key), "duplicate key {key}");
        }
    }

    #[test]
    fn picks_the_language() {
        assert_eq!(text(Language::Vi, "alert_warning"), "Cảnh báo");
        assert_eq!(strings(Language::En)["next"], "Next");
    }
}
