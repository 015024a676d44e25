//! `khoa import mdbook SRC DEST`: an mdBook with every construct the importer converts becomes a
//! project that builds and checks with zero errors; bad books and occupied folders are refused.

use crate::{Project, Run, khoa_bin};
use std::process::Command;

const BOOK_TOML: &str = "[book]\ntitle = \"Rust cơ bản\"\nlanguage = \"vi\"\ndescription = \"Sách thử\"\n\n[preprocessor.quiz]\n";

const SUMMARY: &str = "# Summary

[Lời nói đầu](README.md)

# Phần một

- [Bắt đầu](ch01/start.md)
    - [Cài đặt](ch01/install.md)
    - [Sắp viết]()
- [Biến](ch02/variables.md)

---

[Phụ lục](appendix.md)
";

const START: &str = "# Bắt đầu

## Cài đặt nhanh {#quick}

```rust
{{#rustdoc_include ../listings/main.rs:main}}
```

```rust
# fn hidden() {}
{{#include ../listings/main.rs:3:4}}
```

```text
{{#include ../listings/out.txt::1}}
```

{{#quiz ../quizzes/ch01.toml}}

Tiếp: [cài đặt](install.md#buoc-1). Viết \\{{#include tệp.rs}} để chèn một tệp.
";

const MAIN_RS: &str = "use std::fmt;
// ANCHOR: main
fn main() {
    println!(\"xin chào\");
}
// ANCHOR_END: main
";

const QUIZ_1: &str = r#"
[[questions]]
type = "MultipleChoice"
id = "5c3f1a2e-0b7d-4c1e-9f00-aa11bb22cc33"
prompt.prompt = "Biến trong Rust mặc định là gì?"
prompt.distractors = ["Có thể thay đổi", "Toàn cục"]
answer.answer = "Bất biến"
context = "Xem [biến](../ch02/variables.md)."

[[questions]]
type = "MultipleChoice"
prompt.prompt = "Chọn các số nguyên."
prompt.distractors = ["1.5"]
answer.answer = ["1", "2"]

[[questions]]
type = "MultipleChoice"
prompt.prompt = """
**Chương trình:**

```rust
fn main() { let v = vec![1]; }
```

Cách sửa nào tốt nhất, biết rằng:
1. nó biên dịch được,
2. nó giữ ý định ban đầu?
"""
answer.answer = """
```rust
let v = `[vec![1, 2]]`;
```
"""
prompt.distractors = ["""
```
let v = [1];
```
""", "Không cách nào = cả"]

[[questions]]
type = "ShortAnswer"
prompt.prompt = "Từ khóa nào khai báo biến?"
answer.answer = "let"
answer.alternatives = ["`let`"]
"#;

const QUIZ_2: &str = r#"
[[questions]]
type = "Tracing"
prompt.program = """
fn main() {
    let x = 1;
    println!("{x}");
}
"""
answer.doesCompile = true
answer.stdout = "1"

[[questions]]
type = "Tracing"
prompt.program = """
fn main() {
    let x = 1;
    x += 1;
}
"""
answer.doesCompile = false
answer.lineNumber = 3
context = "`x` không có `mut`."

[[questions]]
type = "Unheard"
prompt.prompt = "?"
"#;

/// A book with parts, nested chapters, a draft, includes of every kind, quizzes, images and links.
pub(crate) fn book() -> Project {
    Project::empty()
        .file("book/book.toml", BOOK_TOML)
        .file("book/src/SUMMARY.md", SUMMARY)
        .file(
            "book/src/README.md",
            "# Lời nói đầu\n\nXem [Bắt đầu](ch01/start.md) và ![logo](img/logo.svg).\n",
        )
        .file("book/src/ch01/start.md", START)
        .file(
            "book/src/ch01/install.md",
            "# Cài đặt\n\n## Bước 1\n\nQuay lại [đầu](start.md#quick). ![sơ đồ](../img/so%20do.svg)\n",
        )
        .file(
            "book/src/ch02/variables.md",
            "# Biến\n\n{{#include ../listings/snippet.md}}\n\n{{#quiz ../quizzes/ch02.toml}}\n",
        )
        .file(
            "book/src/appendix.md",
            "# Phụ lục\n\nHết. Xem [std](../../std/index.html) và [bản cũ](old.md).\n",
        )
        .file("book/src/listings/main.rs", MAIN_RS)
        .file("book/src/listings/out.txt", "xin chào\nthừa\n")
        .file(
            "book/src/listings/snippet.md",
            "Biến bất biến. Xem [phụ lục](../appendix.md).",
        )
        .file("book/src/quizzes/ch01.toml", QUIZ_1)
        .file("book/src/quizzes/ch02.toml", QUIZ_2)
        .file("book/src/img/logo.svg", SVG)
        .file("book/src/img/so do.svg", SVG)
}

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n";

/// Runs `khoa import mdbook book site` in the project.
pub(crate) fn import(project: &Project) -> Run {
    project.run_here(&["import", "mdbook", "book", "site"])
}

/// Runs `khoa <command> --root site` in the project.
pub(crate) fn in_site(project: &Project, command: &str) -> Run {
    let mut run = Command::new(khoa_bin());
    run.args([command, "--root"]).arg(project.path("site"));
    project.output(run)
}

fn read(project: &Project, path: &str) -> String {
    std::fs::read_to_string(project.path(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn an_mdbook_becomes_a_project_that_builds_and_checks_with_zero_errors() {
    let project = book();
    let run = import(&project).ok();
    let out = &run.stdout;
    assert!(
        out.contains("1 course, 3 modules, 5 lessons, 2 copied files"),
        "{out}"
    );
    assert!(
        out.contains("Questions: 6: 2 MultipleChoice (one answer), 1 MultipleChoice (several answers), 1 ShortAnswer, 2 Tracing"),
        "{out}"
    );
    assert!(
        out.contains("src/SUMMARY.md:9:7: draft chapter `Sắp viết` has no file; skipped"),
        "{out}"
    );
    assert!(
        out.contains(
            "src/quizzes/ch02.toml:25:1: question 3 has the unknown type `Unheard`; skipped"
        ),
        "{out}"
    );
    assert!(
        out.contains("src/appendix.md:3:16: link `../../std/index.html` points outside the book; kept its text without the link"),
        "{out}"
    );
    assert!(
        out.contains("src/appendix.md:3:50: link `old.md` names a page that is not a chapter"),
        "{out}"
    );
    assert!(out.contains("khoa check: 0 errors"), "{out}");

    let config = read(&project, "site/khoa.yaml");
    assert!(
        config.contains("title: \"Rust cơ bản\"\nlanguage: vi\n"),
        "{config}"
    );
    let start = read(
        &project,
        "site/content/rust-co-ban/02-phan-mot/01-bat-dau.md",
    );
    assert!(
        start.starts_with("---\ntitle: \"Bắt đầu\"\n---\n\n## Cài đặt nhanh {#quick}"),
        "{start}"
    );
    assert!(
        start.contains("```rust\nfn main() {\n    println!(\"xin chào\");\n}\n```"),
        "{start}"
    );
    assert!(
        start.contains("```rust\nfn main() {\n    println!(\"xin chào\");\n```"),
        "hidden line gone, range kept: {start}"
    );
    assert!(start.contains("```text\nxin chào\n```"), "{start}");
    assert!(!start.contains("ANCHOR") && !start.contains("thừa"));
    assert!(start.contains("[cài đặt](02-cai-dat.md#buoc-1)"), "{start}");
    assert!(
        start.contains("Viết {{#include tệp.rs}} để chèn"),
        "{start}"
    );
    assert!(
        start.contains("```quiz id=5c3f1a2e-0b7d-4c1e-9f00-aa11bb22cc33\n"),
        "{start}"
    );
    assert!(
        start.contains("[biến](03-bien.md)"),
        "quiz links are rewritten too: {start}"
    );
    let install = read(
        &project,
        "site/content/rust-co-ban/02-phan-mot/02-cai-dat.md",
    );
    assert!(
        install.contains("![sơ đồ](../assets/img/so%20do.svg)"),
        "{install}"
    );
    assert!(
        project
            .path("site/content/rust-co-ban/assets/img/so do.svg")
            .is_file()
    );
    let variables = read(&project, "site/content/rust-co-ban/02-phan-mot/03-bien.md");
    assert!(
        variables.contains("[phụ lục](../03-phu-luc/01-phu-luc.md)"),
        "{variables}"
    );
    assert!(
        variables.contains("[[(biên dịch được)|không biên dịch được]]. Nó in ra: [[1]]"),
        "{variables}"
    );

    in_site(&project, "check").ok();
    let build = in_site(&project, "build").ok();
    assert!(build.stderr.contains("Built 1 course"), "{}", build.stderr);
    let page = read(&project, "site/public/rust-co-ban/phan-mot/bat-dau.html");
    assert!(page.contains("id=\"quick\""));
    assert!(page.contains("href=\"cai-dat.html#buoc-1\""), "{page}");
    assert!(page.contains("5c3f1a2e-0b7d-4c1e-9f00-aa11bb22cc33"));
    crate::security::assert_no_script(&project.path("site/public"));
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_left_alone() {
    let project = book().file("site/notes.txt", "mine");
    import(&project)
        .code(2)
        .stderr_has("is not empty; khoa imports only into a new or empty folder");
    assert_eq!(project.tree("site").len(), 1);
    let empty = book();
    std::fs::create_dir(empty.path("site")).unwrap();
    import(&empty).ok();
    assert!(empty.path("site/khoa.yaml").is_file());
}

#[test]
fn a_bad_summary_is_a_located_error_and_nothing_is_written() {
    let project = book().file(
        "book/src/SUMMARY.md",
        "# Summary\n\n- [Một](ch01/start.md)\n- Hai không có liên kết\n- [Ba](ba.txt)\n",
    );
    let run = import(&project).code(1);
    assert!(
        run.stderr
            .contains("src/SUMMARY.md:4:3: error: expected a link"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("src/SUMMARY.md:5:8: error: chapter `ba.txt` is not a Markdown file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"));
    assert!(!project.path("site").exists());
    assert!(
        project.root().read_dir().unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("import"))
    );
}

#[test]
fn bad_toml_missing_files_and_anchors_are_located_errors() {
    let project = book().file("book/book.toml", "[book]\ntitle = \"x\n").file(
        "book/src/quizzes/ch02.toml",
        "[[questions]]\ntype = \"Tracing\"\nprompt = 3\n",
    );
    let run = import(&project).code(1);
    assert!(run.stderr.contains("book.toml:2:"), "{}", run.stderr);
    let project = book()
        .file(
            "book/src/quizzes/ch02.toml",
            "[[questions]]\ntype = \"Tracing\"\nprompt = 3\n",
        )
        .file(
            "book/src/appendix.md",
            "# Phụ lục\n\n{{#include gone.rs}}\n{{#include listings/main.rs:nope}}\n",
        )
        .remove("book/src/ch01/install.md");
    let run = import(&project).code(1);
    let err = &run.stderr;
    assert!(err.contains("src/quizzes/ch02.toml:3:"), "{err}");
    assert!(
        err.contains("src/appendix.md:3:1: error: included file `gone.rs` does not exist"),
        "{err}"
    );
    assert!(
        err.contains("src/appendix.md:4:1: error: anchor `nope` not found"),
        "{err}"
    );
    assert!(
        err.contains("src/SUMMARY.md:8:17: error: chapter file `ch01/install.md` does not exist"),
        "{err}"
    );
    assert!(!project.path("site").exists());
}

#[test]
fn errors_left_in_the_new_project_are_printed_and_exit_1() {
    let project = book().file(
        "book/src/appendix.md",
        "# Phụ lục\n\nXem [mục](ch01/start.md#khong-co).\n",
    );
    let run = import(&project).code(1);
    assert!(
        run.stderr
            .contains("content/rust-co-ban/03-phu-luc/01-phu-luc.md:5:"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("khoa check: 1 error"), "{}", run.stdout);
    assert!(
        project.path("site/khoa.yaml").is_file(),
        "the project is written to be fixed"
    );
}
