//! Quizzes through the real binary: errors with `path:line:col` fail the build (all at once), a
//! duplicate question id across lessons of one course is caught, and a good quiz reaches the page
//! and its page data.

use crate::Project;

fn lesson(id: &str, quiz: &str) -> String {
    format!("---\ntitle: Bài {id}\nid: {id}\n---\nĐọc.\n\n{quiz}")
}

#[test]
fn a_broken_quiz_fails_the_build_with_every_error_located() {
    let quiz = "```quiz id=a colour=red\n- [ ] A\n- [ ] A\n```\n";
    let project = Project::course(&[("l.md", &lesson("l", quiz))]);
    project
        .build()
        .code(1)
        .stderr_has("content/c/l.md:7:14: error: unknown quiz attribute `colour`")
        .stderr_has("content/c/l.md:7:1: error: quiz has an empty stem")
        .stderr_has("content/c/l.md:8:1: error: no correct option")
        .stderr_has("content/c/l.md:9:1: error: duplicate option `A`");
    assert!(
        !project.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn a_question_id_is_unique_within_a_course() {
    let quiz = "```quiz id=otp\nMã OTP?\n\n= bí mật\n```\n";
    let project = Project::course(&[("a.md", &lesson("a", quiz)), ("b.md", &lesson("b", quiz))]);
    project.build().code(1).stderr_has(
        "content/c/b.md:7:9: error: duplicate question id `otp` in this course (first used at content/c/a.md:7)",
    );
}

#[test]
fn a_good_quiz_reaches_the_page_and_its_data() {
    let quiz = "```quiz\nGọi công an số mấy?\n\n= 113\n```\n";
    let project = Project::course(&[("l.md", &lesson("l", quiz))]);
    let run = project
        .build()
        .ok()
        .stderr_has("content/c/l.md:7:1: warning: question has no `id`");
    let page = run.page("c/l.html");
    assert!(page.contains("class=\"quiz quiz-number\""), "{page}");
    assert!(page.contains("\"questions\":[{\"id\":\"l-q"), "{page}");
    let main = run.asset("_khoa/js/khoa.js");
    assert!(page.contains(&format!("<script defer src=\"../{main}\">")));
    let runtime = run.page("_khoa/js/khoa.js");
    assert!(
        runtime.contains("/* _khoa/js/quiz-grade.js */")
            && runtime.contains("/* _khoa/js/quiz.js */")
    );
}

#[test]
fn anchors_and_links_inside_a_question_are_checked_at_their_column() {
    let quiz = "```quiz id=q\nXem [mục](#khong-co).\n\n- [x] Đúng, xem [đây](b.md#khong) và [thiếu](thieu.md)\n- [ ] Sai\n```\n";
    let project = Project::course(&[
        ("a.md", &lesson("a", quiz)),
        ("b.md", &lesson("b", "## Cuối\n")),
    ]);
    project
        .build()
        .code(1)
        .stderr_has("content/c/a.md:8:5: error: no heading with id `#khong-co` in `c/a.html`")
        .stderr_has("content/c/a.md:10:17: error: no heading with id `#khong` in `c/b.html`")
        .stderr_has("content/c/a.md:10:38: error: link to a missing file: `content/c/thieu.md`");
}

const CHOICE: &str = "```quiz id=otp\nMã OTP?\n\n- [x] Giữ bí mật\n- [ ] Đọc cho người gọi\n```\n";

#[test]
fn a_project_theme_restyles_quizzes_one_template_at_a_time() {
    let answers = "<div class=\"lua-chon\">{% for option in quiz.answer.options %}<label class=\"nut\"><input type=\"radio\" name=\"_khoa-q-{{ quiz.id }}\" value=\"{{ loop.index0 }}\"> {{ option.text | safe }}</label>{% endfor %}</div>\n";
    let project = Project::course(&[("l.md", &lesson("l", CHOICE))])
        .file("khoa.yaml", "title: T\nsite_id: t\ntheme: rieng\n")
        .file("themes/rieng/templates/quiz/answers.html", answers);
    let run = project.build().ok();
    let page = run.page("c/l.html");
    assert!(
        page.contains("<div class=\"lua-chon\"><label class=\"nut\"><input type=\"radio\" name=\"_khoa-q-otp\" value=\"0\"> Giữ bí mật</label>"),
        "{page}"
    );
    assert!(!page.contains("class=\"quiz-options\""), "{page}");
    assert!(
        page.contains("<details class=\"quiz-reveal\">")
            && page.contains("<script type=\"application/json\" class=\"quiz-data\">{\"correct\":[0],\"type\":\"single\"}</script>"),
        "the other quiz templates still come from the default theme: {page}"
    );
}

#[test]
fn a_broken_quiz_template_fails_check_and_build() {
    let project = Project::course(&[("l.md", &lesson("l", CHOICE))])
        .file("khoa.yaml", "title: T\nsite_id: t\ntheme: rieng\n")
        .file(
            "themes/rieng/templates/quiz/solution.html",
            "{{ quiz.khong_co }}",
        );
    let check = project.run(&["check"]).code(1);
    let build = project.build().code(1);
    for run in [check, build] {
        run.stderr_has("templates/quiz/question.html:1:1: error: template error")
            .stderr_has("Field `khong_co` is not defined")
            .stderr_has("--> quiz/solution.html:1:9");
    }
    assert!(!project.path("public").exists());
}
