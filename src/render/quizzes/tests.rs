//! Quiz tests through the real Markdown stage and the default theme's quiz templates: parsing of
//! each type and attribute, every build-time error with its line and column, and escaping of
//! hostile text (markup snapshots are in `tests_snapshots`).

use super::QuizBlocks;
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::markdown::RenderedPage;
use crate::model::Site;
use crate::render::Templates;
use crate::theme::Theme;

/// Renders `text` as lesson `l` of `content/c/l.md` (the text starts at line 1 of the file), its
/// quiz blocks through the templates of `theme`.
pub(crate) fn page_with(text: &str, theme: &Theme) -> RenderedPage {
    let site = Site {
        config: SiteConfig::default(),
        courses: Vec::new(),
        assets: Vec::new(),
        unloaded: Vec::new(),
        icon: None,
        ui: Default::default(),
        edition: Default::default(),
    };
    let templates = Templates::new(&site, theme).expect("the theme's templates compile");
    let quizzes = QuizBlocks::new(Some(&templates));
    crate::markdown::tests::render_lesson_with(text, 0, Some(&quizzes))
}

/// Renders `text` with the default theme.
fn page(text: &str) -> RenderedPage {
    page_with(text, &Theme::default_theme())
}

pub(super) fn quiz(attrs: &str, body: &str) -> RenderedPage {
    page(&format!("# Bài\n\n```quiz {attrs}\n{body}```\n"))
}

/// Diagnostics as `line:col: message` (path checked once here).
pub(super) fn problems(out: &RenderedPage) -> Vec<String> {
    out.diagnostics
        .iter()
        .map(|d: &Diagnostic| {
            assert_eq!(d.path, "content/c/l.md");
            format!("{}:{}: {}", d.line, d.column, d.message)
        })
        .collect()
}

pub(super) fn errors(attrs: &str, body: &str) -> Vec<String> {
    let out = quiz(attrs, body);
    assert!(
        out.questions.is_empty(),
        "a quiz with errors yields no question"
    );
    problems(&out)
}

fn kind(attrs: &str, body: &str) -> &'static str {
    let out = quiz(attrs, body);
    assert_eq!(problems(&out), Vec::<String>::new());
    out.questions[0].kind
}

pub(super) const OTP: &str =
    "Một người gọi điện, xưng là nhân viên ngân hàng, và đề nghị bạn đọc **mã OTP** vừa nhận.
Bạn nên làm gì?

[[?]] Mã OTP chỉ dành cho chính bạn.

- [ ] Đọc mã OTP để được hỗ trợ nhanh
  > Không. Ngân hàng không bao giờ hỏi mã OTP.
- [x] Từ chối, cúp máy và gọi lại số tổng đài in trên thẻ
- [ ] Gửi mã OTP qua tin nhắn thay vì đọc

Ngân hàng và cơ quan nhà nước **không bao giờ** hỏi mã OTP. Ai hỏi mã OTP là kẻ lừa đảo.
";

#[test]
fn the_issue_example_renders_every_part() {
    let out = quiz("id=otp-goi-dien", OTP);
    assert_eq!(problems(&out), Vec::<String>::new());
    let q = &out.questions[0];
    assert_eq!(
        (q.id.as_str(), q.kind, q.points),
        ("otp-goi-dien", "single", 1)
    );
    let html = &out.html;
    assert!(html.contains("<div class=\"quiz-stem\" id=\"_khoa-s-otp-goi-dien\"><p>Một người gọi điện, xưng là nhân viên ngân hàng, và đề nghị bạn đọc <strong>mã OTP</strong> vừa nhận."), "{html}");
    assert_eq!(html.matches("type=\"radio\"").count(), 3);
    assert!(html.contains(
        "<div class=\"quiz-feedback\" hidden><p>Không. Ngân hàng không bao giờ hỏi mã OTP.</p>"
    ));
    assert!(html.contains("<div class=\"quiz-hint\"><p>Mã OTP chỉ dành cho chính bạn.</p>"));
    assert!(html.contains("<div class=\"quiz-explanation\"><p>Ngân hàng và cơ quan nhà nước <strong>không bao giờ</strong>"));
    assert!(html.contains("<p class=\"quiz-solution-title\">Đáp án:</p>\n<ul><li>Từ chối, cúp máy và gọi lại số tổng đài in trên thẻ</li></ul>"), "reveal names the correct option by its text");
    assert!(html.contains("{\"correct\":[1],\"type\":\"single\"}"));
    assert!(!html.contains("[[?]]") && !html.contains("- [x]"));
}

