//! Author text never becomes script: hostile input is refused where it is written, and no built
//! page or SVG carries an event handler, a `<script>` other than khoa's own, or a script URL.
//!
//! [`assert_no_script`] runs after every successful `Project::build()` of the whole suite, so
//! every fixture of every test is scanned, as well as the sample and the fixtures below.

use crate::{Project, khoa_bin};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::path::Path;
use std::process::Command;

/// Every way the built site at `public` could run script that khoa did not write, as
/// `file: what`. Pages and SVGs are read with html5gum, a WHATWG HTML tokenizer.
pub fn script_in(public: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let kind = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(kind.to_ascii_lowercase().as_str(), "html" | "htm" | "svg") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let name = path.strip_prefix(public).unwrap_or(path).display();
        found.extend(
            script_in_page(&text)
                .into_iter()
                .map(|f| format!("{name}: {f}")),
        );
    }
    found
}

/// Panics with every finding when the site at `public` could run script khoa did not write.
#[track_caller]
pub fn assert_no_script(public: &Path) {
    let found = script_in(public);
    assert!(
        found.is_empty(),
        "script in the built site:\n{}",
        found.join("\n")
    );
}

/// The findings of one page or SVG.
fn script_in_page(text: &str) -> Vec<String> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut found = Vec::new();
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let attributes: Vec<(String, String)> = tag
            .attributes
            .iter()
            .map(|(k, v)| {
                let key = String::from_utf8_lossy(k).to_ascii_lowercase();
                (key, String::from_utf8_lossy(&v.value).into_owned())
            })
            .collect();
        if (name == "script" || name.ends_with(":script")) && !is_khoas_own_script(&attributes) {
            found.push(format!("<{name}> with {attributes:?}"));
        }
        for (key, value) in &attributes {
            let local = key.rsplit(':').next().unwrap_or(key);
            if local.starts_with("on") {
                found.push(format!("event handler {key}={value:?} on <{name}>"));
            }
            if is_script_url(local, value, &name) {
                found.push(format!("script URL {key}={value:?} on <{name}>"));
            }
        }
    }
    found
}

/// khoa's own scripts: its runtime, strings and outlines under `_khoa/` (`<script defer src>`),
/// the page data (`#_khoa-data`) and quiz answer keys (`.quiz-data`), both JSON.
fn is_khoas_own_script(attributes: &[(String, String)]) -> bool {
    let get = |key: &str| {
        attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let keys: Vec<&str> = attributes.iter().map(|(k, _)| k.as_str()).collect();
    match keys.as_slice() {
        ["defer", "src"] | ["src", "defer"] => {
            let src = get("src").unwrap_or_default().trim_start_matches("../");
            src.starts_with("_khoa/") && src.ends_with(".js") && !src.contains("..")
        }
        ["id", "type"] | ["type", "id"] => {
            get("id") == Some("_khoa-data") && get("type") == Some("application/json")
        }
        ["class", "type"] | ["type", "class"] => {
            get("class") == Some("quiz-data") && get("type") == Some("application/json")
        }
        _ => false,
    }
}

/// `javascript:`, `vbscript:` or a `data:` URL other than an image's, as a browser reads it.
fn is_script_url(attribute: &str, value: &str, element: &str) -> bool {
    let read: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    let url_attribute = matches!(
        attribute,
        "href" | "src" | "action" | "formaction" | "data" | "srcdoc" | "poster" | "cite"
    );
    let image = element == "img" || element == "image";
    read.contains("javascript:")
        || read.contains("vbscript:")
        || attribute == "srcdoc"
        || (url_attribute
            && read.starts_with("data:")
            && !(image && read.starts_with("data:image/")))
}

#[test]
fn the_scanner_finds_handlers_foreign_scripts_and_script_urls() {
    let page = r#"<p onclick="x">a</p><script>alert(1)</script><script defer src="https://evil.example/x.js"></script>
<a href=" JaVa&#x09;script:alert(1)">x</a><svg><a xlink:href="javascript:x"></a></svg>
<iframe src="data:text/html,x"></iframe><img src="data:image/png;base64,x">
<script defer src="../_khoa/js/khoa.js"></script><script type="application/json" id="_khoa-data">{}</script>"#;
    let found = script_in_page(page);
    assert_eq!(found.len(), 6, "{found:#?}");
}

#[test]
fn the_sample_course_builds_with_no_script_but_khoas_own() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new(khoa_bin())
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&public)
        .output()
        .expect("run khoa");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(public.join("index.html").exists());
    assert_no_script(&public);
}

