use super::*;

fn khoa(what: &'static str) -> Owner {
    Owner::Khoa(what)
}

fn site(files: &[(&str, &str)]) -> Outputs {
    let mut outputs = Outputs::new();
    for (path, text) in files {
        let owner = if path.ends_with(".md.html") {
            Owner::Author(format!("content/{path}"))
        } else {
            khoa("a file")
        };
        assert!(outputs.add(*path, owner, *text).is_empty());
    }
    outputs
}

fn text(outputs: &Outputs, path: &str) -> String {
    String::from_utf8(outputs.get(path).expect(path).to_vec()).unwrap()
}

#[test]
fn names_carry_eight_hex_digits_of_the_content_before_the_extension() {
    let name = hashed_name("_khoa/khoa.css", b"body{}");
    assert!(
        name.starts_with("_khoa/khoa.") && name.ends_with(".css"),
        "{name}"
    );
    assert_eq!(name.len(), "_khoa/khoa.12345678.css".len());
    assert_ne!(name, hashed_name("_khoa/khoa.css", b"body{ }"));
    let text = hashed_name("_khoa/search/course-c.text.js", b"x");
    assert!(text.starts_with("_khoa/search/course-c.text."), "{text}");
    assert!(hashed_name("_khoa/LICENSE", b"x").starts_with("_khoa/LICENSE."));
}

