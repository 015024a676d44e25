use crate::config::RawHtml;
use crate::highlight::Highlighter;
use crate::links::LinkMap;
use crate::markdown::{PageInput, RenderedPage, render_page};

/// Renders `text` as `content/c/l.md` (published as `c/l.html`, text from file line 4) in `mode`,
/// with a lesson `content/c/m.md` and an image `content/c/hinh.png` to link to.
fn render(text: &str, mode: RawHtml) -> RenderedPage {
    let links = LinkMap::from_pairs(&[
        ("content/c/m.md", "c/m.html"),
        ("content/c/hinh.png", "c/hinh.png"),
    ]);
    let highlighter = Highlighter::new();
    let page = PageInput {
        line_offset: 3,
        raw_html: mode,
        ..PageInput::standalone(text, &links, &highlighter)
    };
    render_page(&page)
}

fn sanitized(text: &str) -> RenderedPage {
    render(text, RawHtml::Sanitize)
}

fn messages(page: &RenderedPage) -> Vec<String> {
    let at = |d: &crate::diagnostic::Diagnostic| format!("{}:{}: {}", d.line, d.column, d.message);
    page.diagnostics.iter().map(at).collect()
}

#[test]
fn an_inline_span_with_a_class_stays_a_span() {
    let out = sanitized("Mở <span class=\"filename\">src/main.rs</span> rồi *lưu*.\n");
    assert_eq!(
        out.html,
        "<p>Mở <span class=\"filename\">src/main.rs</span> rồi <em>lưu</em>.</p>\n"
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn details_around_markdown_blocks_keep_them_inside() {
    let out = sanitized(
        "<details>\n<summary>Gợi ý</summary>\n\nDùng **mật khẩu** dài.\n\n</details>\n\nSau.\n",
    );
    assert_eq!(
        out.html,
        "<details>\n<summary>Gợi ý</summary>\n\n<p>Dùng <strong>mật khẩu</strong> dài.</p>\n</details>\n\n<p>Sau.</p>\n"
    );
}

#[test]
fn an_unclosed_inline_tag_closes_at_the_end_of_its_paragraph() {
    let out = sanitized("Một <mark>nổi bật\n\nHai.\n");
    assert_eq!(out.html, "<p>Một <mark>nổi bật</mark></p>\n<p>Hai.</p>\n");
}

#[test]
fn scripts_styles_handlers_frames_forms_and_unknown_elements_are_removed_with_a_warning() {
    let out = sanitized(
        "Chữ <script>alert(1)</script> và <b onclick=\"x()\">đậm</b>.\n\n<div class=\"o\" style=\"color:red\" onmouseover=\"x()\">\n<iframe src=\"https://a.vn\"></iframe><form><input name=q></form>\n<style>p{}</style>\n</div>\n",
    );
    assert_eq!(
        out.html,
        "<p>Chữ  và đậm.</p>\n<div class=\"o\">\n\n\n</div>\n"
    );
    assert_eq!(
        messages(&out),
        [
            "4:5: raw HTML `<script>` is removed with its content: a lesson may not run scripts or restyle the site",
            "4:34: raw HTML `<b>` is removed (its text is kept): it is not on khoa's allowlist; see \"Raw HTML\" in the manual",
            "6:16: raw HTML attribute `style` on `<div>` is removed: it is not on khoa's allowlist; see \"Raw HTML\" in the manual",
            "6:34: raw HTML attribute `onmouseover` on `<div>` is removed: event handlers run script",
            "7:1: raw HTML `<iframe>` is removed (its text is kept): it is not on khoa's allowlist; see \"Raw HTML\" in the manual",
            "7:37: raw HTML `<form>` is removed (its text is kept): it is not on khoa's allowlist; see \"Raw HTML\" in the manual",
            "7:43: raw HTML `<input>` is removed (its text is kept): it is not on khoa's allowlist; see \"Raw HTML\" in the manual",
            "8:1: raw HTML `<style>` is removed with its content: a lesson may not run scripts or restyle the site",
        ]
    );
}

#[test]
fn script_urls_in_raw_html_are_errors_and_never_reach_the_page() {
    let out = sanitized(
        "<a href=\"&#106;avascript:alert(1)\">a</a> <img src=\"data:text/html,x\" alt=\"b\"> <svg><script>alert(2)</script></svg>\n",
    );
    assert!(!out.html.contains("script"), "{}", out.html);
    assert!(!out.html.contains("data:"), "{}", out.html);
    let found = messages(&out);
    assert!(
        found[0].starts_with("4:4: `javascript:` URLs run script"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("4:47: `data:` URLs are allowed only for images"),
        "{found:?}"
    );
    assert!(out.diagnostics[0].is_error() && out.diagnostics[1].is_error());
}

#[test]
fn local_links_and_images_are_resolved_checked_and_rewritten() {
    let out = sanitized(
        "<a href=\"m.md#muc\">bài M</a> <img src=hinh.png alt=\"Hình\" width=\"40\"> <a href=\"khong.md\">x</a>\n",
    );
    assert!(
        out.html.contains(
            "<a href=\"m.html#muc\">bài M</a> <img src=\"hinh.png\" alt=\"Hình\" width=\"40\">"
        ),
        "{}",
        out.html
    );
    assert_eq!(out.links[0].url, "c/m.html");
    assert_eq!(out.links[0].anchor.as_deref(), Some("muc"));
    assert_eq!(
        messages(&out),
        ["4:74: link to a missing file: `content/c/khong.md`"]
    );
}

#[test]
fn a_ids_and_names_become_link_targets_but_never_khoas_own() {
    let out = sanitized(
        "<a id=\"dau-trang\"></a>\n\n<a name=\"cu\"></a> [lên](#dau-trang) <a id=\"_khoa-main\"></a>\n",
    );
    assert_eq!(out.anchors, ["dau-trang", "cu"]);
    assert_eq!(
        messages(&out),
        [
            "6:40: `<a>` id `_khoa-main` starts with `_khoa`, which khoa keeps for its own page elements; choose another id"
        ]
    );
}

#[test]
fn tables_figures_and_small_inline_elements_pass() {
    let text = "<table><tr><th>Phím</th><td><kbd>Ctrl</kbd>+<kbd>C</kbd></td></tr></table>\n\n<figure><img src=\"hinh.png\" alt=\"H\"><figcaption>H<sub>2</sub>O <abbr>OTP</abbr> <small>nhỏ</small></figcaption></figure>\n";
    let out = sanitized(text);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert!(out.html.contains("<table><tbody><tr><th>Phím</th><td><kbd>Ctrl</kbd>+<kbd>C</kbd></td></tr></tbody></table>"), "{}", out.html);
    assert!(
        out.html.contains(
            "<figcaption>H<sub>2</sub>O <abbr>OTP</abbr> <small>nhỏ</small></figcaption>"
        ),
        "{}",
        out.html
    );
}

#[test]
fn escape_keeps_raw_html_as_text() {
    let out = render(
        "Chữ <span class=\"x\">đỏ</span> <kbd>K</kbd>\n",
        RawHtml::Escape,
    );
    assert!(
        out.html
            .contains("Chữ &lt;span class=\"x\"&gt;đỏ&lt;/span&gt; <kbd>K</kbd>"),
        "{}",
        out.html
    );
    assert_eq!(out.diagnostics.len(), 2);
}

#[test]
fn markers_written_by_the_author_cannot_smuggle_markup() {
    let out = sanitized("<span>\u{FDD4}0\u{FDD5}</span> \u{FDD0}0\u{FDD1} <b>x</b>\n");
    assert!(!out.html.contains("<b>"), "{}", out.html);
}

#[test]
fn raw_html_in_an_image_description_stays_text_in_its_alt() {
    let out = sanitized("![a <a href=\"x onerror=alert(1) \">b](hinh.png)\n");
    assert_eq!(
        out.html,
        "<p><img src=\"hinh.png\" alt=\"a &lt;a href=&quot;x onerror=alert(1) &quot;&gt;b\" /></p>\n"
    );
}

#[test]
fn removed_script_text_is_not_searchable() {
    let out = sanitized("Xin chào <script>alert(1)</script> bạn <style>p{}</style> nhé\n");
    assert_eq!(out.text, "Xin chào bạn nhé");
    let unclosed = sanitized("Một <script>x\n\nHai.\n");
    assert_eq!(unclosed.text, "Một Hai.");
    assert_eq!(unclosed.html, "<p>Một </p>\n<p>Hai.</p>\n");
}
