//! Output ready for a CDN or a cheap host: content-hashed `_khoa/` names that every reference
//! follows, precompressed siblings, the `_headers` file, `sitemap.xml` and `robots.txt` with
//! `base_url`, and share previews (Open Graph, Twitter cards) only with `base_url`.

use crate::Project;
use std::io::Read;

const BASE: &str = "https://hoc.example.vn/khoa/";

fn lesson(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: Học {title}\n---\n{body}\n")
}

/// A course with an image in its first lesson and a long second lesson.
fn project() -> Project {
    let long = "Một câu dài về mật khẩu mạnh và mã OTP. ".repeat(80);
    Project::course(&[
        (
            "01-a.md",
            &lesson("Ảnh", "Xem hình:\n\n![Tin nhắn](hinh.svg)"),
        ),
        ("02-b.md", &lesson("Dài", &long)),
    ])
    .file(
        "content/c/hinh.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
    )
}

fn with_base(project: Project) -> Project {
    project.file(
        "khoa.yaml",
        &format!("title: T\ndescription: Site \"T\"\nsite_id: t\nbase_url: {BASE}\n"),
    )
}

/// Every `_khoa/` path named in `text` between quotes, after any `../` or the base URL.
fn khoa_references(text: &str) -> Vec<String> {
    text.split(['"', '\''])
        .map(|part| part.trim_start_matches(BASE).trim_start_matches("../"))
        .filter(|part| part.starts_with("_khoa/"))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_khoa_file_is_named_by_its_content_and_every_reference_follows() {
    let project = project();
    project.build().ok();
    let tree = project.tree("public");
    let names: Vec<&str> = tree.iter().map(|(p, _)| p.as_str()).collect();
    let hashed = |name: &str| {
        let parts: Vec<&str> = name.rsplit('/').next().unwrap().split('.').collect();
        parts.len() >= 3
            && parts[parts.len() - 2].len() == 8
            && parts[parts.len() - 2]
                .bytes()
                .all(|b| b.is_ascii_hexdigit())
    };
    let khoa: Vec<&&str> = names.iter().filter(|n| n.starts_with("_khoa/")).collect();
    assert!(khoa.len() >= 8, "{names:?}");
    for name in &khoa {
        assert!(hashed(name), "{name} carries no content hash");
    }
    for plain in [
        "index.html",
        "404.html",
        "c/index.html",
        "c/a.html",
        "c/hinh.svg",
        "_headers",
    ] {
        assert!(names.contains(&plain), "{plain} keeps its name: {names:?}");
    }
    let mut followed = 0;
    for (name, bytes) in &tree {
        if !(name.ends_with(".html") || name.ends_with(".js")) {
            continue;
        }
        for reference in khoa_references(&String::from_utf8_lossy(bytes)) {
            if reference.ends_with('/') {
                continue; // a folder a comment names, not a file
            }
            assert!(
                names.contains(&reference.as_str()),
                "{name} names missing {reference}"
            );
            followed += 1;
        }
    }
    assert!(followed > 20, "only {followed} references checked");
    let runtime = tree
        .iter()
        .find(|(n, _)| n.starts_with("_khoa/js/khoa.") && !n.contains("search"))
        .unwrap();
    let search = names
        .iter()
        .find(|n| n.starts_with("_khoa/js/khoa-search."))
        .unwrap();
    assert!(String::from_utf8_lossy(&runtime.1).contains(&format!("'{search}'")));
}

#[test]
fn two_builds_are_byte_identical_precompressed_copies_included() {
    let project = with_base(project());
    let mut trees = Vec::new();
    for out in ["one", "two"] {
        project.run(&["build", "--precompress", "--out", out]).ok();
        trees.push(project.tree(out));
    }
    assert_eq!(trees[0], trees[1]);
    assert!(trees[0].iter().any(|(n, _)| n.ends_with(".br")));
}

#[test]
fn precompress_writes_gz_and_br_of_text_files_over_1_kb_only() {
    let project = project();
    project.run(&["build", "--precompress"]).ok();
    let tree = project.tree("public");
    let file = |name: &str| tree.iter().find(|(n, _)| n == name).map(|(_, b)| b.clone());
    let page = file("c/b.html").unwrap();
    let mut gunzipped = Vec::new();
    flate2::read::GzDecoder::new(&file("c/b.html.gz").unwrap()[..])
        .read_to_end(&mut gunzipped)
        .unwrap();
    assert_eq!(gunzipped, page);
    assert!(file("c/b.html.br").unwrap().len() < page.len() / 3);
    for (name, bytes) in &tree {
        let compressed = name.ends_with(".gz") || name.ends_with(".br");
        if !compressed && bytes.len() <= 1024 {
            assert!(file(&format!("{name}.gz")).is_none(), "{name} is small");
        }
        if !compressed && bytes.len() > 1024 && name.ends_with(".html") {
            assert!(file(&format!("{name}.br")).is_some(), "{name}");
        }
    }
    assert!(file("c/hinh.svg.gz").is_none(), "under 1 KB");
    project.build().ok();
    assert!(
        !project
            .tree("public")
            .iter()
            .any(|(n, _)| n.ends_with(".gz")),
        "only on request"
    );
}

#[test]
fn headers_cache_hashed_files_forever_and_revalidate_pages_and_the_worker() {
    let project = project();
    let run = project.build().ok();
    let headers = run.page("_headers");
    let immutable = "/_khoa/*\n  Cache-Control: public, max-age=31536000, immutable\n";
    assert!(headers.contains(immutable), "{headers}");
    for path in ["/", "/index.html", "/404.html", "/sw.js", "/c/*"] {
        let rule = format!("\n{path}\n  Cache-Control: public, max-age=0, must-revalidate\n");
        assert!(headers.contains(&rule), "{path}: {headers}");
    }
}

#[test]
fn base_url_brings_sitemap_and_robots_and_nothing_else_absolute() {
    let plain = project();
    let run = plain.build().ok();
    assert!(run.exists("index.html"));
    assert!(!run.exists("sitemap.xml") && !run.exists("robots.txt"));
    let project = with_base(project());
    let run = project.build().ok();
    assert!(
        run.page("sitemap.xml")
            .contains(&format!("<loc>{BASE}c/a.html</loc>"))
    );
    assert_eq!(
        run.page("robots.txt"),
        format!("User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n")
    );
    for (name, bytes) in project.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        for line in text.lines().filter(|l| l.contains(BASE)) {
            let head_tag = line.starts_with("<link rel=\"canonical\"")
                || line.starts_with("<meta property=\"og:")
                || line.starts_with("<meta name=\"twitter:");
            let root_file = name == "sitemap.xml" || name == "robots.txt";
            assert!(
                head_tag || root_file || name == "404.html",
                "{name}: {line}"
            );
        }
    }
}

