//! A generated mdBook the size of a real course (120 chapters in 8 parts, 240 quiz questions of
//! every type, includes, images, cross links) imports, checks and builds with zero errors.
//!
//! It prints how long import and build took. For the release figures:
//! `KHOA_IMPORT_BIN=$PWD/target/release/khoa cargo test --test cli import_large -- --nocapture`
//! (an absolute path: the commands run in the test project; not `KHOA_BIN`, which `scripts/test`
//! sets for the whole suite before it builds the release binary).

use crate::{Project, khoa_bin};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

const PARTS: usize = 8;
const CHAPTERS_PER_PART: usize = 15;

fn bin() -> PathBuf {
    std::env::var_os("KHOA_IMPORT_BIN").map_or_else(khoa_bin, PathBuf::from)
}

/// Chapter `n` (0-based): a heading with an id, prose, an include, an image, links to its
/// neighbours and a quiz of two questions whose types rotate through every kind.
fn chapter(n: usize, total: usize) -> String {
    let mut text = format!("# Chương {n}\n\n## Mục tiêu {{#muc-tieu-{n}}}\n\n");
    for p in 0..3 {
        let _ = writeln!(
            text,
            "Đoạn {p} của chương {n}: học viên đọc, thử và ghi nhớ. Rust giúp viết phần mềm an toàn.\n"
        );
    }
    let _ = writeln!(
        text,
        "```rust\n{{{{#rustdoc_include ../listings/l{}.rs:main}}}}\n```\n",
        n % 10
    );
    let _ = writeln!(text, "![Hình {n}](../img/h{}.svg)\n", n % 5);
    if n > 0 {
        let _ = writeln!(
            text,
            "Trước: [chương {}](c{}.md#muc-tieu-{}).",
            n - 1,
            n - 1,
            n - 1
        );
    }
    if n + 1 < total {
        let _ = writeln!(text, "Sau: [chương {}](c{}.md).", n + 1, n + 1);
    }
    let _ = writeln!(text, "\n{{{{#quiz ../quizzes/q{n}.toml}}}}");
    text
}

fn quiz(n: usize) -> String {
    (0..2).map(|k| question(n, 2 * n + k)).collect()
}

fn question(chapter: usize, q: usize) -> String {
    let header = format!("[[questions]]\nid = \"q-{q}\"\n");
    let body = match q % 5 {
        0 => format!("type = \"MultipleChoice\"\nprompt.prompt = \"Câu {q}: chọn một.\"\nprompt.distractors = [\"Sai {q}a\", \"Sai {q}b\"]\nanswer.answer = \"Đúng {q}\"\ncontext = \"Xem [chương](c{chapter}.md).\"\n"),
        1 => format!("type = \"MultipleChoice\"\nprompt.prompt = \"Câu {q}: chọn tất cả.\"\nprompt.distractors = [\"Sai {q}\"]\nanswer.answer = [\"Đúng {q}a\", \"Đúng {q}b\"]\n"),
        2 => format!("type = \"ShortAnswer\"\nprompt.prompt = \"Câu {q}: từ khóa?\"\nanswer.answer = \"let\"\nanswer.alternatives = [\"LET\"]\n"),
        3 => format!("type = \"Tracing\"\nprompt.program = \"fn main() {{\\n    println!(\\\"{q}\\\");\\n}}\"\nanswer.doesCompile = true\nanswer.stdout = \"{q}\"\n"),
        _ => "type = \"Tracing\"\nprompt.program = \"fn main() {\\n    let x = 1;\\n    x += 1;\\n}\"\nanswer.doesCompile = false\nanswer.lineNumber = 3\ncontext = \"`x` cần `mut`.\"\n".to_string(),
    };
    format!("{header}{body}\n")
}

fn large_book() -> Project {
    let total = PARTS * CHAPTERS_PER_PART;
    let mut summary = String::from("# Summary\n\n[Lời nói đầu](README.md)\n\n");
    let mut project = Project::empty()
        .file(
            "book/book.toml",
            "[book]\ntitle = \"Sách lớn\"\nlanguage = \"vi\"\n",
        )
        .file("book/src/README.md", "# Lời nói đầu\n\nChào mừng.\n");
    for part in 0..PARTS {
        let _ = writeln!(summary, "# Phần {part}\n");
        for i in 0..CHAPTERS_PER_PART {
            let n = part * CHAPTERS_PER_PART + i;
            let indent = if i % 3 == 0 { "" } else { "    " };
            let _ = writeln!(summary, "{indent}- [Chương {n}](ch/c{n}.md)");
            project = project
                .file(&format!("book/src/ch/c{n}.md"), &chapter(n, total))
                .file(&format!("book/src/quizzes/q{n}.toml"), &quiz(n));
        }
        summary.push('\n');
    }
    for l in 0..10 {
        let listing = format!(
            "use std::io;\n// ANCHOR: main\nfn main() {{\n    println!(\"{l}\");\n}}\n// ANCHOR_END: main\n"
        );
        project = project.file(&format!("book/src/listings/l{l}.rs"), &listing);
    }
    for h in 0..5 {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"1\"/>\n",
            h + 1
        );
        project = project.file(&format!("book/src/img/h{h}.svg"), &svg);
    }
    project.file("book/src/SUMMARY.md", &summary)
}

#[test]
fn a_book_of_120_chapters_and_240_questions_imports_and_builds_with_zero_errors() {
    let project = large_book();
    let started = Instant::now();
    let import = project.output({
        let mut c = Command::new(bin());
        c.args(["import", "mdbook", "book", "site"])
            .current_dir(project.root());
        c
    });
    let import_time = started.elapsed();
    let import = import.ok();
    assert!(
        import
            .stdout
            .contains("1 course, 9 modules, 121 lessons, 5 copied files"),
        "{}",
        import.stdout
    );
    assert!(
        import.stdout.contains("Questions: 240: 48 MultipleChoice (one answer), 48 MultipleChoice (several answers), 48 ShortAnswer, 96 Tracing"),
        "{}",
        import.stdout
    );
    assert!(
        import.stdout.contains("Everything was converted."),
        "{}",
        import.stdout
    );
    assert!(
        import.stdout.contains("khoa check: 0 errors"),
        "{}",
        import.stdout
    );
    let started = Instant::now();
    let build = project.output({
        let mut c = Command::new(bin());
        c.arg("build").arg("--root").arg(project.path("site"));
        c
    });
    let build_time = started.elapsed();
    build.ok();
    eprintln!("large book: import (with its check) {import_time:.2?}, build {build_time:.2?}");
    eprintln!("{}", import.stdout);
}
