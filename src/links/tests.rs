use super::*;
use crate::url_scheme::script_scheme;

fn map() -> LinkMap {
    LinkMap::from_pairs(&[
        (
            "content/c/01-co-ban/02-mat-khau.md",
            "c/co-ban/mat-khau.html",
        ),
        ("content/c/02-nang-cao/01-otp.md", "c/nang-cao/otp.html"),
        (
            "content/c/02-nang-cao/hinh/anh 1.png",
            "c/nang-cao/hinh/anh-1.png",
        ),
        ("content/c/_index.md", "c/index.html"),
    ])
}

#[test]
fn rewrites_source_paths_to_relative_urls() {
    let target = map().resolve(
        Use::Link,
        "../01-co-ban/02-mat-khau.md#tao-mat-khau",
        "content/c/02-nang-cao/01-otp.md",
        "c/nang-cao/otp.html",
    );
    let Target::Page { href, anchor, .. } = target else {
        panic!("{target:?}")
    };
    assert_eq!(href, "../co-ban/mat-khau.html#tao-mat-khau");
    assert_eq!(anchor.as_deref(), Some("tao-mat-khau"));
}

#[test]
fn resolves_assets_with_encoded_names_and_course_folders() {
    let m = map();
    let from = ("content/c/02-nang-cao/01-otp.md", "c/nang-cao/otp.html");
    assert!(
        matches!(m.resolve(Use::Link, "hinh/anh%201.png", from.0, from.1), Target::Page { href, .. } if href == "hinh/anh-1.png")
    );
    assert!(
        matches!(m.resolve(Use::Link, "../", from.0, from.1), Target::Page { href, .. } if href == "../index.html")
    );
}

#[test]
fn missing_files_and_escapes_are_errors() {
    let m = map();
    for link in [
        "nope.md",
        "../../../../etc/passwd",
        "/c/index.html",
        "JavaScript:alert(1)",
    ] {
        let target = m.resolve(Use::Link, link, "content/c/_index.md", "c/index.html");
        assert!(matches!(target, Target::Error(_)), "{link}: {target:?}");
    }
}

#[test]
fn external_links_and_anchors_are_classified() {
    let m = map();
    assert_eq!(
        m.resolve(Use::Link, "https://dichvucong.gov.vn", "a.md", "a.html"),
        Target::External
    );
    assert_eq!(
        m.resolve(Use::Link, "#muc-1", "a.md", "a.html"),
        Target::Anchor("muc-1".into())
    );
}

#[test]
fn relative_urls_between_outputs() {
    assert_eq!(relative_url("index.html", "c/index.html"), "c/index.html");
    assert_eq!(relative_url("c/m/l.html", "c/index.html"), "../index.html");
    assert_eq!(relative_url("c/m/l.html", "d/x.html"), "../../d/x.html");
    assert_eq!(root_prefix("c/m/l.html"), "../../");
    assert_eq!(root_prefix("index.html"), "");
}

#[test]
fn script_schemes_are_refused_however_they_are_written() {
    let m = map();
    for link in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "file:///etc/passwd",
    ] {
        let target = m.resolve(Use::Link, link, "content/c/_index.md", "c/index.html");
        assert!(matches!(target, Target::Error(_)), "{link:?}: {target:?}");
    }
}

#[test]
fn refusals_say_why() {
    let refusal = |used, link| match map().resolve(used, link, "a.md", "a.html") {
        Target::Error(message) => message,
        other => panic!("{other:?}"),
    };
    assert!(refusal(Use::Link, "javascript:x").contains("run script"));
    assert!(refusal(Use::Image, "data:text/html,x").contains("only for images"));
    assert!(refusal(Use::Link, "chrome://settings").contains("use https:"));
}

