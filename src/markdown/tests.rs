use super::*;

/// Renders `text` as lesson `l` at `content/c/l.md`, published as `c/l.html`, starting at file
/// line `line_offset + 1`, with no other pages to link to. Shared with the quiz tests.
pub(crate) fn render_lesson(text: &str, line_offset: usize) -> Rendered {
    let links = LinkMap::default();
    let highlighter = Highlighter::new();
    let page = Page {
        text,
        path: "content/c/l.md",
        line_offset,
        url: "c/l.html",
        language: Language::Vi,
        lesson_id: "l",
        links: &links,
        highlighter: &highlighter,
    };
    render(&page)
}

fn render_text(text: &str) -> Rendered {
    render_lesson(text, 3)
}

#[test]
fn headings_get_unique_stable_ids() {
    let out = render_text("## Tạo mật khẩu\n\n## Tạo mật khẩu\n\n### Riêng {#rieng-tu}\n");
    let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["tao-mat-khau", "tao-mat-khau-1", "rieng-tu"]);
    assert!(
        out.html
            .contains("<h2 id=\"tao-mat-khau\">Tạo mật khẩu</h2>"),
        "{}",
        out.html
    );
}

#[test]
fn alerts_become_callouts_with_catalog_titles() {
    let out = render_text("> [!WARNING]\n> Không chia sẻ mã OTP.\n");
    assert!(out.html.contains("<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Cảnh báo</p>"), "{}", out.html);
    assert!(out.html.contains("Không chia sẻ mã OTP."));
}

#[test]
fn raw_html_is_escaped_and_warned() {
    let out = render_text("Xin chào <script>alert(1)</script> bạn\n\n<div onclick=x>hi</div>\n");
    assert!(!out.html.contains("<script>"), "{}", out.html);
    assert!(!out.html.contains("<div onclick"), "{}", out.html);
    assert_eq!(out.diagnostics.len(), 3, "{:?}", out.diagnostics);
    assert_eq!(out.diagnostics[0].line, 4);
}

#[test]
fn small_inline_tags_pass() {
    let out = render_text("Nhấn <kbd>Ctrl</kbd>\n");
    assert!(out.html.contains("<kbd>Ctrl</kbd>"), "{}", out.html);
    assert!(out.diagnostics.is_empty());
}

#[test]
fn missing_links_are_errors_at_their_line_and_column() {
    let out = render_text("Dòng một\n\nXem [bài kia](khong-co.md) nhé.\n");
    let d = &out.diagnostics[0];
    assert!(d.is_error());
    assert_eq!((d.line, d.column), (6, 5));
    assert!(out.html.contains("href=\"#\""));
}

#[test]
fn javascript_links_are_neutralized() {
    let out = render_text("[x](javascript:alert(1))\n");
    assert!(!out.html.contains("javascript:"), "{}", out.html);
    assert!(out.diagnostics[0].is_error());
}

#[test]
fn http_links_warn() {
    let out = render_text("[x](http://example.com)\n");
    assert!(!out.diagnostics[0].is_error());
}

#[test]
fn code_is_highlighted_and_not_indexed() {
    let out = render_text("Văn bản\n\n```python\nsecret_token = 1\n```\n");
    assert!(out.html.contains("data-lang=\"python\""));
    assert!(out.text.contains("Văn bản"));
    assert!(!out.text.contains("secret_token"));
}

#[test]
fn smart_punctuation_stays_off_and_extensions_are_on() {
    let out = render_text(
        "\"quoted\" -- x\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gạch~~\n\n- [x] xong\n\nThuật ngữ\n: định nghĩa\n\nChú thích[^1]\n\n[^1]: ghi chú\n",
    );
    assert!(out.html.contains("<p>\"quoted\" -- x</p>"), "{}", out.html);
    for tag in ["<table>", "<del>", "type=\"checkbox\"", "<dl>", "footnote"] {
        assert!(out.html.contains(tag), "missing {tag}: {}", out.html);
    }
}
