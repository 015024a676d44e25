//! `khoa check` on whole-site checks (`src/check/`): ids, anchors, output names, budgets, and
//! conflict markers (found as each file is read).

use super::*;

#[test]
fn anchors_must_name_a_heading_on_this_or_the_other_page() {
    let project = Project::course(&[
        (
            "a.md",
            &lesson("# Mở đầu\n\n[x](#mo-dau) [y](#khong) [z](b.md#cuoi) [w](b.md#khong)\n"),
        ),
        ("b.md", &lesson("## Cuối\n")),
    ]);
    assert_check(
        &project,
        1,
        &[
            "content/c/a.md:7:14: error: no heading with id `#khong` in `c/a.html`",
            "content/c/a.md:7:41: error: no heading with id `#khong` in `c/b.html`",
        ],
    );
}

/// Links converted from GitHub or mdBook name headings by those tools' ids (Unicode letters kept,
/// every space a hyphen): they reach the heading and are rewritten to khoa's id.
#[test]
fn anchors_in_github_and_mdbook_style_are_rewritten_to_khoas_ids() {
    let project = Project::course(&[
        (
            "a.md",
            &lesson(
                "# Mở đầu\n\n[1](b.md#mật-khẩu-mạnh) [2](b.md#the--operator) [3](#mở-đầu) [4](b.md#Đặt-lại-mật-khẩu) [5](b.md#the--operator-1) [6](b.md#neo)\n",
            ),
        ),
        (
            "b.md",
            &lesson(
                "## Mật khẩu mạnh\n\n## The `+` Operator\n\n## Đặt lại mật khẩu\n\n## The `+` Operator\n\n<a id=\"neo\"></a>\n",
            ),
        ),
    ]);
    assert_check(&project, 0, &[]);
    let run = project.build().ok();
    let main = run.main("c/a.html");
    for expected in [
        "href=\"b.html#mat-khau-manh\"",
        "href=\"b.html#the-operator\"",
        "href=\"#mo-dau\"",
        "href=\"b.html#dat-lai-mat-khau\"",
        "href=\"b.html#the-operator-1\"",
        "href=\"b.html#neo\"",
    ] {
        assert!(main.contains(expected), "{expected} in {main}");
    }
}

/// A lesson whose front matter fails is reported once: links to it are not also "missing".
#[test]
fn a_lesson_with_broken_front_matter_is_still_a_link_target() {
    let project = Project::course(&[
        ("a.md", &lesson("[b](b.md) [m](m/x.md)\n")),
        ("b.md", "---\ntitle: Bài 1: Mật khẩu\n---\nx\n"),
        ("m/_index.md", "---\ntitle: [M\n---\n"),
        ("m/x.md", &lesson("x\n")),
    ]);
    let (code, found) = check(&project, &[]);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("content/c/b.md:2:8: error: `: ` inside the value of `title`"));
    assert!(
        found[1].starts_with("content/c/m/_index.md:2:"),
        "{found:#?}"
    );
}

#[test]
fn duplicate_course_ids() {
    let project = Project::course(&[("l.md", &lesson("x\n"))])
        .file("content/d/_index.md", "---\ntitle: D\nid: c\n---\nx\n")
        .file("content/d/l.md", &lesson("x\n"));
    assert_check(
        &project,
        1,
        &[
            "content/d/_index.md:0:0: error: this course and `content/c/_index.md` would write the same files; give their folders different names and their `id`s different values",
            "content/d/_index.md:3:1: error: duplicate course id `c` (also used by content/c/_index.md)",
        ],
    );
}

#[test]
fn duplicate_lesson_ids_within_a_course() {
    let with_id = "---\ntitle: A\ndescription: d\nid: trung\n---\nx\n";
    let project = Project::course(&[("a.md", with_id), ("b.md", with_id)]);
    assert_check(
        &project,
        1,
        &[
            "content/c/b.md:4:1: error: duplicate lesson id `trung` in this course (also used by content/c/a.md)",
        ],
    );
}

#[test]
fn sources_that_differ_only_by_case_or_normalization_collide() {
    let project = Project::course(&[("Bai1.md", &lesson("x\n")), ("bai1.md", &lesson("y\n"))]);
    assert_check(
        &project,
        1,
        &[
            "content/c/bai1.md:0:0: error: `content/c/bai1.md` and `content/c/Bai1.md` would both be published as `c/bai1.html`; rename one of them",
            "content/c/bai1.md:1:1: error: duplicate lesson id `bai1` in this course (also used by content/c/Bai1.md)",
        ],
    );
    let nfc = "b\u{e0}i.md";
    let nfd = "ba\u{300}i.md";
    let project = Project::course(&[(nfc, &lesson("x\n")), (nfd, &lesson("y\n"))]);
    let (code, found) = check(&project, &[]);
    assert_eq!(code, 1);
    assert!(
        found.contains(&"content/c/bài.md:0:0: error: two files named `content/c/bài.md` differ only in how their accents are encoded (NFC/NFD); delete one of them".to_string()),
        "{found:?}"
    );
}