#[test]
fn images_may_be_inline_data_but_links_may_not() {
    let m = map();
    let png = "data:image/png;base64,iVBORw0KGgo=";
    assert_eq!(
        m.resolve(Use::Image, png, "a.md", "a.html"),
        Target::External
    );
    assert!(matches!(
        m.resolve(Use::Link, png, "a.md", "a.html"),
        Target::Error(_)
    ));
}

#[test]
fn percent_encoded_schemes_are_paths_not_schemes() {
    let target = map().resolve(
        Use::Link,
        "javascript%3Aalert(1)",
        "content/c/_index.md",
        "c/index.html",
    );
    assert!(matches!(target, Target::Error(m) if m.contains("missing file")));
}

#[test]
fn free_text_is_flagged_only_for_schemes_that_run() {
    assert_eq!(
        script_scheme(" JAVA\tSCRIPT:x").as_deref(),
        Some("javascript")
    );
    assert_eq!(script_scheme("data:text/html,x").as_deref(), Some("data"));
    assert_eq!(script_scheme("data:image/png;base64,x"), None);
    assert_eq!(script_scheme("Ghi chú: đọc kỹ"), None);
    assert_eq!(script_scheme("https://example.com"), None);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const SOURCES: &[(&str, &str)] = &[
        (
            "content/c/01-co-ban/02-mat-khau.md",
            "c/co-ban/mat-khau.html",
        ),
        ("content/c/02-nang-cao/01-otp.md", "c/nang-cao/otp.html"),
        ("content/c/_index.md", "c/index.html"),
    ];

    fn segment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("..".to_string()),
            Just(".".to_string()),
            Just(String::new()),
            Just("01-co-ban".to_string()),
            Just("02-nang-cao".to_string()),
            Just("02-mat-khau.md".to_string()),
            Just("hinh".to_string()),
            Just("anh%201.png".to_string()),
            "[a-z0-9%.\\\\ -]{1,8}",
        ]
    }

    /// Links shaped like authors' (and attackers') links: a scheme-like prefix, path segments
    /// with `..`, an anchor; plus any string at all.
    fn link() -> impl Strategy<Value = String> {
        let prefix = prop_oneof![
            Just(""),
            Just("/"),
            Just("javascript:"),
            Just(" JaVa\tScRiPt:"),
            Just("data:text/html,"),
            Just("data:image/png,"),
            Just("https://"),
            Just("%2e%2e/"),
        ];
        let shaped = (
            prefix,
            prop::collection::vec(segment(), 0..8),
            "(#[a-z-]{0,6})?",
        )
            .prop_map(|(p, segments, anchor)| format!("{p}{}{anchor}", segments.join("/")));
        prop_oneof![shaped, any::<String>()]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever is written, the result is a page of the project (reached by its href from the
        /// linking page), an anchor, a URL with an allowed scheme, or an error: never a way out.
        #[test]
        fn a_resolved_link_never_leaves_the_project(
            link in link(),
            from in 0..SOURCES.len(),
            image in any::<bool>(),
        ) {
            let map = LinkMap::from_pairs(SOURCES);
            let (source, page) = SOURCES[from];
            let used = if image { Use::Image } else { Use::Link };
            match map.resolve(used, &link, source, page) {
                Target::Page { href, url, .. } => {
                    prop_assert!(SOURCES.iter().any(|(_, u)| *u == url));
                    let path = href.split('#').next().unwrap_or_default();
                    prop_assert!(scheme_of(path).is_none(), "{href}");
                    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
                    prop_assert_eq!(join_normalized(dir, path), Some(url));
                }
                Target::Anchor(_) => prop_assert!(link.trim().starts_with('#')),
                Target::External => {
                    let scheme = scheme_of(&link).unwrap_or_default();
                    let inline_image = used == Use::Image && is_image_data(&link);
                    prop_assert!(SAFE_SCHEMES.contains(&scheme.as_str()) || inline_image, "{link:?}");
                    prop_assert!(script_scheme(&link).is_none() || inline_image);
                }
                Target::Error(message) => prop_assert!(!message.is_empty()),
            }
        }
    }
}