#[test]
fn types_are_inferred_from_the_body_or_forced() {
    assert_eq!(kind("id=a", "Q?\n\n- [x] A\n- [ ] B\n"), "single");
    assert_eq!(
        kind("id=a", "Q?\n\n- [x] A\n- [x] B\n- [ ] C\n"),
        "multiple"
    );
    assert_eq!(
        kind("id=a type=multiple", "Q?\n\n- [x] A\n- [ ] B\n"),
        "multiple"
    );
    assert_eq!(kind("id=a", "Q?\n\n= hai bước\n= 2 bước\n"), "text");
    assert_eq!(kind("id=a", "Q?\n\n= 113\n"), "number");
    assert_eq!(kind("id=a", "Q?\n= 3.5 ± 0.1\n= 7 +- 1\n"), "number");
    assert_eq!(kind("id=a type=text", "Q?\n\n= 113\n"), "text");
    assert_eq!(kind("id=a type=order", "Q?\n\n1. A\n2. B\n"), "order");
    assert_eq!(
        kind("id=a type=match", "Q?\n\n- 113 -> Công an\n- -> Cứu hỏa\n"),
        "match"
    );
    assert_eq!(kind("id=a", "Là [[VNeID|vneid]], mức [[1|(2)]].\n"), "gaps");
}

#[test]
fn attributes_points_shuffle_fold_and_quotes() {
    let out = quiz(
        "id=\"a_1\" points=3 shuffle=false",
        "Q?\n\n- [x] A\n- [ ] B\n",
    );
    assert_eq!(problems(&out), Vec::<String>::new());
    assert_eq!(out.questions[0].points, 3);
    assert!(
        out.html
            .contains("data-points=\"3\" data-shuffle=\"false\"")
    );
    let out = quiz("id=a fold=true", "Q?\n\n= mật khẩu\n");
    assert!(
        out.html
            .contains("{\"answers\":[\"mật khẩu\"],\"fold\":true,\"type\":\"text\"}"),
        "{}",
        out.html
    );
    let out = quiz("id=a fold=true", "Q?\n\n- [x] A\n- [ ] B\n");
    assert_eq!(
        problems(&out),
        ["3:14: `fold` only affects text answers and gaps"]
    );
}

#[test]
fn numbers_keep_their_tolerance() {
    let out = quiz("id=a", "Lãi suất?\n\n= 6 ± 0.2\n= 113\n");
    assert!(
        out.html
            .contains("{\"numbers\":[[6.0,0.2],[113.0,0.0]],\"type\":\"number\"}"),
        "{}",
        out.html
    );
    assert!(out.html.contains("inputmode=\"decimal\""));
    assert!(out.html.contains("<ul><li>6 ± 0.2</li><li>113</li></ul>"));
}

#[test]
fn order_items_are_shown_out_of_order_and_revealed_in_order() {
    let out = quiz(
        "id=thu-tu type=order",
        "Sắp xếp.\n\n1. Một\n2. Hai\n3. Ba\n\nVì thế.\n",
    );
    let shown: Vec<&str> = out
        .html
        .match_indices("data-index=\"")
        .map(|(i, _)| &out.html[i + 12..i + 13])
        .collect();
    assert_eq!(shown.len(), 3);
    assert_ne!(
        shown,
        ["0", "1", "2"],
        "no-JS order must not give the answer away"
    );
    assert!(
        out.html
            .contains("<ol><li>Một</li><li>Hai</li><li>Ba</li></ol>")
    );
    assert!(out.html.contains("aria-label=\"Chuyển lên: Hai\""));
    assert!(
        out.html
            .contains("<div class=\"quiz-explanation\"><p>Vì thế.</p>")
    );
}

