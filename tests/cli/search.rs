//! Search index: `khoa build` writes a catalog and, per course, a shard for ranking and a file of
//! snippet text, all holding text only.

use crate::Project;

/// The JSON argument of the `KhoaSearch.<call>(...)` in an index file.
fn data(source: &str, call: &str) -> serde_json::Value {
    let json = source
        .strip_prefix(&format!("KhoaSearch.{call}("))
        .and_then(|s| s.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not a KhoaSearch.{call} call: {source}"));
    serde_json::from_str(json).unwrap()
}

#[test]
fn writes_a_catalog_and_one_shard_per_course() {
    let project = Project::course(&[("bai.md", "---\ntitle: Đường đi\n---\nNội dung.\n")])
        .file("content/d/_index.md", "---\ntitle: Khóa D\n---\n")
        .file("content/d/x.md", "---\ntitle: Mật khẩu\n---\nVNeID.\n");
    let run = project.build().ok();
    let catalog = data(&run.page("_search/index.js"), "catalog");
    let page = run.page("d/x.html");
    assert!(
        page.contains("\"search\":[\"_search/index.js\"]"),
        "a page names the catalog alone, by its plain name: {page}"
    );
    let files: Vec<&str> = catalog["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    let published = [
        run.asset("_khoa/search/course-c.js"),
        run.asset("_khoa/search/course-d.js"),
    ];
    assert_eq!(files, published, "whole paths, as published");
    assert!(
        files[0].starts_with("_khoa/search/course-c.") && files[0] != "_khoa/search/course-c.js"
    );
    assert_eq!(
        catalog["courses"][1]["text"],
        run.asset("_khoa/search/course-d.text.js")
    );
    let shard_source = run.page("_khoa/search/course-d.js");
    let text_source = run.page("_khoa/search/course-d.text.js");
    let bytes = shard_source.len() + text_source.len();
    assert_eq!(
        catalog["courses"][1]["bytes"], bytes,
        "what searching it downloads"
    );
    let shard = data(&shard_source, "add");
    assert_eq!(
        shard["docs"][0],
        serde_json::json!(["d/x.html", "Mật khẩu", 0, 3])
    );
    let terms: Vec<&str> = shard["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(terms, ["khẩu khau", "mật mat", "vneid"]);
}

#[test]
fn snippet_text_lives_in_its_own_file_in_document_order() {
    let project = Project::course(&[
        (
            "a.md",
            "---\ntitle: Một\ndescription: Mô tả một.\n---\nChữ CHIM.\n",
        ),
        ("b.md", "---\ntitle: Hai\n---\nChữ CÁ.\n"),
    ]);
    let run = project.build().ok();
    let shard_source = run.page("_khoa/search/course-c.js");
    assert!(!shard_source.contains("CHIM"), "{shard_source}");
    let shard = data(&shard_source, "add");
    let text = data(&run.page("_khoa/search/course-c.text.js"), "text");
    assert_eq!(text["v"], shard["v"]);
    assert_eq!(text["course"], "c");
    assert_eq!(text["stamp"], shard["stamp"]);
    let titles: Vec<&str> = shard["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[1].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Một", "Hai"]);
    assert_eq!(
        text["texts"],
        serde_json::json!(["Mô tả một. Chữ CHIM.", "Chữ CÁ."])
    );
}

#[test]
fn nfd_text_is_indexed_as_nfc() {
    let nfd = "---\ntitle: Bai\n---\nC\u{f4}\u{302}ng d\u{1ecb}ch vu\u{323}\n";
    let project = Project::course(&[("bai.md", nfd)]);
    let run = project.build().ok();
    let shard = data(&run.page("_khoa/search/course-c.js"), "add");
    assert!(shard["terms"].as_array().unwrap().contains(&"vụ vu".into()));
    let text = data(&run.page("_khoa/search/course-c.text.js"), "text");
    assert!(text["texts"][0].as_str().unwrap().ends_with("vụ"));
}

#[test]
fn the_index_holds_no_markup_and_no_quiz_answer() {
    let lesson = "---\ntitle: '</title><script>alert(1)</script>'\n---\n\
        Chữ <b>đậm</b> & `<img onerror=x>`.\n\n\
        ```quiz id=q1\nChọn một?\n\n- [x] DapAnBiMat\n- [ ] Sai\n```\n";
    let project = Project::course(&[("bai.md", lesson)]);
    let run = project.build().ok();
    for file in ["course-c.js", "course-c.text.js"] {
        let source = run.page(&format!("_khoa/search/{file}"));
        assert!(!source.contains('<') && !source.contains('>'), "{source}");
        assert!(!source.to_lowercase().contains("dapanbimat"), "{source}");
    }
    let shard = data(&run.page("_khoa/search/course-c.js"), "add");
    assert_eq!(shard["docs"][0][1], "</title><script>alert(1)</script>");
    let text = data(&run.page("_khoa/search/course-c.text.js"), "text");
    let stored = text["texts"][0].as_str().unwrap();
    assert!(
        stored.contains("đậm") && stored.contains("&"),
        "the text file keeps the text: {stored}"
    );
}

#[test]
fn a_course_whose_first_search_is_over_the_budget_gets_a_warning_and_small_ones_do_not() {
    // 40 lessons of 6,000 numbered words: the shard alone is under 2 MB, but a first search also
    // downloads the snippet text, and both together are over.
    let body: String = (0..6000).map(|i| format!("chữ{i} ")).collect();
    let mut project = Project::course(&[]).file("content/d/_index.md", "---\ntitle: D\n---\n");
    for i in 0..40 {
        let lesson = format!("---\ntitle: Bài {i}\ndescription: Mô tả.\n---\n{body}\n");
        project = project.file(&format!("content/c/b{i}.md"), &lesson);
    }
    let project = project.file("content/d/x.md", "---\ntitle: Nhỏ\n---\nNgắn.\n");
    let run = project.run(&["check"]);
    assert_eq!(run.code, 0, "a warning only: {}", run.stderr);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("search index of this course"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/c/_index.md"), "{}", run.stderr);
    assert!(warnings[0].contains("over 2 MB"), "{}", warnings[0]);
    assert!(
        warnings[0].contains("MB of snippet text"),
        "{}",
        warnings[0]
    );
    let build = project.build().ok();
    let shard = build.page("_khoa/search/course-c.js").len();
    let text = build.page("_khoa/search/course-c.text.js").len();
    assert!(
        shard < 2_000_000 && shard + text > 2_000_000,
        "{shard} + {text}"
    );
}

#[test]
fn editing_one_lesson_changes_the_index_but_no_other_page() {
    let project = Project::course(&[
        ("a.md", "---\ntitle: Bài A\n---\nMột.\n"),
        ("b.md", "---\ntitle: Bài B\n---\nHai.\n"),
    ]);
    project.build().ok();
    let before: std::collections::BTreeMap<_, _> = project.tree("public").into_iter().collect();
    let edited = "---\ntitle: Bài A\n---\nMột, đã sửa.\n";
    std::fs::write(project.path("content/c/a.md"), edited).unwrap();
    project.build().ok();
    let after: std::collections::BTreeMap<_, _> = project.tree("public").into_iter().collect();
    let changed = |path: &str| before.get(path) != after.get(path);
    assert!(changed("c/a.html") && changed("_search/index.js"));
    let shards = |tree: &std::collections::BTreeMap<String, Vec<u8>>| {
        let names = tree
            .keys()
            .filter(|p| p.starts_with("_khoa/search/course-c."));
        names.cloned().collect::<Vec<_>>()
    };
    assert_ne!(
        shards(&before),
        shards(&after),
        "the course's index files are renamed"
    );
    for page in ["c/b.html", "c/index.html", "index.html", "404.html"] {
        assert!(!changed(page), "{page} changed with another lesson's text");
    }
}

#[test]
fn a_course_longer_than_a_chunk_keeps_every_lesson_its_text_and_its_own_words() {
    // 600 lessons: the index folds lessons 256 at a time.
    let lessons: Vec<(String, String)> = (0..600)
        .map(|n| {
            let text = format!("---\ntitle: Bài {n}\n---\nchung riengma{n}.\n");
            (format!("l{n:03}.md"), text)
        })
        .collect();
    let named: Vec<(&str, &str)> = lessons
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    let project = Project::course(&named);
    let run = project.build().ok();
    let shard = data(&run.page("_khoa/search/course-c.js"), "add");
    let text = data(&run.page("_khoa/search/course-c.text.js"), "text");
    assert_eq!(text["stamp"], shard["stamp"]);
    let texts = text["texts"].as_array().unwrap();
    assert_eq!(texts.len(), 600);
    let terms = shard["terms"].as_array().unwrap();
    let postings = shard["postings"].as_array().unwrap();
    let posting = |term: &str| {
        let at = terms.iter().position(|t| t == term);
        postings[at.unwrap_or_else(|| panic!("no term {term}"))].clone()
    };
    for n in 0..600 {
        assert_eq!(texts[n], format!("chung riengma{n}."));
        assert_eq!(shard["docs"][n][1], format!("Bài {n}"));
        // The lesson's own word: one hit, in its body (mask 1), in document `n`.
        assert_eq!(
            posting(&format!("riengma{n}")),
            serde_json::json!([n << 6 | 1])
        );
    }
    assert_eq!(posting("chung").as_array().unwrap().len(), 600);
}
