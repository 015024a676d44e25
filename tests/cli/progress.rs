//! Progress data through the real binary: each course gets an outline script with stable ids, rule
//! and points, pages load the outlines they show, and every course gets a completion page.

use crate::Project;

fn lesson(id: &str, body: &str) -> String {
    format!("---\ntitle: Bài {id}\nid: {id}\n---\nĐọc.\n\n{body}")
}

fn project() -> Project {
    let quiz = "```quiz id=q-1 points=3\nGọi công an số mấy?\n\n= 113\n```\n";
    Project::new()
        .file(
            "content/c/_index.md",
            "---\ntitle: \"</script><b>Khóa</b>\"\nid: khoa-c\ncomplete: read\npass: 70\n---\nGiới thiệu.\n",
        )
        .file("content/c/m1/_index.md", "---\ntitle: Chương\n---\n")
        .file("content/c/m1/a.md", &lesson("a", quiz))
        .file("content/c/m1/b.md", &lesson("b", ""))
}

#[test]
fn each_course_gets_an_outline_script_with_ids_rule_and_points() {
    let site = project();
    let run = site.build().ok();
    let script = run.page("_khoa/data/c.js");
    assert!(
        script.starts_with("(self.KhoaCourses=self.KhoaCourses||{})[\"khoa-c\"]="),
        "{script}"
    );
    for part in [
        r#""complete":"read""#,
        r#""pass":70"#,
        r#"["a","c/m1/a.html",[["q-1",3]]]"#,
        r#"["b","c/m1/b.html",[]]"#,
        r#""title":"\u003c/script\u003e\u003cb\u003eKhóa\u003c/b\u003e""#,
    ] {
        assert!(script.contains(part), "{part} in {script}");
    }
}

#[test]
fn pages_load_the_outlines_they_show_and_lessons_know_their_rule() {
    let site = project();
    let run = site.build().ok();
    let outline = run.asset("_khoa/data/c.js");
    let loads = format!(r#"<script defer src="{outline}"></script>"#);
    assert!(run.page("index.html").contains(&loads));
    let from_course = format!(r#"src="../{outline}""#);
    assert!(run.page("c/index.html").contains(&from_course));
    assert!(run.page("c/completion.html").contains(&from_course));
    let lesson = run.page("c/m1/a.html");
    assert!(!lesson.contains("_khoa/data/"), "lesson pages stay light");
    assert!(lesson.contains(r#""complete":"read""#));
    let main = run.asset("_khoa/js/khoa.js");
    assert!(lesson.contains(&format!(r#"<script defer src="../../{main}">"#)));
    let runtime = run.page("_khoa/js/khoa.js");
    assert!(runtime.contains("KhoaStore") && runtime.contains("khoa:answer"));
}

#[test]
fn the_completion_page_lists_every_lesson_and_says_it_is_self_issued() {
    let site = project();
    let run = site.build().ok();
    let main = run.main("c/completion.html");
    assert!(
        main.contains(r#"<li data-lesson-id="a" hidden><a href="m1/a.html">Bài a</a></li>"#),
        "{main}"
    );
    assert!(main.contains(r#"<li data-lesson-id="b" hidden>"#));
    assert!(main.contains("tự tạo"), "self-issued, said plainly");
    assert!(
        main.contains(r#"<div id="_khoa-completion" hidden>"#),
        "hidden until the runtime checks the rule"
    );
    assert!(!main.contains("<b>Khóa</b>"), "the title is escaped");
}
