//! Search index: `khoa build` writes a catalog and one shard per course, holding text only.

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
    let catalog = data(&run.page("_khoa/search/index.js"), "catalog");
    let files: Vec<&str> = catalog["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["course-c.js", "course-d.js"]);
    let shard = data(&run.page("_khoa/search/course-d.js"), "add");
    assert_eq!(shard["docs"][0][1], "Mật khẩu");
    let terms: Vec<&str> = shard["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(terms, ["khẩu khau", "mật mat", "vneid"]);
}

#[test]
fn nfd_text_is_indexed_as_nfc() {
    let nfd = "---\ntitle: Bai\n---\nC\u{f4}\u{302}ng d\u{1ecb}ch vu\u{323}\n";
    let project = Project::course(&[("bai.md", nfd)]);
    let run = project.build().ok();
    let shard = data(&run.page("_khoa/search/course-c.js"), "add");
    assert!(shard["terms"].as_array().unwrap().contains(&"vụ vu".into()));
    assert!(shard["docs"][0][3].as_str().unwrap().ends_with("vụ"));
}

#[test]
fn the_index_holds_no_markup_and_no_quiz_answer() {
    let lesson = "---\ntitle: '</title><script>alert(1)</script>'\n---\n\
        Chữ <b>đậm</b> & `<img onerror=x>`.\n\n\
        ```quiz id=q1\nChọn một?\n\n- [x] DapAnBiMat\n- [ ] Sai\n```\n";
    let project = Project::course(&[("bai.md", lesson)]);
    let run = project.build().ok();
    let source = run.page("_khoa/search/course-c.js");
    assert!(!source.contains('<') && !source.contains('>'), "{source}");
    assert!(!source.to_lowercase().contains("dapanbimat"), "{source}");
    let shard = data(&source, "add");
    assert_eq!(shard["docs"][0][1], "</title><script>alert(1)</script>");
}

#[test]
fn a_course_shard_over_the_budget_gets_a_warning_and_small_ones_do_not() {
    // Distinct numbered words so the shard grows with the text, 40 lessons of ~60 KB: > 2 MB.
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
}
