//! Learning paths (`requires:` and `next:` in a course's `_index.md`): `check` points at an unknown
//! course id or a cycle where it is written; the home page lists required courses first; a course
//! page lists the courses to learn first (for readers without JavaScript too) and loads their
//! outlines so the runtime can show how far the learner is in each, and holds the next course's
//! link hidden until the course is done.

use super::*;

/// A project with courses `(folder, front matter lines after the title)`, each with one lesson.
fn courses(list: &[(&str, &str)]) -> Project {
    let mut project = Project::new();
    for (folder, front) in list {
        project = project
            .file(
                &format!("content/{folder}/_index.md"),
                &format!(
                    "---\ntitle: Khóa {folder}\ndescription: Mô tả.\n{front}---\nGiới thiệu.\n"
                ),
            )
            .file(&format!("content/{folder}/a.md"), &lesson("Nội dung.\n"));
    }
    project
}

#[test]
fn an_unknown_course_id_is_an_error_where_it_is_written() {
    let project = courses(&[
        ("a", "requires:\n  - b\n  - khong-co\nnext: dau-do\n"),
        ("b", ""),
    ]);
    assert_check(
        &project,
        1,
        &[
            "content/a/_index.md:6:5: error: `requires` names course `khong-co`, which does not exist (course ids: `a`, `b`)",
            "content/a/_index.md:7:7: error: `next` names course `dau-do`, which does not exist (course ids: `a`, `b`)",
        ],
    );
}

#[test]
fn a_cycle_of_requirements_is_an_error_at_its_first_course() {
    let project = courses(&[
        ("a", "requires: [c]\n"),
        ("b", "requires: [a]\n"),
        ("c", "requires: [x-y, b]\n"),
    ]);
    assert_check(
        &project,
        1,
        &[
            "content/a/_index.md:4:12: error: `requires` goes round in a circle: a → c → b → a (each course would have to come before itself)",
            "content/c/_index.md:4:12: error: `requires` names course `x-y`, which does not exist (course ids: `a`, `b`, `c`)",
        ],
    );
}

#[test]
fn the_home_page_lists_required_courses_first_and_a_course_page_names_them() {
    let project = courses(&[
        ("01-tiep", "requires: [co-ban]\n"),
        ("02-co-ban", "next: tiep\n"),
        ("03-khac", ""),
    ]);
    assert_check(&project, 0, &[]);
    let run = project.build().ok();
    let home = run.main("index.html");
    let at = |text: &str| {
        home.find(text)
            .unwrap_or_else(|| panic!("{text} in {home}"))
    };
    assert!(at("Khóa 02-co-ban") < at("Khóa 01-tiep"), "{home}");
    assert!(
        at("Khóa 01-tiep") < at("Khóa 03-khac"),
        "the rest keeps its order"
    );

    let page = run.page("tiep/index.html");
    let main = run.main("tiep/index.html");
    assert!(
        main.contains("<h2 id=\"_khoa-requires\">Nên học trước</h2>"),
        "{main}"
    );
    assert!(
        main.contains(
            "<li data-course-id=\"co-ban\"><a href=\"../co-ban/index.html\">Khóa 02-co-ban</a></li>"
        ),
        "listed without JavaScript: {main}"
    );
    assert!(!main.contains("course-next"), "no `next` here");
    let outline = run.asset("_khoa/data/co-ban.js");
    assert!(page.contains(&format!("src=\"../{outline}\"")), "{page}");

    let before = run.main("co-ban/index.html");
    assert!(!before.contains("_khoa-requires"), "{before}");
    assert!(
        before.contains("<p class=\"course-next\" hidden>Học tiếp: <a href=\"../tiep/index.html\">Khóa 01-tiep</a></p>"),
        "{before}"
    );
}
