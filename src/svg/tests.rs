use super::*;

/// (line, column, message start) of each finding, to read like `check` output.
fn found(text: &str) -> Vec<(usize, usize, String)> {
    let lines = crate::diagnostic::LineIndex::new(text);
    check(text)
        .into_iter()
        .map(|f| {
            let (line, column) = lines.position(f.offset);
            let head: String = f.message.chars().take(24).collect();
            (line, column, head)
        })
        .collect()
}

#[test]
fn drawings_pass() {
    let favicon = include_str!("../../themes/default/static/favicon.svg");
    assert!(check(favicon).is_empty());
    let drawing = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n]>\n<svg xmlns=\"&ns_svg;\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"https://x.vn\"><text x=\"1\" offset=\"2\">on=1 javascript: in text</text></a><image href=\"data:image/png;base64,x\"/><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">chữ</div></foreignObject></svg>";
    assert_eq!(found(drawing), []);
}

#[test]
fn scripts_and_handlers_are_found_where_they_are_written() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"\n  ONLOAD=\"alert(1)\">\n<svg:script>alert(1)</svg:script>\n<rect onclick='x'/></svg>";
    assert_eq!(
        found(svg),
        [
            (2, 3, "`onload` is an event han".into()),
            (3, 1, "a `<script>` element: it".into()),
            (4, 7, "`onclick` is an event ha".into()),
        ]
    );
    assert!(
        check(svg)[1]
            .message
            .ends_with("opens the file directly; remove the script")
    );
}

#[test]
fn script_urls_are_found_however_they_are_spelled() {
    for attribute in [
        "href=\"javascript:alert(1)\"",
        "xlink:href=\" JaVa&#x09;ScRiPt:alert(1)\"",
        "href=\"&#106;avascript:alert(1)\"",
        "href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"",
        "values=\"0;javascript:alert(1)\"",
        "attributeName=\"onmouseover\"",
        "srcdoc=\"x\"",
    ] {
        let svg = format!("<svg><a {attribute}>x</a></svg>");
        assert_eq!(found(&svg).len(), 1, "{attribute}: {:?}", check(&svg));
        assert_eq!(found(&svg)[0].1, 9, "{attribute}");
    }
}

#[test]
fn entities_cannot_smuggle_script() {
    let hidden = "<!DOCTYPE svg [<!ENTITY s \"<script>alert(1)</script>\">]><svg>&s;</svg>";
    assert!(
        check(hidden)[0]
            .message
            .contains("DOCTYPE declares an entity")
    );
    let split = "<!DOCTYPE svg [<!ENTITY j \"javascript\">]><svg><a href=\"&j;:alert(1)\"/></svg>";
    assert!(
        check(split)[0].message.contains("script URL"),
        "{:?}",
        check(split)
    );
    let external = "<!DOCTYPE svg [<!ENTITY x SYSTEM \"x.svg\">]><svg/>";
    assert_eq!(check(external).len(), 1);
}

#[test]
fn stylesheets_that_transform_and_broken_files_are_refused() {
    let xslt = "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><svg/>";
    assert!(check(xslt)[0].message.contains("XSLT"));
    let css = "<?xml-stylesheet type=\"text/css\" href=\"x.css\"?><svg/>";
    assert!(check(css).is_empty());
    let broken = "<svg><rect></svg><script>alert(1)</script>";
    assert!(check(broken)[0].message.contains("not well-formed"));
}
