use super::*;

/// Renders `text` as lesson `l` at `content/c/l.md`, published as `c/l.html`, starting at file
/// line `line_offset + 1`, with no other pages to link to. Shared with the quiz tests.
pub(crate) fn render_lesson(text: &str, line_offset: usize) -> RenderedPage {
    render_lesson_with(text, line_offset, None)
}

/// Like [`render_lesson`], offering fenced blocks to `fenced`.
pub(crate) fn render_lesson_with(
    text: &str,
    line_offset: usize,
    fenced: Option<&dyn FencedBlocks>,
) -> RenderedPage {
    let links = LinkMap::default();
    let highlighter = Highlighter::new();
    let page = PageInput {
        line_offset,
        fenced,
        ..PageInput::standalone(text, &links, &highlighter)
    };
    render_page(&page)
}

fn render_text(text: &str) -> RenderedPage {
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
fn a_repeated_explicit_id_is_an_error_at_the_second_heading() {
    let out = render_text("## Một {#muc}\n\nChữ.\n\n## Hai {#muc}\n\n## Một\n\n## Một\n");
    let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["muc", "muc-1", "mot", "mot-1"]);
    assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
    let d = &out.diagnostics[0];
    assert_eq!((d.line, d.column, d.is_error()), (8, 1, true));
    assert!(
        d.message
            .starts_with("heading id `muc` is already used on this page")
    );
}

#[test]
fn alerts_become_callouts_with_catalog_titles() {
    let out = render_text("> [!WARNING]\n> Không chia sẻ mã OTP.\n");
    assert!(out.html.contains("<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Cảnh báo</p>"), "{}", out.html);
    assert!(out.html.contains("Không chia sẻ mã OTP."));
}

#[test]
fn raw_html_is_sanitized_and_warned() {
    let out = render_text("Xin chào <script>alert(1)</script> bạn\n\n<div onclick=x>hi</div>\n");
    assert!(!out.html.contains("<script>"), "{}", out.html);
    assert!(out.html.contains("<div>hi</div>"), "{}", out.html);
    assert_eq!(out.diagnostics.len(), 2, "{:?}", out.diagnostics);
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

fn errors(out: &RenderedPage) -> Vec<String> {
    out.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

#[test]
fn heading_attributes_other_than_id_and_class_are_errors_and_never_reach_the_html() {
    let out = render_text("Mở đầu\n\n## Bấm {#t .ghi-chu onclick=alert(1) style=x}\n");
    assert_eq!(
        errors(&out),
        [
            "content/c/l.md:6:21: error: heading attribute `onclick` is not allowed: only `#id` and `.class` are (ASCII letters, digits, `-` and `_`)",
            "content/c/l.md:6:38: error: heading attribute `style` is not allowed: only `#id` and `.class` are (ASCII letters, digits, `-` and `_`)",
        ]
    );
    assert!(
        out.html.contains("<h2 id=\"t\" class=\"ghi-chu\">Bấm</h2>"),
        "{}",
        out.html
    );
    assert!(!out.html.contains("onclick") && !out.html.contains("style"));
}

#[test]
fn heading_ids_and_classes_with_other_characters_are_errors() {
    let out = render_text("Setext {#bảo-mật .a\"b}\n---\n");
    let found = errors(&out);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("content/c/l.md:4:9: error: heading id `#bảo-mật`"));
    assert!(found[1].starts_with("content/c/l.md:4:18: error: heading class `.a\"b`"));
    assert!(out.html.contains("<h2 id=\"setext\">"), "{}", out.html);
}

/// Values of the `href` and `src` attributes in `html`.
fn url_attributes(html: &str) -> Vec<String> {
    ["href=\"", "src=\""]
        .iter()
        .flat_map(|attr| html.split(attr).skip(1))
        .map(|rest| rest.split('"').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn script_urls_are_refused_however_they_are_spelled() {
    for link in [
        "[x](javascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](JAVA&#x09;SCRIPT:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "<javascript:alert(1)>",
        "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ] {
        let out = render_text(&format!("{link}\n"));
        assert_eq!(errors(&out).len(), 1, "{link}: {:?}", out.diagnostics);
        assert!(
            errors(&out)[0].contains(":4:1: error:"),
            "{:?}",
            errors(&out)
        );
        let urls = url_attributes(&out.html);
        assert!(urls.iter().all(|url| url == "#"), "{link}: {}", out.html);
    }
}

#[test]
fn images_may_be_inline_data_and_mail_autolinks_stay_mail_links() {
    let out = render_text("![chấm](data:image/png;base64,iVBORw0KGgo=) <hoi@example.com>\n");
    assert!(errors(&out).is_empty(), "{:?}", out.diagnostics);
    assert!(
        out.html
            .contains("src=\"data:image/png;base64,iVBORw0KGgo=\"")
    );
    assert!(
        out.html.contains("href=\"mailto:hoi@example.com\""),
        "{}",
        out.html
    );
}

#[test]
fn titles_and_alt_text_stay_inside_their_attribute() {
    let out = render_text(
        "[a](https://x.vn \"t\\\" onmouseover=alert(1) x=\\\">\") ![**đậm** \"x\" <b onclick=y> <kbd>k</kbd>](data:image/png,x \"q'\\\"\")\n",
    );
    assert!(
        out.html
            .contains("title=\"t&quot; onmouseover=alert(1) x=&quot;&gt;\""),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains("alt=\"đậm &quot;x&quot; &lt;b onclick=y&gt; &lt;kbd&gt;k&lt;/kbd&gt;\""),
        "{}",
        out.html
    );
    assert!(!out.html.contains("<b "), "{}", out.html);
}

#[test]
fn allowed_inline_tags_lose_the_attributes_they_may_not_carry() {
    let out = render_text("<kbd onclick=\"x\">a</kbd> <KBD>b</KBD> <sup style=x>c</sup>\n");
    assert_eq!(out.html, "<p><kbd>a</kbd> <kbd>b</kbd> <sup>c</sup></p>\n");
    assert_eq!(out.diagnostics.len(), 2, "{:?}", out.diagnostics);
}

#[test]
fn task_list_boxes_are_named_for_screen_readers_in_the_page_language() {
    let out = render_text("- [x] xong\n- [ ] chưa\n");
    assert!(
        out.html
            .contains("<input disabled type=\"checkbox\" checked aria-label=\"Đã xong\"> xong"),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains("<input disabled type=\"checkbox\" aria-label=\"Chưa xong\"> chưa"),
        "{}",
        out.html
    );
}