#[test]
fn match_rights_are_sorted_and_distractors_kept() {
    let out = quiz(
        "id=so type=match",
        "Ghép.\n\n- 115 -> Cấp cứu\n- 113 -> Công an\n- -> Tra cứu hồ sơ\n",
    );
    assert_eq!(problems(&out), Vec::<String>::new());
    let html = &out.html;
    assert!(html.contains("<option value=\"0\">Cấp cứu</option><option value=\"1\">Công an</option><option value=\"2\">Tra cứu hồ sơ</option>"), "{html}");
    assert!(html.contains("{\"correct\":[0,1],\"type\":\"match\"}"));
    assert!(html.contains("<li>115 → Cấp cứu</li><li>113 → Công an</li>"));
}

#[test]
fn gaps_become_inputs_and_dropdowns() {
    let out = quiz(
        "id=g fold=true",
        "Là [[VNeID|vneid]], mức [[1|(2)]], không phải `[[code]]`.\n\n[[?]] Gợi ý.\n\nGiải thích.\n",
    );
    assert_eq!(problems(&out), Vec::<String>::new());
    let html = &out.html;
    assert!(
        html.contains(
            "<input type=\"text\" class=\"quiz-gap\" data-gap=\"0\" aria-label=\"Chỗ trống 1\""
        ),
        "{html}"
    );
    assert!(html.contains("<select class=\"quiz-gap\" data-gap=\"1\" aria-label=\"Chỗ trống 2\"><option value=\"\">…</option><option value=\"0\">1</option><option value=\"1\">2</option></select>"));
    assert!(html.contains("<code>[[code]]</code>"));
    assert!(html.contains("{\"fold\":true,\"gaps\":[{\"answers\":[\"VNeID\",\"vneid\"]},{\"choice\":1}],\"type\":\"gaps\"}"));
    assert!(html.contains("<div class=\"quiz-explanation\"><p>Giải thích.</p>"));
}

#[test]
fn four_backtick_fences_hold_code_in_the_stem() {
    let out = page(
        "````quiz id=yaml\nSai ở đâu?\n\n```yaml\ntitle: Bài 1: Đường\n```\n\n- [x] Cần dấu ngoặc kép\n- [ ] Không sai\n````\n",
    );
    assert_eq!(problems(&out), Vec::<String>::new());
    assert!(out.html.contains("class=\"quiz-stem\""));
    assert!(
        out.html.contains("Đường") && out.html.contains("<pre"),
        "{}",
        out.html
    );
    assert_eq!(out.questions[0].kind, "single");
}

#[test]
fn every_error_has_its_line_and_column() {
    // The fence is line 3; body line 1 is line 4.
    assert_eq!(
        errors("id=a", "Q?\n\n- [ ] A\n- [ ] B\n"),
        ["6:1: no correct option: mark the right answer with `- [x]`"]
    );
    assert_eq!(
        errors("id=a", "Chỉ có câu hỏi.\n"),
        ["3:1: quiz has no answers: add options (`- [x]`), `= answer` lines or gaps `[[answer]]`"]
    );
    assert_eq!(
        errors("id=a", "Q?\n\n- [x] Đúng\n- [ ] đúng\n"),
        ["7:1: duplicate option `đúng`"]
    );
    assert_eq!(
        errors("id=a", "- [x] A\n- [ ] B\n"),
        ["3:1: quiz has an empty stem: write the question before its answers"]
    );
    assert_eq!(
        errors("id=a colour=red", "Q?\n= 1\n"),
        ["3:14: unknown quiz attribute `colour`: use id, type, points, shuffle or fold"]
    );
    assert_eq!(
        errors("id=a type=essay", "Q?\n= 1\n"),
        ["3:19: unknown quiz type `essay`: use single, multiple, text, number, order or match"]
    );
    assert_eq!(
        errors("id=a type=single", "Q?\n\n- [x] A\n- [x] B\n"),
        ["3:19: `type` contradicts the body, which is multiple choice (several `[x]`)"]
    );
    assert_eq!(
        errors("id=a type=number", "Q?\n\n= hai\n"),
        ["6:3: `hai` is not a number (write it with a decimal point: `3.5`)"]
    );
    assert_eq!(
        errors("id=a", "Q?\n\n= 3.5 ± x\n"),
        ["6:3: malformed number or tolerance `3.5 ± x`: write `3.5 ± 0.1` or `3.5 +- 0.1`"]
    );
    assert_eq!(
        errors("id=a type=order", "Q?\n\n1. Chỉ một\n"),
        ["6:1: an order question needs at least two items"]
    );
    assert_eq!(
        errors("id=a type=match", "Q?\n\n- 113 -> Công an\n- 114 Cứu hỏa\n"),
        ["7:1: match item without `->`: write `left -> right` (or `-> right` for a distractor)"]
    );
    assert_eq!(
        errors("id=a", "Điền [[ ]] vào.\n"),
        ["4:6: empty gap `[[]]`: write the accepted answer inside"]
    );
    assert_eq!(
        errors("id=Mã-OTP", "Q?\n= 1\n"),
        [
            "3:12: question id `Mã-OTP` contains `M`: use only a-z, 0-9, `-` and `_` (progress is stored under it)"
        ]
    );
    assert_eq!(
        errors("id=a type=order", "Q?\n\n- [x] A\n- [ ] B\n"),
        [
            "3:19: `type=order` contradicts the body: it has options or `=` answers; write a plain list"
        ]
    );
}

