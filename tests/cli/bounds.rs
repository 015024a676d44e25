//! Output bounded by its input, and one owner per output path: quadratic quiz shapes are capped,
//! pages are measured as written, control characters and over-long names are located errors in
//! `check` and `build` alike, authors' files never take a generated file's path (or the reverse),
//! and headings never take the ids of khoa's own page elements.

use crate::Project;
use crate::check::check;
use std::time::{Duration, Instant};

/// A lesson with title and description; `body` starts at line 5 of the file.
fn lesson(body: &str) -> String {
    format!("---\ntitle: Bài học\ndescription: Học một điều.\n---\n{body}")
}

fn one_lesson(body: &str) -> Project {
    Project::course(&[("l.md", &lesson(body))])
}

/// A match question of `pairs` rows (its list starts at line 8 of the lesson).
fn match_quiz(pairs: usize) -> String {
    let rows: String = (0..pairs)
        .map(|i| format!("- Trái {i} -> Phải {i}\n"))
        .collect();
    format!("```quiz id=ghep type=match\nGhép mỗi mục.\n\n{rows}```\n")
}

/// Asserts that `check` and `build` both exit 1 with `expected` among their diagnostics, that
/// no OS error escaped, and that nothing was written.
#[track_caller]
fn check_and_build_refuse(project: &Project, expected: &str) {
    let (code, found) = check(project, &[]);
    assert_eq!(code, 1, "{found:#?}");
    assert!(
        found.iter().any(|d| d == expected),
        "{expected}\n{found:#?}"
    );
    let build = project.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    let human = expected.replacen(":0:0:", ":1:1:", 1);
    assert!(build.stderr.contains(&human), "{human}\n{}", build.stderr);
    assert!(!build.stderr.contains("os error"), "{}", build.stderr);
    assert!(
        !project.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn a_match_question_of_more_than_20_pairs_is_an_error_that_says_how_to_split_it() {
    check_and_build_refuse(
        &one_lesson(&match_quiz(21)),
        "content/c/l.md:8:1: error: match question has 21 pairs (at most 20): each row lists every right side, so split it into several match questions of at most 20 pairs",
    );
    let (code, found) = check(&one_lesson(&match_quiz(20)), &[]);
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_match_question_of_more_than_50_right_sides_is_an_error() {
    let pairs: String = (0..11).map(|i| format!("- {i} -> Phải {i}\n")).collect();
    let distractors: String = (0..40).map(|i| format!("- -> Thừa {i}\n")).collect();
    let body = format!("```quiz id=ghep type=match\nGhép.\n\n{pairs}{distractors}```\n");
    let (code, found) = check(&one_lesson(&body), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            "content/c/l.md:8:1: error: match question has 51 different right sides (at most 50, distractors included): each row lists every one of them, so drop distractors or split the question"
        ]
    );
}

#[test]
fn a_10000_pair_match_question_fails_fast() {
    let project = one_lesson(&match_quiz(10_000));
    let started = Instant::now();
    let (code, found) = check(&project, &[]);
    let took = started.elapsed();
    assert_eq!(code, 1);
    let pairs = "content/c/l.md:8:1: error: match question has 10000 pairs (at most 20)";
    assert!(found.iter().any(|d| d.starts_with(pairs)), "{found:?}");
    // Once 59 s and a 4 GB page; now a few hundred milliseconds in a release build. The bound
    // leaves room for debug builds on a busy machine.
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn a_dropdown_gap_of_more_than_50_choices_is_an_error() {
    let gap = |n: usize| {
        let choices: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
        format!("(x)|{}", choices.join("|"))
    };
    let body = |n: usize| format!("```quiz id=chon\nChọn [[{}]].\n```\n", gap(n));
    let (code, found) = check(&one_lesson(&body(50)), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            "content/c/l.md:6:6: error: dropdown gap has 51 choices (at most 50): keep the likely wrong answers, or make it a text gap `[[answer]]`"
        ]
    );
    let (code, found) = check(&one_lesson(&body(49)), &[]);
    assert_eq!((code, found), (0, vec![]));
}

#[test]
fn a_page_over_ten_mebibytes_of_html_is_an_error_measured_on_the_output() {
    let body = "Một dòng chữ khá dài cho bài học.\n\n".repeat(210_000);
    let (code, found) = check(&one_lesson(&body), &[]);
    assert_eq!(code, 1);
    let expected = "content/c/l.md:1:1: error: page `c/l.html` is 10.2 MiB of HTML (over 10 MiB); split it into several lessons so cheap phones can open it";
    assert!(found.iter().any(|d| d == expected), "{found:#?}");
}

#[test]
fn a_page_that_grows_from_a_small_source_is_measured_as_written() {
    // 20-pair matches of long right sides: 120 KB of Markdown, over 1 MiB of HTML.
    let long = "rất dài ".repeat(40);
    let quiz = |q: usize| {
        let rows: String = (0..20)
            .map(|i| format!("- Trái {i} -> Phải {i} {long}\n"))
            .collect();
        format!("```quiz id=q{q} type=match\nGhép.\n\n{rows}```\n\n")
    };
    let body: String = (0..15).map(quiz).collect();
    assert!(body.len() < 200_000, "{}", body.len());
    let (code, found) = check(&one_lesson(&body), &[]);
    assert_eq!(code, 0);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("content/c/l.md:1:1: warning: page `c/l.html` is "),
        "{found:#?}"
    );
}

#[test]
fn control_characters_are_errors_at_their_line_and_column() {
    let project = Project::course(&[(
        "l.md",
        "---\ntitle: Bài\u{7}\ndescription: d\n---\nMột\u{0}hai\n\nba\tbốn\u{1b}\n",
    )]);
    let (code, found) = check(&project, &[]);
    assert_eq!(code, 1);
    let message = |c: &str| {
        format!(
            "error: control character U+{c} in the text: delete it (it is invisible, and pages and the search index must not carry it)"
        )
    };
    assert_eq!(
        found,
        [
            format!("content/c/l.md:2:11: {}", message("0007")),
            format!("content/c/l.md:5:4: {}", message("0000")),
            format!("content/c/l.md:7:7: {}", message("001B")),
        ]
    );
    check_and_build_refuse(
        &project,
        &format!("content/c/l.md:5:4: {}", message("0000")),
    );
}

#[test]
fn control_characters_written_as_escapes_never_reach_a_page() {
    let project = one_lesson("Chuông &#7; reo.\n");
    check_and_build_refuse(
        &project,
        "content/c/l.md:0:0: error: page `c/l.html` would carry the control character U+0007, written as an escape (`&#7;` in Markdown, `\\x07` in YAML); remove it",
    );
    let project = Project::course(&[("l.md", "---\ntitle: \"Bài\\a\"\n---\nx\n")]);
    let (code, found) = check(&project, &[]);
    assert_eq!(code, 1, "{found:#?}");
    assert!(found.iter().any(|d| d.contains("U+0007")), "{found:#?}");
}

#[test]
fn an_output_name_over_255_bytes_fails_check_and_build_alike() {
    let name = format!("{}.md", "a".repeat(252));
    let project = Project::course(&[(&name, &lesson("x\n"))]);
    let url = format!("c/{}.html", "a".repeat(252));
    check_and_build_refuse(
        &project,
        &format!(
            "content/c/{name}:0:0: error: output `{url}` has a name of 257 bytes (at most 255, the file-system limit); shorten the file or folder name"
        ),
    );
}

#[test]
fn an_authors_file_never_takes_a_generated_path() {
    let cases = [
        (
            "content/c/completion.md",
            "c/completion.html",
            "the course's completion page",
        ),
        (
            "content/c/completion.html",
            "c/completion.html",
            "the course's completion page",
        ),
        ("content/c/index.html", "c/index.html", "the course page"),
        (
            "content/c/print.md",
            "c/print.html",
            "the course's printable page",
        ),
        (
            "content/c/review.md",
            "c/review.html",
            "the course's review page",
        ),
        (
            "themes/t/static/review/c.js",
            "_khoa/review/c.js",
            "the course's review questions",
        ),
        ("content/c/index.md", "c/index.html", "the course page"),
        (
            "themes/t/static/i18n/vi.js",
            "_khoa/i18n/vi.js",
            "the UI strings",
        ),
        (
            "themes/t/static/js/khoa.js",
            "_khoa/js/khoa.js",
            "the browser runtime",
        ),
        (
            "themes/t/static/data/c.js",
            "_khoa/data/c.js",
            "the course's outline script",
        ),
        (
            "themes/t/static/search/course-c.js",
            "_khoa/search/course-c.js",
            "the course's search index",
        ),
        (
            "themes/t/static/icons/icon-192.png",
            "_khoa/icons/icon-192.png",
            "an app icon",
        ),
    ];
    for (file, url, what) in cases {
        let project = one_lesson("x\n")
            .file("khoa.yaml", "title: T\nsite_id: t\ntheme: t\n")
            .file("themes/t/templates/.keep", "")
            .file(file, &lesson("y\n"));
        check_and_build_refuse(
            &project,
            &format!(
                "{file}:0:0: error: `{file}` would be published as `{url}`, where khoa writes {what}; rename it"
            ),
        );
    }
}

#[test]
fn files_beside_the_courses_never_replace_the_404_page() {
    let project = one_lesson("x\n").file("content/404.html", "<p>của tôi</p>");
    let run = project.build().ok();
    assert!(run.stderr.contains("content/404.html"), "{}", run.stderr);
    assert!(!run.page("404.html").contains("của tôi"));
}

#[test]
fn two_courses_with_one_folder_slug_or_a_file_where_a_folder_goes_are_errors() {
    let project = Project::new()
        .file("content/01-c/_index.md", "---\ntitle: A\nid: a\n---\nx\n")
        .file("content/02-c/_index.md", "---\ntitle: B\nid: b\n---\nx\n");
    check_and_build_refuse(
        &project,
        "content/02-c/_index.md:0:0: error: this course and `content/01-c/_index.md` would write the same files; give their folders different names and their `id`s different values",
    );
    let project = one_lesson("x\n")
        .file("content/c/Hinh/a.png", "png")
        .file("content/c/hinh", "a file");
    check_and_build_refuse(
        &project,
        "content/c/hinh:0:0: error: `content/c/hinh` would be published as `c/hinh`, but `content/c/Hinh/a.png` is published as `c/hinh/a.png`: one name cannot be both a file and a folder; rename one of them",
    );
}

/// Every `id="…"` value of `html`, in order.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn headings_never_take_khoas_element_ids() {
    let body = "# Main\n\n## Khoa data\n\n## Khoa search\n\nChữ.\n\n```quiz id=q\nCâu?\n\n- [x] Đúng\n- [ ] Sai\n```\n\n## Quiz q\n";
    let project = one_lesson(body);
    let run = project.build().ok();
    let page = run.page("c/l.html");
    let all = ids(&page);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(all.len(), unique.len(), "one element per id: {all:?}");
    for id in ["main", "khoa-data", "khoa-search", "quiz-q"] {
        assert!(all.contains(&id), "heading id {id} in {all:?}");
    }
    let first = page.find(" id=\"_khoa-data\"").unwrap();
    assert!(
        page[..first].ends_with("<script type=\"application/json\""),
        "the first #_khoa-data is the page data, so progress stays on"
    );
    for id in all
        .iter()
        .filter(|id| !["main", "khoa-data", "khoa-search", "quiz-q"].contains(id))
    {
        assert!(
            id.starts_with("_khoa-"),
            "khoa's own id {id} has the reserved prefix"
        );
    }
}

#[test]
fn an_explicit_heading_id_or_footnote_with_the_reserved_prefix_is_an_error() {
    let body = "## Dữ liệu {#_khoa-data}\n\nChữ[^_khoa-main].\n\n[^_khoa-main]: Chú thích.\n";
    let (code, found) = check(&one_lesson(body), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            "content/c/l.md:5:1: error: heading id `_khoa-data` starts with `_khoa`, which khoa keeps for its own page elements; choose another id",
            "content/c/l.md:7:4: error: footnote `[^_khoa-main]` starts with `_khoa`, which khoa keeps for its own page elements; rename it",
            "content/c/l.md:9:1: error: footnote `[^_khoa-main]` starts with `_khoa`, which khoa keeps for its own page elements; rename it",
        ]
    );
}

#[test]
fn every_id_in_the_default_templates_has_the_reserved_prefix() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
    let mut seen = 0;
    let mut folders = vec![std::path::PathBuf::from(dir)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            for id in ids(&std::fs::read_to_string(&path).unwrap()) {
                assert!(id.starts_with("_khoa-"), "template id {id} in {path:?}");
                seen += 1;
            }
        }
    }
    assert!(seen >= 15, "{seen}, quiz templates included");
}