/// Hostile text that khoa accepts, shown as text or escaped: the built site must stay inert.
#[test]
fn hostile_but_allowed_text_builds_inert() {
    let lesson = "---\ntitle: '\"><script>alert(1)</script>'\ndescription: '\" onmouseover=\"alert(1)'\n---\n\
## Bấm {#bam .ghi-chu}\n\n\
Xin chào <script>alert(1)</script> <img src=hinh.svg onerror=alert(1) alt=a> <a href=\"#bam\" onclick=\"alert(1)\">x</a> <kbd>Ctrl</kbd>\n\n\
<div class=\"x\" onmouseover=\"alert(1)\" style=\"background:url(javascript:alert(1))\"><svg><script>alert(1)</script><a xlink:href=\"javascript:alert(1)\">s</a></svg></div>\n\n\
<details ontoggle=alert(1) open><summary>Mở</summary>\n\n<iframe srcdoc=\"<script>alert(1)</script>\"></iframe><form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">b</button></form>\n\n</details>\n\n\
<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript> <math><mi xlink:href=\"javascript:alert(1)\">m</mi></math> <style>*{}</style><object data=\"javascript:alert(1)\"></object>\n\n\
<table><tr><td background=\"javascript:alert(1)\">c</td></tr></table> <meta http-equiv=refresh content=\"0;url=javascript:alert(1)\"><base href=\"javascript:alert(1)//\">\n\n\
[liên kết](https://example.com \"t\\\" onmouseover=alert(1) \\\"\") ![**đậm** \"x\" <b onclick=y>](hinh.svg \"q'\\\"\")\n\n\
```quiz id=q1\nChọn <svg onload=alert(1)>?\n\n- [x] <script>alert(1)</script>\n- [ ] \" onfocus=\"alert(1)\n```\n";
    let project = Project::course(&[("l.md", lesson)])
        .file(
            "content/c/_index.md",
            "---\ntitle: Khóa C\nextra:\n  note: '\"><script>alert(1)</script>'\n  icon: \"' onerror='alert(1)\"\n---\nGiới thiệu.\n",
        )
        .file(
            "content/c/hinh.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>javascript: onload= &lt;script&gt;</text></svg>",
        );
    let run = project.build().ok();
    assert!(
        run.page("c/l.html")
            .contains("<h2 id=\"bam\" class=\"ghi-chu\">")
    );
    let escaped = project.file(
        "khoa.yaml",
        "title: T\nsite_id: t\nmarkdown:\n  raw_html: escape\n",
    );
    let run = escaped.build().ok();
    assert!(run.page("c/l.html").contains("&lt;script&gt;alert(1)"));
}

/// `(text of a file in course c, its path, expected diagnostic)`, each refused where it is written.
const REFUSED: &[(&str, &str, &str)] = &[
    (
        "---\ntitle: Khóa C\nextra:\n  links:\n    - ' JavaScript:alert(1)'\n---\nGiới thiệu.\n",
        "content/c/_index.md",
        "content/c/_index.md:5:1: error: `extra` value ` JavaScript:alert(1)` is a `javascript:` URL, which runs script if a theme links to it; khoa refuses it",
    ),
    (
        "## Bấm {#t onclick=alert(1)}\n",
        "content/c/l.md",
        "content/c/l.md:5:12: error: heading attribute `onclick` is not allowed: only `#id` and `.class` are (ASCII letters, digits, `-` and `_`)",
    ),
    (
        "[x](&#106;avascript:alert(1))\n",
        "content/c/l.md",
        "content/c/l.md:5:1: error: `javascript:` URLs run script in learners' browsers with the site's rights; khoa refuses them",
    ),
    (
        "```quiz id=q onclick=alert(1)\nChọn?\n\n- [x] A\n- [ ] B\n```\n",
        "content/c/l.md",
        "content/c/l.md:5:14: error: unknown quiz attribute `onclick`: use id, type, points, shuffle or fold",
    ),
    (
        "```quiz id=a<b>\nChọn?\n\n- [x] A\n- [ ] B\n```\n",
        "content/c/l.md",
        "content/c/l.md:5:13: error: question id `a<b>` contains `<`: use only a-z, 0-9, `-` and `_` (progress is stored under it)",
    ),
    (
        "Xem <a href=\" JaVa&#x09;script:alert(1)\">đây</a>\n",
        "content/c/l.md",
        "content/c/l.md:5:8: error: `javascript:` URLs run script in learners' browsers with the site's rights; khoa refuses them",
    ),
    (
        "<div>\n<img alt=\"x\" src=\"data:text/html,hi\">\n</div>\n",
        "content/c/l.md",
        "content/c/l.md:6:14: error: `data:` URLs are allowed only for images (`![alt](data:image/png;base64,…)`); link to a file instead",
    ),
    (
        "<a href=\"vbscript:x\">v</a>\n",
        "content/c/l.md",
        "content/c/l.md:5:4: error: `vbscript:` URLs run script in learners' browsers with the site's rights; khoa refuses them",
    ),
    (
        "![x](data:text/html,hi)\n",
        "content/c/l.md",
        "content/c/l.md:5:1: error: `data:` URLs are allowed only for images (`![alt](data:image/png;base64,…)`); link to a file instead",
    ),
    (
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>\n",
        "content/c/x.svg",
        "content/c/x.svg:2:1: error: a `<script>` element: it runs with the site's rights when a learner opens the file directly; remove the script",
    ),
    (
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>\n",
        "content/c/x.svg",
        "content/c/x.svg:1:41: error: `onload` is an event handler: it runs with the site's rights when a learner opens the file directly; remove the attribute",
    ),
    (
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body onload=\"alert(1)\"/></html>\n",
        "content/c/x.xml",
        "content/c/x.xml:2:50: error: `onload` is an event handler: it runs with the site's rights when a learner opens the file directly; remove the attribute",
    ),
    (
        "<p>Bài tập</p>\n",
        "content/c/bai-tap.HTML",
        "content/c/bai-tap.HTML:1:1: error: a browser opens this file as a page and runs any script in it with the site's rights, and khoa cannot check it: write it as a lesson in Markdown, use a plain .svg for a drawing, or publish the file inside a .zip",
    ),
    (
        "<svg/>",
        "content/c/hinh.svgz",
        "content/c/hinh.svgz:1:1: error: a browser opens this file as a page and runs any script in it with the site's rights, and khoa cannot check it: write it as a lesson in Markdown, use a plain .svg for a drawing, or publish the file inside a .zip",
    ),
];