#[test]
fn all_errors_of_a_block_are_reported_at_once() {
    let found = errors("id=A points=0", "- [ ] A\n- [ ] A\n");
    assert_eq!(found.len(), 5, "{found:?}");
}

#[test]
fn a_missing_id_is_derived_from_lesson_and_text_with_a_warning() {
    let body = "Gọi công an số mấy?\n\n= 113\n";
    let first = quiz("", body);
    let moved = page(&format!(
        "# Bài\n\nĐoạn mới.\n\nThêm.\n\n```quiz\n{body}```\n"
    ));
    let id = &first.questions[0].id;
    assert!(id.starts_with("l-q") && id.len() == 11, "{id}");
    assert_eq!(
        &moved.questions[0].id, id,
        "position does not change the id"
    );
    assert!(problems(&first)[0].starts_with(&format!("3:1: question has no `id`; it gets `{id}`")));
    assert_ne!(
        quiz("", "Gọi cứu hỏa số mấy?\n\n= 114\n").questions[0].id,
        *id
    );
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let evil = "</script><script>alert(1)</script>";
    let out = quiz(
        "id=x",
        &format!(
            "Stem {evil}\n\n[[?]] Hint {evil}\n\n- [x] Option {evil}\n  > Feedback {evil}\n- [ ] B\n\nWhy {evil}\n"
        ),
    );
    assert!(!out.html.contains("alert(1)"), "{}", out.html);
    assert_eq!(
        out.html.matches("<script").count(),
        1,
        "only the answer key: {}",
        out.html
    );
    let out = quiz("id=y", &format!("Q?\n\n= {evil}\n"));
    assert!(!out.html.contains("<script>alert"));
    assert!(
        out.html
            .contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"),
        "answer key JSON is escaped"
    );
    let out = quiz(
        "id=z type=match",
        &format!("Q?\n\n- {evil} -> {evil}\n- a -> b\n"),
    );
    assert!(!out.html.contains("<script>alert"), "{}", out.html);
}

#[test]
fn an_unclosed_quiz_before_another_is_an_error_at_the_second_fence() {
    let out = page(
        "# Bài\n\n```quiz id=a\nMột?\n\n- [x] Có\n- [ ] Không\n\n```quiz id=b\nHai?\n\n= 2\n```\n",
    );
    assert!(out.questions.is_empty(), "{:?}", out.questions);
    let found = problems(&out);
    assert_eq!(
        found,
        [
            "9:1: a new `quiz` block starts here, but the one opened on line 3 is not closed: end it with its fence line before this one (it would take this question in and never score it)"
        ]
    );
    let nested = page("````quiz id=c\nVí dụ:\n\n```quiz id=d\nX?\n```\n\n= 1\n````\n");
    assert!(
        problems(&nested).iter().all(|p| !p.contains("not closed")),
        "a longer outer fence holds a quiz example on purpose"
    );
}
