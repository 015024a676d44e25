//! The UI text catalog: every string the site shows that an author did not write, in vi and en.
//!
//! Templates read it as `t.<key>`, and Markdown and quiz markup through [`text`]. The browser
//! runtime gets the same strings from `_khoa/i18n/<lang>.js`, one script per language that
//! `render::templates` writes and browsers cache, rather than JSON repeated in every page.
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
    // Progress: lesson state, dashboards, profiles, export/import, completion page.
    ("status_new", "Chưa học", "Not started"),
    ("status_visited", "Đã xem", "Visited"),
    ("status_done", "Đã học xong", "Done"),
    ("mark_done", "Đã học xong", "Mark as done"),
    ("lesson_state", "Trạng thái bài này", "This lesson"),
    ("lesson_score", "Điểm câu hỏi", "Question score"),
    ("progress", "Tiến độ", "Progress"),
    (
        "progress_count",
        "{done}/{total} bài · {percent}%",
        "{done}/{total} lessons · {percent}%",
    ),
    (
        "storage_off",
        "Trình duyệt này không cho lưu tiến độ: những gì bạn làm sẽ mất khi đóng trang. Hãy dùng “Tạo mã tiến độ” để giữ lại.",
        "This browser does not let the site save your progress: it will be lost when you close the page. Use “Make a progress code” to keep it.",
    ),
    (
        "tools",
        "Người học và sao lưu tiến độ",
        "Learners and progress backup",
    ),
    ("profile", "Người học", "Learner"),
    ("profile_default", "Người học chính", "Main learner"),
    ("profile_name", "Tên người học", "Learner's name"),
    ("profile_add", "Thêm người học", "Add learner"),
    ("profile_rename", "Đổi tên", "Rename"),
    ("profile_delete", "Xóa người học này", "Delete this learner"),
    (
        "profile_delete_confirm",
        "Xóa người học “{name}” và toàn bộ tiến độ của họ trên máy này?",
        "Delete learner “{name}” and all their progress on this device?",
    ),
    (
        "export_file",
        "Tải tệp tiến độ (JSON)",
        "Download progress file (JSON)",
    ),
    ("export_code", "Tạo mã tiến độ", "Make a progress code"),
    (
        "export_code_help",
        "Gửi mã này cho chính bạn (qua tin nhắn) rồi nhập nó trên máy khác.",
        "Send this code to yourself (in a message), then import it on another device.",
    ),
    ("copy", "Sao chép", "Copy"),
    ("import", "Nhập tiến độ", "Import progress"),
    (
        "import_help",
        "Dán mã tiến độ, hoặc chọn tệp tiến độ đã tải.",
        "Paste a progress code, or choose a downloaded progress file.",
    ),
    (
        "import_done",
        "Đã nhập tiến độ của {courses} khóa học ({lessons} bài, {answers} câu trả lời).",
        "Imported progress of {courses} course(s) ({lessons} lessons, {answers} answers).",
    ),
    (
        "import_error_code",
        "Mã không đúng: có thể bị thiếu hoặc sai ký tự. Không có gì bị thay đổi.",
        "This code is not valid: part of it may be missing or mistyped. Nothing was changed.",
    ),
    (
        "import_error_format",
        "Đây không phải mã hay tệp tiến độ. Không có gì bị thay đổi.",
        "This is not a progress code or file. Nothing was changed.",
    ),
    (
        "import_error_site",
        "Tiến độ này thuộc về một trang khác. Không có gì bị thay đổi.",
        "This progress belongs to another site. Nothing was changed.",
    ),
    (
        "import_error_empty",
        "Không có tiến độ hợp lệ để nhập. Không có gì bị thay đổi.",
        "There is no valid progress to import. Nothing was changed.",
    ),
    (
        "reset",
        "Xóa tiến độ khóa học này",
        "Reset progress in this course",
    ),
    (
        "reset_confirm",
        "Xóa toàn bộ tiến độ khóa học này của “{name}”? Không thể hoàn tác.",
        "Delete all of {name}'s progress in this course? This cannot be undone.",
    ),
    (
        "completion_title",
        "Giấy hoàn thành khóa học",
        "Course completion",
    ),
    (
        "completion_link",
        "Xem giấy hoàn thành",
        "View your completion page",
    ),
    (
        "completion_noscript",
        "Trang này cần JavaScript để đọc tiến độ lưu trên máy bạn.",
        "This page needs JavaScript to read the progress saved on your device.",
    ),
    ("completion_name", "Tên của bạn", "Your name"),
    ("completion_print", "In", "Print"),
    (
        "completion_certifies",
        "Xác nhận rằng",
        "This confirms that",
    ),
    (
        "completion_finished",
        "đã học xong khóa học",
        "has completed the course",
    ),
    ("completion_score", "Điểm câu hỏi", "Quiz score"),
    ("completion_date", "Ngày", "Date"),
    (
        "completion_self_issued",
        "Giấy này do trình duyệt của chính người học tự tạo từ tiến độ lưu trên máy. Đây không phải chứng chỉ do đơn vị tổ chức khóa học cấp.",
        "This page was made by the learner's own browser from the progress saved on this device. It is not a certificate issued by the course's organisers.",
    ),
    (
        "completion_missing",
        "Còn {n} bài chưa học xong:",
        "{n} lesson(s) still to finish:",
    ),
    (
        "completion_low_score",
        "Điểm câu hỏi của bạn là {score}%, cần ít nhất {pass}%. Hãy làm lại các câu chưa đúng.",
        "Your quiz score is {score}%; at least {pass}% is needed. Try the questions you got wrong again.",
    ),
    // Quizzes.
    ("quiz_pick_one", "Chọn một đáp án", "Choose one answer"),
    (
        "quiz_pick_many",
        "Chọn tất cả đáp án đúng",
        "Choose every correct answer",
    ),
    ("quiz_type_text", "Nhập câu trả lời", "Type your answer"),
    ("quiz_type_number", "Nhập một số", "Type a number"),
    (
        "quiz_order",
        "Sắp xếp theo đúng thứ tự",
        "Put in the right order",
    ),
    (
        "quiz_match",
        "Ghép mỗi mục với lựa chọn phù hợp",
        "Match each item",
    ),
    ("quiz_gaps", "Điền vào chỗ trống", "Fill in the blanks"),
    ("quiz_your_answer", "Câu trả lời của bạn", "Your answer"),
    ("quiz_gap", "Chỗ trống", "Blank"),
    ("quiz_choose", "Chọn…", "Choose…"),
    ("quiz_up", "Chuyển lên", "Move up"),
    ("quiz_down", "Chuyển xuống", "Move down"),
    ("quiz_check", "Kiểm tra", "Check"),
    ("quiz_retry", "Làm lại", "Try again"),
    ("quiz_hint", "Gợi ý", "Hint"),
    ("quiz_hints", "Gợi ý", "Hints"),
    (
        "quiz_show_answer",
        "Xem đáp án và giải thích",
        "Show the answer and explanation",
    ),
    ("quiz_answer", "Đáp án:", "Answer:"),
    ("quiz_right", "Đúng", "Correct"),
    ("quiz_wrong", "Chưa đúng", "Not quite"),
    (
        "quiz_empty",
        "Hãy trả lời trước khi kiểm tra.",
        "Answer before checking.",
    ),
    ("quiz_score", "Điểm bài học", "Lesson score"),
    // Search.
    ("search_label", "Tìm bài học", "Search lessons"),
    ("search_placeholder", "Tìm bài học…", "Search lessons…"),
    ("search_results", "Kết quả tìm kiếm", "Search results"),
    (
        "search_loading",
        "Đang tải chỉ mục tìm kiếm…",
        "Loading the search index…",
    ),
    (
        "search_none",
        "Không tìm thấy bài nào.",
        "No lessons found.",
    ),
    ("search_count", "{n} kết quả", "{n} results"),
    (
        "search_count_some",
        "Hiện {shown} trong số {n} kết quả; gõ thêm từ để thu hẹp.",
        "Showing {shown} of {n} results; type more words to narrow them.",
    ),
    (
        "search_error",
        "Không tải được chỉ mục tìm kiếm.",
        "The search index could not be loaded.",
    ),
    ("search_all", "Tìm trong mọi khóa học", "Search all courses"),
    // Offline: course downloads, updates, the offline page.
    (
        "offline_get",
        "Tải về để học offline",
        "Download for offline use",
    ),
    (
        "offline_progress",
        "Đang tải {done}/{total} tệp · {got} / {size}",
        "Downloading {done}/{total} files · {got} of {size}",
    ),
    (
        "offline_ready",
        "Đã sẵn sàng học offline ({size}).",
        "Ready for offline use ({size}).",
    ),
    ("offline_remove", "Xóa bản tải về", "Remove the download"),
    (
        "offline_removed",
        "Đã xóa bản tải về. Tiến độ học vẫn được giữ.",
        "The download was removed. Your progress is kept.",
    ),
    (
        "offline_quota",
        "Máy không còn đủ chỗ để lưu khóa học này ({size}). Hãy xóa bớt ảnh hoặc ứng dụng rồi thử lại.",
        "There is not enough space on this device for this course ({size}). Free some space and try again.",
    ),
    (
        "offline_failed",
        "Không tải được {file}: mạng bị ngắt hoặc tệp không có. Khóa học chưa tải xong; hãy thử lại khi có mạng.",
        "Could not download {file}: the network dropped or the file is missing. The course is not downloaded yet; try again when you are online.",
    ),
    (
        "offline_stale",
        "Trang vừa có bản mới. Hãy tải lại trang rồi thử lại.",
        "A new version of the site was just published. Reload the page and try again.",
    ),
    (
        "offline_update",
        "Có nội dung mới",
        "New content is available",
    ),
    ("offline_update_button", "Cập nhật", "Update"),
    ("offline_title", "Bạn đang offline", "You are offline"),
    (
        "offline_text",
        "Trang này chưa được lưu trên máy. Hãy mở lại khi có mạng.",
        "This page is not saved on this device. Open it again when you are online.",
    ),
    (
        "offline_courses",
        "Các khóa học đã tải về, học được ngay:",
        "Downloaded courses you can study now:",
    ),
    (
        "offline_none",
        "Chưa có khóa học nào được tải về máy này.",
        "No course has been downloaded on this device.",
    ),
    // Learning paths: the courses to learn before a course, and the one after it.
    ("requires_before", "Nên học trước", "Learn these first"),
    ("next_course", "Học tiếp", "Learn next"),
    // Learners: read-aloud, print, review, the course outline beside a lesson.
    ("read_aloud", "Nghe bài", "Listen"),
    (
        "read_aloud_label",
        "Đọc to bài học",
        "Read the lesson aloud",
    ),
    ("read_pause", "Tạm dừng", "Pause"),
    ("read_resume", "Nghe tiếp", "Resume"),
    ("read_stop", "Dừng đọc", "Stop"),
    ("read_speed", "Tốc độ đọc", "Reading speed"),
    ("print_link", "Bản in cả khóa", "Print the whole course"),
    (
        "print_note",
        "Trang này gồm mọi bài của khóa học, để in ra giấy (Ctrl+P). Đáp án ở cuối.",
        "This page holds every lesson of the course, to print on paper (Ctrl+P). The answers are at the end.",
    ),
    ("print_question", "Câu", "Question"),
    ("print_answer_key", "Đáp án", "Answer key"),
    ("print_write", "Viết câu trả lời:", "Write your answer:"),
    ("print_choices", "Các lựa chọn:", "Choices:"),
    ("review_title", "Ôn tập", "Review"),
    (
        "review_intro",
        "Các câu bạn đã trả lời sai hoặc bỏ qua trong khóa học này. Trả lời lại ngay tại đây: điểm được cập nhật như trong bài.",
        "The questions you got wrong or skipped in this course. Answer them again here: your scores are updated as in the lessons.",
    ),
    (
        "review_empty",
        "Không có câu nào cần ôn tập: bạn chưa trả lời sai hay bỏ qua câu nào.",
        "Nothing to review: you have not got any question wrong or skipped one.",
    ),
    (
        "review_left",
        "Còn {n} câu cần ôn tập.",
        "{n} questions left to review.",
    ),
    ("review_link", "Ôn tập ({n} câu)", "Review ({n} questions)"),
    (
        "review_noscript",
        "Trang ôn tập cần JavaScript để đọc câu trả lời bạn đã lưu.",
        "The review page needs JavaScript to read the answers you saved.",
    ),
    ("outline_done", "đã học xong", "done"),
    ("task_done", "Đã xong", "Done"),
    ("task_todo", "Chưa xong", "Not done"),
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