#[test]
fn with_base_url_pages_carry_a_share_preview_with_absolute_urls() {
    let project = with_base(project());
    let run = project.build().ok();
    let first = run.page("c/a.html");
    for tag in [
        "<meta property=\"og:type\" content=\"article\">".to_string(),
        "<meta property=\"og:title\" content=\"Ảnh · Khóa C\">".into(),
        "<meta property=\"og:description\" content=\"Học Ảnh\">".into(),
        format!("<meta property=\"og:image\" content=\"{BASE}c/hinh.svg\">"),
        format!("<meta property=\"og:url\" content=\"{BASE}c/a.html\">"),
        "<meta name=\"twitter:card\" content=\"summary_large_image\">".into(),
        format!("<meta name=\"twitter:image\" content=\"{BASE}c/hinh.svg\">"),
    ] {
        assert!(first.contains(&tag), "{tag} in {first}");
    }
    let icon = run.asset("_khoa/icons/icon-512.png");
    assert_ne!(
        icon, "_khoa/icons/icon-512.png",
        "the icon has a hashed name"
    );
    assert!(run.exists(&icon), "the share icon is published");
    let second = run.page("c/b.html");
    assert!(second.contains(&format!(
        "<meta property=\"og:image\" content=\"{BASE}{icon}\">"
    )));
    assert!(second.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    let home = run.page("index.html");
    assert!(home.contains("<meta property=\"og:description\" content=\"Site &quot;T&quot;\">"));
    assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
}

#[test]
fn without_base_url_no_share_preview_is_written() {
    let project = project();
    let run = project.build().ok();
    for page in ["index.html", "c/index.html", "c/a.html", "c/b.html"] {
        let html = run.page(page);
        for absent in [
            "og:image",
            "og:type",
            "og:description",
            "twitter:",
            "canonical",
            BASE,
        ] {
            assert!(!html.contains(absent), "{absent} in {page}");
        }
    }
}
