//! `khoa check`: one fixture per diagnostic (exact line, column, message, exit code), many problems
//! at once, the JSON format, exit codes, and the shipped sample checking clean. Whole-site checks
//! (`src/check/`) are in `site`; what loading and rendering find is here.

use crate::{Project, Run};
use std::path::Path;

mod paths;
mod site;

/// A lesson with title and description; `body` starts at line 5 of the file.
fn lesson(body: &str) -> String {
    format!("---\ntitle: Bài học\ndescription: Học một điều.\n---\n{body}")
}

/// Runs `khoa check --format json` and returns the exit code and every diagnostic as
/// `path:line:col: severity: message`, parsed back from the JSON lines.
pub(crate) fn check(project: &Project, extra: &[&str]) -> (i32, Vec<String>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let run = project.run(&args);
    (run.code, parse_json(&run))
}

fn parse_json(run: &Run) -> Vec<String> {
    run.stdout
        .lines()
        .map(|line| {
            let d: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not JSON ({e}): {line}\n{}", run.stderr));
            format!(
                "{}:{}:{}: {}: {}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// Asserts that checking `project` gives exactly `expected` and exit code `code`.
#[track_caller]
fn assert_check(project: &Project, code: i32, expected: &[&str]) {
    let (actual_code, actual) = check(project, &[]);
    assert_eq!(actual, expected, "diagnostics differ");
    assert_eq!(actual_code, code, "exit code for {actual:#?}");
}

fn one_lesson(body: &str) -> Project {
    Project::course(&[("l.md", &lesson(body))])
}

#[test]
fn a_clean_project_checks_with_no_problems_and_writes_nothing() {
    let project = one_lesson("Nội dung.\n");
    let run = project.run(&["check"]).ok();
    assert!(
        run.stderr.contains("0 errors, 0 warnings in 1 lesson"),
        "{}",
        run.stderr
    );
    assert!(!project.path("public").exists(), "check must not write");
}

#[test]
fn invalid_yaml_points_at_the_file_line() {
    let project = Project::course(&[
        ("a.md", "---\ntitle: 'Bài\ndescription: d\n---\nx\n"),
        ("b.md", "---\ntitle: Bài\n  description: d\n---\nx\n"),
        (
            "c.md",
            "---\ntitle: Bài 1: Mật khẩu\ndescription: d\n---\nx\n",
        ),
        ("d.md", "---\ntitle: Bài\n\tdescription: d\n---\nx\n"),
    ]);
    assert_check(
        &project,
        1,
        &[
            "content/c/a.md:2:8: error: unclosed quote",
            "content/c/b.md:3:3: error: `description` is indented more than `title` above it, which already has a value; start `description` in the same column as `title` (or under a key that ends with `:`)",
            "content/c/c.md:2:8: error: `: ` inside the value of `title` reads as a new key; put the value in quotes: `title: \"Bài 1: Mật khẩu\"`",
            "content/c/d.md:3:1: error: YAML indents with spaces; replace the tab",
        ],
    );
}

#[test]
fn unknown_front_matter_key() {
    let project = Project::course(&[(
        "l.md",
        "---\ntitle: Bài\ndescription: d\ndurration: 3\n---\nx\n",
    )]);
    assert_check(
        &project,
        1,
        &[
            "content/c/l.md:4:1: error: unknown field `durration`, expected one of title, id, description, weight, draft, duration",
        ],
    );
}

#[test]
fn wrong_front_matter_types_are_named_in_plain_words() {
    let project = Project::course(&[
        (
            "a.md",
            "---\ntitle: Bài\ndescription: d\nduration: mười\n---\nx\n",
        ),
        (
            "b.md",
            "---\ntitle: Bài\ndescription: d\ndraft: có\n---\nx\n",
        ),
        ("c.md", "---\ntitle: [Bài]\ndescription: d\n---\nx\n"),
    ]);
    assert_check(
        &project,
        1,
        &[
            "content/c/a.md:4:11: error: expected a whole number",
            "content/c/b.md:4:8: error: expected `true` or `false`",
            "content/c/c.md:2:8: error: expected text; put it in quotes if it starts with `[`, `{`, `*` or `&`",
        ],
    );
}

#[test]
fn missing_title() {
    let project = Project::course(&[("l.md", "---\ndescription: d\n---\nx\n")]);
    assert_check(
        &project,
        1,
        &["content/c/l.md:1:1: error: missing `title` in the front matter"],
    );
}

#[test]
fn link_to_a_missing_lesson() {
    assert_check(
        &one_lesson("Xem [bài sau](bai-sau.md).\n"),
        1,
        &["content/c/l.md:5:5: error: link to a missing file: `content/c/bai-sau.md`"],
    );
}

#[test]
fn missing_images_and_linked_files() {
    let project = one_lesson("![Sơ đồ](hinh/so-do.png)\n\n[Mẫu đơn](mau-don.pdf)\n")
        .file("content/c/hinh/co.png", "x");
    assert_check(
        &project,
        1,
        &[
            "content/c/l.md:5:1: error: link to a missing file: `content/c/hinh/so-do.png`",
            "content/c/l.md:7:1: error: link to a missing file: `content/c/mau-don.pdf`",
        ],
    );
}

#[test]
fn existing_images_and_files_resolve() {
    let project = one_lesson("![Sơ đồ](hinh/so-do.png)\n\n[Mẫu đơn](mau-don.pdf)\n")
        .file("content/c/hinh/so-do.png", "x")
        .file("content/c/mau-don.pdf", "x");
    assert_check(&project, 0, &[]);
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let project = Project::course(&[]).bytes("content/c/l.md", b"---\ntitle: B\xe0i\n---\nx\n");
    assert_check(
        &project,
        1,
        &["content/c/l.md:2:1: error: invalid UTF-8 at byte offset 12; save the file as UTF-8"],
    );
}

#[test]
fn image_without_alt_text_is_a_warning() {
    let project = one_lesson("Xem hình:\n\n![](hinh.png)\n").file("content/c/hinh.png", "x");
    assert_check(
        &project,
        0,
        &[
            "content/c/l.md:7:1: warning: image has no alt text; describe it in `![...]` for learners who cannot see it",
        ],
    );
}

#[test]
fn raw_html_outside_the_allowlist_is_a_warning_at_its_line() {
    assert_check(&one_lesson("Chữ <span class=\"x\">đỏ</span>.\n"), 0, &[]);
    assert_check(
        &one_lesson("Chữ\n\n<div class=\"x\" style=\"color:red\">đỏ</div> <font>x</font>\n"),
        0,
        &[
            "content/c/l.md:7:16: warning: raw HTML attribute `style` on `<div>` is removed: it is not on khoa's allowlist; see \"Raw HTML\" in the manual",
            "content/c/l.md:7:43: warning: raw HTML `<font>` is removed (its text is kept): it is not on khoa's allowlist; see \"Raw HTML\" in the manual",
        ],
    );
}

#[test]
fn raw_html_escape_in_khoa_yaml_keeps_raw_html_as_text() {
    let project = one_lesson("Chữ <span class=\"x\">đỏ</span>.\n").file(
        "khoa.yaml",
        "title: T\nsite_id: t\nmarkdown:\n  raw_html: escape\n",
    );
    assert_check(
        &project,
        0,
        &[
            "content/c/l.md:5:5: warning: raw HTML is shown as text (khoa does not pass HTML through; use Markdown instead)",
            "content/c/l.md:5:23: warning: raw HTML is shown as text (khoa does not pass HTML through; use Markdown instead)",
        ],
    );
    let run = project.build().ok();
    assert!(
        run.main("c/l.html")
            .contains("Chữ &lt;span class=\"x\"&gt;đỏ&lt;/span&gt;.")
    );
}

#[test]
fn modules_without_index_take_their_title_from_the_folder_with_one_warning_for_ascii_names() {
    let project = Project::course(&[
        ("02-Lừa-đảo/01-a.md", &lesson("x\n")),
        ("03-mua-sam/01-b.md", &lesson("x\n")),
        ("04-the/01-c.md", &lesson("x\n")),
    ]);
    assert_check(
        &project,
        0,
        &[
            "content/c/03-mua-sam:0:0: warning: `03-mua-sam`, `04-the` (no `_index.md`): a module's title then comes from its folder name, without accents; add an `_index.md` with `title: ...` (or name the folder with its accents, as in `02-Lừa-đảo`)",
        ],
    );
    let run = project.build().ok();
    let course = run.main("c/index.html");
    assert!(
        course.contains("Lừa đảo") && course.contains("Mua sam"),
        "{course}"
    );
}

#[test]
fn plain_http_links_warn_and_unsafe_schemes_are_errors() {
    assert_check(
        &one_lesson("[a](http://dichvucong.gov.vn) [b](javascript:alert(1))\n"),
        1,
        &[
            "content/c/l.md:5:1: warning: `http://dichvucong.gov.vn` uses http://; prefer https:// so learners are not exposed",
            "content/c/l.md:5:31: error: `javascript:` URLs run script in learners' browsers with the site's rights; khoa refuses them",
        ],
    );
}

#[test]
fn nesting_deeper_than_16_is_a_warning_once() {
    let ok = format!("{}sâu vừa\n", "> ".repeat(16));
    assert_check(&one_lesson(&ok), 0, &[]);
    let deep = format!("{}quá sâu\n\n{}vẫn sâu\n", "> ".repeat(18), "> ".repeat(17));
    assert_check(
        &one_lesson(&deep),
        0,
        &[
            "content/c/l.md:5:33: warning: blocks are nested 18 deep (over 16); flatten the lists or quotes, deep nesting is slow on cheap phones",
        ],
    );
}

#[test]
fn human_format_shows_the_line_and_a_caret_then_the_summary() {
    let project = Project::course(&[
        ("a.md", &lesson("Xem [bài](khong.md).\n")),
        ("b.md", "---\ntitle: B\n---\nx\n"),
    ]);
    let run = project.run(&["check"]).code(1);
    let expected = "content/c/a.md:5:5: error: link to a missing file: `content/c/khong.md`\n  |\n5 | Xem [bài](khong.md).\n  |     ^\ncontent/c/b.md:1:1: warning: lesson has no `description`; add one line to the front matter saying what it teaches\n  |\n1 | ---\n  | ^\n1 error, 1 warning in 2 lessons\n";
    assert_eq!(run.stderr, expected);
}

#[test]
fn exit_codes_for_warnings_deny_warnings_and_usage() {
    let warned = Project::course(&[("l.md", "---\ntitle: Bài\n---\nx\n")]);
    assert_eq!(check(&warned, &[]).0, 0);
    assert_eq!(check(&warned, &["--deny-warnings"]).0, 1);
    assert_eq!(check(&one_lesson("x\n"), &["--deny-warnings"]).0, 0);
    Project::empty()
        .run(&["check"])
        .code(2)
        .stderr_has("khoa.yaml");
    one_lesson("x\n").run(&["check", "--format", "xml"]).code(2);
}

#[test]
fn build_runs_the_same_checks_and_writes_nothing_on_error() {
    let project = Project::course(&[("ok.md", &lesson("x\n")), ("rong.md", &lesson(""))]);
    let run = project.build().code(1);
    assert!(
        run.stderr
            .contains("content/c/rong.md:4:1: error: lesson is empty"),
        "{}",
        run.stderr
    );
    assert!(!project.path("public").exists());
    let run = project.run(&["build", "--format", "json"]).code(1);
    assert_eq!(parse_json(&run).len(), 1);
}

#[test]
fn a_dozen_problems_are_all_reported_in_one_run_sorted_by_file_and_line() {
    let project = Project::course(&[
        (
            "01-a.md",
            &lesson("# Mở đầu\n\n[x](thieu.md) [y](#khong)\n\n![](hinh.png)\n\n<b>đậm</b>\n\n[z](http://a.vn)\n"),
        ),
        ("02-b.md", "---\ntitle: B\n---\n<<<<<<< HEAD\nx\n>>>>>>> other\n"),
        ("03-c.md", &lesson("")),
        ("04-d.md", "---\ndescription: d\ntitle: D\nextra: 1\n---\nx\n"),
        ("05-e.md", "---\ndescription: d\n---\nx\n"),
    ])
    .file("content/c/hinh.png", "x")
    .bytes("content/c/06-f.md", b"---\ntitle: F\n---\n\xff\n");
    let (code, found) = check(&project, &[]);
    assert_eq!(code, 1);
    let expected = [
        "content/c/01-a.md:7:1: error: link to a missing file: `content/c/thieu.md`",
        "content/c/01-a.md:7:15: error: no heading with id `#khong` in `c/a.html`",
        "content/c/01-a.md:9:1: warning: image has no alt text; describe it in `![...]` for learners who cannot see it",
        "content/c/01-a.md:11:1: warning: raw HTML `<b>` is removed (its text is kept): it is not on khoa's allowlist; see \"Raw HTML\" in the manual",
        "content/c/01-a.md:13:1: warning: `http://a.vn` uses http://; prefer https:// so learners are not exposed",
        "content/c/02-b.md:1:1: warning: lesson has no `description`; add one line to the front matter saying what it teaches",
        "content/c/02-b.md:4:1: error: merge-conflict marker left in the file; keep the right version and delete the markers",
        "content/c/02-b.md:6:1: error: merge-conflict marker left in the file; keep the right version and delete the markers",
        "content/c/03-c.md:4:1: error: lesson is empty: write its content below the front matter",
        "content/c/04-d.md:4:1: error: unknown field `extra`, expected one of title, id, description, weight, draft, duration",
        "content/c/05-e.md:1:1: error: missing `title` in the front matter",
        "content/c/06-f.md:4:1: error: invalid UTF-8 at byte offset 17; save the file as UTF-8",
    ];
    assert_eq!(found, expected);
}

#[test]
fn the_shipped_sample_checks_with_no_errors_and_no_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = std::process::Command::new(crate::khoa_bin())
        .args(["check", "--deny-warnings", "--root"])
        .arg(root)
        .output()
        .expect("run khoa check");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("0 errors, 0 warnings in "), "{stderr}");
}

const QUIZ_WITHOUT_ID: &str = "Hỏi:\n\n```quiz\nMã OTP?\n\n- [x] Giữ kín\n- [ ] Đọc to\n```\n";

fn quiz(id: &str) -> String {
    format!("```quiz id={id}\nHai?\n\n- [x] Có\n- [ ] Không\n```\n")
}

#[test]
fn a_question_without_id_is_a_warning_that_names_the_derived_id() {
    let (code, found) = check(&one_lesson(QUIZ_WITHOUT_ID), &[]);
    assert_eq!(code, 0);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("content/c/l.md:7:1: warning: question has no `id`; it gets `l-"),
        "{found:?}"
    );
}

#[test]
fn quiz_errors_point_at_the_offending_line() {
    let body = "```quiz id=ba\nBa?\n\n- [ ] Có\n- [ ] Không\n```\n";
    assert_check(
        &one_lesson(body),
        1,
        &["content/c/l.md:8:1: error: no correct option: mark the right answer with `- [x]`"],
    );
}

#[test]
fn an_invalid_id_is_located_at_its_front_matter_line() {
    let project = Project::course(&[(
        "l.md",
        "---\ntitle: L\ndescription: Một bài.\nid: Bai Mot\n---\nNội dung.\n",
    )]);
    assert_check(
        &project,
        1,
        &["content/c/l.md:4:1: error: lesson `id` \"Bai Mot\" may only hold a-z, 0-9, `-` and `_`"],
    );
}