#[test]
fn every_khoa_file_is_renamed_and_pages_keep_their_names() {
    let outputs = site(&[
        (
            "index.html",
            r#"<link href="_khoa/khoa.css"><script src="_khoa/js/khoa.js">"#,
        ),
        ("c/l.html", r#"<link href="../_khoa/khoa.css">"#),
        ("_khoa/khoa.css", "body{}"),
        ("_khoa/js/khoa.js", "x"),
        ("sitemap.xml", "<urlset/>"),
    ]);
    let (outputs, names, problems) = hash_names(outputs, None, None, &BuildCache::disabled());
    assert!(problems.is_empty());
    let css = &names["_khoa/khoa.css"];
    let paths: Vec<&str> = outputs.iter().map(|(p, _)| p).collect();
    assert!(paths.contains(&css.as_str()) && !paths.contains(&"_khoa/khoa.css"));
    assert!(paths.contains(&"index.html") && paths.contains(&"sitemap.xml"));
    assert!(text(&outputs, "index.html").contains(&format!("\"{css}\"")));
    assert!(text(&outputs, "index.html").contains(&format!("\"{}\"", names["_khoa/js/khoa.js"])));
    assert!(text(&outputs, "c/l.html").contains(&format!("\"../{css}\"")));
}

#[test]
fn a_file_that_refers_to_another_changes_name_when_that_one_changes() {
    let build = |search: &str| {
        let outputs = site(&[
            ("_khoa/js/khoa.js", "load('_khoa/js/khoa-search.js')"),
            ("_khoa/js/khoa-search.js", search),
        ]);
        hash_names(outputs, None, None, &BuildCache::disabled()).1
    };
    let (one, two) = (build("a"), build("b"));
    assert_ne!(one["_khoa/js/khoa.js"], two["_khoa/js/khoa.js"]);
    let outputs = site(&[
        ("_khoa/js/khoa.js", "load('_khoa/js/khoa-search.js')"),
        ("_khoa/js/khoa-search.js", "a"),
    ]);
    let (outputs, names, _) = hash_names(outputs, None, None, &BuildCache::disabled());
    let main = text(&outputs, &names["_khoa/js/khoa.js"]);
    assert_eq!(
        main,
        format!("load('{}')", names["_khoa/js/khoa-search.js"])
    );
}

#[test]
fn only_whole_quoted_paths_are_references() {
    let page = concat!(
        r#"<code>_khoa/khoa.css</code> <a href="x/_khoa/khoa.css">"#,
        r#" '_khoa/khoa.css.map' "_khoa/khoa.css?v=1" url(_khoa/khoa.css) root + '_khoa/'"#,
    );
    let outputs = site(&[("index.html", page), ("_khoa/khoa.css", "body{}")]);
    let (outputs, names, _) = hash_names(outputs, None, None, &BuildCache::disabled());
    let css = &names["_khoa/khoa.css"];
    let page = text(&outputs, "index.html");
    assert!(page.contains("<code>_khoa/khoa.css</code>"), "{page}");
    assert!(page.contains("\"x/_khoa/khoa.css\""), "{page}");
    assert!(page.contains("'_khoa/khoa.css.map'"), "{page}");
    assert!(page.contains(&format!("\"{css}?v=1\"")), "{page}");
    assert!(page.contains(&format!("url({css})")), "{page}");
    assert!(page.contains("'_khoa/'"), "{page}");
}

#[test]
fn files_that_refer_to_each_other_still_get_stable_names() {
    let files = [
        ("_khoa/a.css", "@import '_khoa/b.css';"),
        ("_khoa/b.css", "@import '_khoa/a.css';"),
    ];
    let (first, names, _) = hash_names(site(&files), None, None, &BuildCache::disabled());
    let (second, again, _) = hash_names(site(&files), None, None, &BuildCache::disabled());
    assert_eq!(names, again);
    let listed = |o: &Outputs| -> Vec<(String, Vec<u8>)> {
        o.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect()
    };
    assert_eq!(listed(&first), listed(&second));
    assert_eq!(names.len(), 2);
}

#[test]
fn authors_assets_are_not_rewritten() {
    let mut outputs = site(&[("_khoa/khoa.css", "body{}")]);
    let asset = Owner::Author("content/c/notes.js".into());
    let _ = outputs.add("c/notes.js", asset, "'_khoa/khoa.css'");
    let (outputs, _, _) = hash_names(outputs, None, None, &BuildCache::disabled());
    assert_eq!(text(&outputs, "c/notes.js"), "'_khoa/khoa.css'");
}

#[test]
fn the_sites_own_absolute_urls_follow_and_other_sites_do_not() {
    let page = concat!(
        r#"<meta content="https://hoc.example/khoa/_khoa/khoa.css">"#,
        r#"<a href="https://other.example/_khoa/khoa.css">"#,
    );
    let outputs = site(&[("index.html", page), ("_khoa/khoa.css", "body{}")]);
    let (outputs, names, _) = hash_names(
        outputs,
        Some("https://hoc.example/khoa/"),
        None,
        &BuildCache::disabled(),
    );
    let page = text(&outputs, "index.html");
    let css = &names["_khoa/khoa.css"];
    assert!(
        page.contains(&format!("\"https://hoc.example/khoa/{css}\"")),
        "{page}"
    );
    assert!(
        page.contains("\"https://other.example/_khoa/khoa.css\""),
        "{page}"
    );
}

#[test]
fn rewriting_in_place_gives_what_copying_gives() {
    let names: BTreeMap<String, String> = [
        ("_khoa/a.css", "_khoa/a.0123abcd.css"),
        ("_khoa/b.js", "_khoa/b.js"),
        ("_khoa/longer-name.js", "_khoa/l.js"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let texts = [
        "",
        "no references",
        "<link href=\"_khoa/a.css\">",
        "\"_khoa/a.css\"\"_khoa/a.css\" and '_khoa/b.js' then \"_khoa/a.css\"",
        "\"_khoa/other.css\" \"_khoa/a.css\" tail",
        "\"_khoa/a.css\" \"_khoa/longer-name.js\" (a name that shrinks: copied)",
        "\"_khoa/a.css\"",
    ];
    for text in texts {
        let spans = References { base_url: None }.find(text.as_bytes());
        let copied = rewrite(text.as_bytes(), &spans, &names);
        let renamed = String::from_utf8_lossy(&copied)
            .matches("a.0123abcd.css")
            .count();
        assert_eq!(renamed, text.matches("_khoa/a.css").count(), "{text}");
        let mut owned = text.as_bytes().to_vec();
        owned.reserve(3); // spare room, as a rendered page has
        assert_eq!(
            String::from_utf8(rewrite_owned(owned, &spans, &names)).unwrap(),
            String::from_utf8(copied).unwrap(),
            "{text}"
        );
    }
}