#[test]
fn windows_reserved_output_names_are_errors() {
    let project = one_lesson("x\n")
        .file("khoa.yaml", "title: T\nsite_id: t\ntheme: rieng\n")
        .file("themes/rieng/static/aux.css", "p{}")
        .file("content/c/con.md", &lesson("Con mèo.\n"));
    assert_check(
        &project,
        1,
        &[
            "themes/rieng/static/aux.css:0:0: error: output `_khoa/aux.css` contains `aux.css`, a name Windows refuses (con, prn, aux, nul, com1…, lpt1…); rename the file",
        ],
    );
}

#[test]
fn merge_conflict_markers_but_not_setext_headings_or_code_examples() {
    let body = "Tiêu đề\n=======\n\n<<<<<<< HEAD\nmột\n=======\nhai\n>>>>>>> nhanh-moi\n\n```text\n<<<<<<< HEAD\n```\n";
    assert_check(
        &one_lesson(body),
        1,
        &[
            "content/c/l.md:8:1: error: merge-conflict marker left in the file; keep the right version and delete the markers",
            "content/c/l.md:12:1: error: merge-conflict marker left in the file; keep the right version and delete the markers",
        ],
    );
}

#[test]
fn empty_lesson() {
    assert_check(
        &one_lesson("\n  \n"),
        1,
        &["content/c/l.md:4:1: error: lesson is empty: write its content below the front matter"],
    );
}

#[test]
fn a_page_over_one_mebibyte_of_html_is_a_warning_with_its_size() {
    let body = "Một dòng chữ khá dài cho bài học.\n\n".repeat(30_000);
    let (code, found) = check(&one_lesson(&body), &[]);
    assert_eq!(code, 0);
    assert_eq!(
        found,
        [
            "content/c/l.md:1:1: warning: page `c/l.html` is 1.5 MiB of HTML (over 1 MiB); split it into several lessons so cheap phones can open it"
        ]
    );
}

#[test]
fn an_image_over_300_kb_is_a_warning_with_its_size() {
    let project = one_lesson("![Ảnh lớn](lon.gif) ![Ảnh nhỏ](nho.gif)\n")
        .bytes("content/c/lon.gif", &vec![0u8; 412_000])
        .bytes("content/c/nho.gif", &vec![0u8; 300_000])
        .bytes("content/c/tai-lieu.pdf", &vec![0u8; 900_000]);
    assert_check(
        &project,
        0,
        &[
            "content/c/lon.gif:0:0: warning: image is 412 KB (over 300 KB); resize or compress it for slow networks",
        ],
    );
}

#[test]
fn an_image_over_1_mb_without_smaller_copies_is_a_warning_where_a_lesson_shows_it() {
    let project = one_lesson("Xem hình:\n\n  ![Hoạt hình](dong.gif)\n")
        .bytes("content/c/dong.gif", &vec![0u8; 1_200_000]);
    assert_check(
        &project,
        0,
        &[
            "content/c/l.md:7:3: warning: image `content/c/dong.gif` is 1.2 MB and khoa cannot make \
smaller copies of it (khoa resizes only PNG and JPEG images); every learner downloads all of it: use \
a short video instead, or a smaller file",
        ],
    );
}

#[test]
fn a_broken_png_is_a_warning_and_is_published_as_it_is() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00";
    let project = one_lesson("![Ảnh](hong.png)\n").bytes("content/c/hong.png", png);
    let (code, diagnostics) = super::check(&project, &[]);
    assert_eq!(code, 0);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(
        diagnostics[0].starts_with(
            "content/c/hong.png:0:0: warning: cannot make smaller copies of this image ("
        ),
        "{diagnostics:#?}"
    );
    let run = project.build().ok();
    assert!(run.exists("c/hong.png"));
}

#[test]
fn lessons_without_description_are_one_warning_per_course() {
    let bare = "---\ntitle: Bài\n---\nx\n";
    let project = Project::course(&[
        ("1.md", bare),
        ("2.md", bare),
        ("3.md", &lesson("x\n")),
        ("4.md", bare),
        ("5.md", bare),
    ]);
    assert_check(
        &project,
        0,
        &[
            "content/c/1.md:1:1: warning: 4 lessons of this course have no `description` (`content/c/1.md`, `content/c/2.md`, `content/c/4.md`, and 1 more); add one line to each front matter saying what it teaches",
        ],
    );
}

#[test]
fn lesson_without_description_is_a_warning() {
    let project = Project::course(&[("l.md", "---\ntitle: Bài\n---\nx\n")]);
    assert_check(
        &project,
        0,
        &[
            "content/c/l.md:1:1: warning: lesson has no `description`; add one line to the front matter saying what it teaches",
        ],
    );
}

#[test]
fn duplicate_question_ids_within_a_course_but_not_across_courses() {
    let project = Project::course(&[
        ("a.md", &lesson(&quiz("trung"))),
        ("b.md", &lesson(&format!("x\n\n{}", quiz("trung")))),
    ])
    .file("content/d/_index.md", "---\ntitle: D\n---\nx\n")
    .file("content/d/l.md", &lesson(&quiz("trung")));
    assert_check(
        &project,
        1,
        &[
            "content/c/b.md:7:9: error: duplicate question id `trung` in this course (first used at content/c/a.md:5)",
        ],
    );
}