#[test]
fn hostile_input_is_a_located_error_in_check_and_build_which_writes_nothing() {
    for (text, path, expected) in REFUSED {
        let text = if path.ends_with("l.md") {
            format!("---\ntitle: Bài\ndescription: Một bài.\n---\n{text}")
        } else {
            text.to_string()
        };
        let project = Project::course(&[(
            "l.md",
            "---\ntitle: Bài\ndescription: Một bài.\n---\nChữ.\n",
        )])
        .file(path, &text);
        let check = project.run(&["check"]);
        assert_eq!(check.code, 1, "{path}: {}", check.stderr);
        assert!(
            check.stderr.contains(expected),
            "{expected}\n{}",
            check.stderr
        );
        let build = project.build().code(1).stderr_has(expected);
        assert!(!build.exists("index.html"));
    }
}

/// A theme that puts `extra` in attributes gets it escaped; only `| safe` would pass markup, and
/// that is the theme's own explicit choice.
#[test]
fn extra_reaches_theme_attributes_escaped() {
    let project = Project::course(&[("l.md", "---\ntitle: Bài\ndescription: Một bài.\n---\nChữ.\n")])
        .file(
            "content/c/_index.md",
            "---\ntitle: Khóa C\nextra:\n  site: 'https://so.gov.vn/?a=1&b=\"x'\n  note: \"\\\"><script>alert(1)</script>' onmouseover='x\"\n---\nGiới thiệu.\n",
        )
        .file("khoa.yaml", "title: T\nsite_id: t\ntheme: rieng\n")
        .file(
            "themes/rieng/templates/course.html",
            "{% extends \"base.html\" %}{% block content %}<a class=\"sponsor\" href=\"{{ course.extra.site }}\" title=\"{{ course.extra.note }}\" data-x='{{ course.extra.note }}'>{{ course.extra.note }}</a>{% endblock content %}",
        );
    let run = project.build().ok();
    let main = run.main("c/index.html");
    assert!(
        main.contains("href=\"https://so.gov.vn/?a=1&amp;b=&quot;x\""),
        "{main}"
    );
    assert!(
        main.contains(
            "title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39; onmouseover=&#39;x\""
        ),
        "{main}"
    );
}

#[test]
fn a_theme_svg_with_script_is_an_error_at_its_file() {
    let project = Project::course(&[(
        "l.md",
        "---\ntitle: Bài\ndescription: Một bài.\n---\nChữ.\n",
    )])
    .file("khoa.yaml", "title: T\nsite_id: t\ntheme: rieng\n")
    .file(
        "themes/rieng/static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"/></svg>",
    );
    project.build().code(1).stderr_has(
        "themes/rieng/static/favicon.svg:1:44: error: `href` holds a script URL: it runs with the site's rights when a learner opens the file directly; remove it",
    );
}

#[test]
fn share_previews_carry_hostile_text_escaped() {
    let hostile = "\\\"><script>alert(1)</script>";
    let project = Project::course(&[(
        "l.md",
        &format!("---\ntitle: \"{hostile}\"\ndescription: \"' onmouseover='alert(1) {hostile}\"\n---\n![x](hinh.svg)\n"),
    )])
    .file(
        "content/c/hinh.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .file(
        "khoa.yaml",
        "title: \"T\\\"><b>\"\nsite_id: t\nbase_url: \"https://hoc.example/a\\\"b<c\"\n",
    );
    let run = project.build().ok();
    let page = run.page("c/l.html");
    let escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;&#x2F;script&gt;";
    let plain = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    for tag in [
        "og:title",
        "og:description",
        "twitter:title",
        "twitter:description",
    ] {
        let start = page.find(&format!("\"{tag}\" content=\"")).expect(tag);
        let line = page[start..].lines().next().unwrap();
        assert!(line.contains(escaped) || line.contains(plain), "{line}");
    }
    assert!(
        page.contains("content=\"https://hoc.example/a&quot;b&lt;c/c/hinh.svg\""),
        "{page}"
    );
    assert!(page.contains("<meta property=\"og:site_name\" content=\"T&quot;&gt;&lt;b&gt;\">"));
}
