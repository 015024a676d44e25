//! A course on paper, bounded: a course of at most 60 lessons prints whole on `print.html`; a
//! longer one prints each module on its own page (`print-<module>.html`, its questions numbered
//! from 1 and its own key), under an index at `print.html`; an author's lesson cannot take a
//! module page's name, and the build cache gives the same pages.

use crate::Project;
use crate::page_cache::build_both_showing;

/// A lesson titled `title` with one question (id `id`) whose answer is `answer`.
fn lesson(title: &str, id: &str, answer: &str) -> String {
    format!(
        "---\ntitle: {title}\n---\nNội dung của {title}.\n\n```quiz id={id}\nHỏi về {title}?\n\n= {answer}\n```\n"
    )
}

/// A course `c` of modules `chuong-<m>` ("Chương <m>") holding `sizes[m - 1]` lessons each
/// ("Bài <m>.<l>", one question each), and `direct` lessons outside any module ("Bài mở <l>").
fn course(direct: usize, sizes: &[usize]) -> Project {
    let mut project = Project::course(&[]);
    for l in 1..=direct {
        let text = lesson(&format!("Bài mở {l}"), &format!("q0-{l}"), "mở");
        project = project.file(&format!("content/c/{l:02}-mo-{l}.md"), &text);
    }
    for (m, &size) in (1..).zip(sizes) {
        let folder = format!("content/c/{m:02}-chuong-{m}");
        project = project.file(
            &format!("{folder}/_index.md"),
            &format!("---\ntitle: Chương {m}\n---\n"),
        );
        for l in 1..=size {
            let text = lesson(
                &format!("Bài {m}.{l}"),
                &format!("q{m}-{l}"),
                &format!("đáp-{m}-{l}"),
            );
            project = project.file(&format!("{folder}/{l:02}-bai-{l}.md"), &text);
        }
    }
    project
}

fn count(text: &str, what: &str) -> usize {
    text.matches(what).count()
}

/// Asserts that `page` prints the lessons `titles` exactly, in order, with a key of one entry per
/// lesson numbered from 1.
#[track_caller]
fn prints_exactly(page: &str, titles: &[String]) {
    assert_eq!(
        count(page, "<article class=\"print-lesson\">"),
        titles.len()
    );
    let at: Vec<usize> = titles
        .iter()
        .map(|t| {
            page.find(&format!("\"print-lesson-title\">{t}</h2>"))
                .expect(t)
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "in reading order");
    let key = page.find("class=\"print-key\"").expect("its own key");
    assert!(at.iter().all(|&p| p < key), "the key comes last");
    for number in 1..=titles.len() {
        assert!(
            page.contains(&format!("<li value=\"{number}\">")),
            "key entry {number}"
        );
    }
    assert!(!page.contains(&format!("<li value=\"{}\">", titles.len() + 1)));
}

fn titles(module: usize, lessons: usize) -> Vec<String> {
    (1..=lessons).map(|l| format!("Bài {module}.{l}")).collect()
}

#[test]
fn a_course_of_over_60_lessons_prints_each_module_on_its_own_page_under_an_index() {
    let project = course(2, &[25, 25, 9]);
    let run = project.build().ok();
    let index = run.main("c/print.html");
    for (href, title, lessons) in [
        ("print-.html", "Bài mở 1", 2),
        ("print-chuong-1.html", "Chương 1", 25),
        ("print-chuong-2.html", "Chương 2", 25),
        ("print-chuong-3.html", "Chương 3", 9),
    ] {
        let entry =
            format!("<a href=\"{href}\">{title}</a> <span class=\"meta\">· {lessons} bài</span>");
        assert!(index.contains(&entry), "{entry}\n{index}");
    }
    assert!(
        !index.contains("print-lesson"),
        "the index prints no lesson"
    );
    let opening = run.page("c/print-.html");
    prints_exactly(&opening, &["Bài mở 1".into(), "Bài mở 2".into()]);
    for (module, lessons) in [(1, 25), (2, 25), (3, 9)] {
        let page = run.page(&format!("c/print-chuong-{module}.html"));
        prints_exactly(&page, &titles(module, lessons));
        assert!(
            page.contains(&format!("đáp-{module}-{lessons}")),
            "its own answers"
        );
        let other = if module == 1 { 2 } else { 1 };
        assert!(
            !page.contains(&format!("đáp-{other}-1<")),
            "no other module's answers"
        );
        let breadcrumbs = format!(
            "<li><a href=\"print.html\">Bản in cả khóa</a></li>\n<li><span aria-current=\"page\">Chương {module}</span></li>"
        );
        assert!(page.contains(&breadcrumbs), "{page}");
    }
    let review = run.page("_khoa/review/c.js");
    assert_eq!(
        count(&review, "[\"q"),
        61,
        "the review script keeps every question"
    );
}

#[test]
fn a_course_of_60_lessons_still_prints_whole_on_one_page() {
    let project = course(0, &[25, 25, 10]);
    let run = project.build().ok();
    let page = run.page("c/print.html");
    let all: Vec<String> = [(1, 25), (2, 25), (3, 10)]
        .into_iter()
        .flat_map(|(m, l)| titles(m, l))
        .collect();
    prints_exactly(&page, &all);
    assert!(page.contains("<h2 class=\"print-module\">Chương 3</h2>"));
    assert!(!run.exists("c/print-chuong-1.html"));
}

#[test]
fn a_lesson_named_like_a_module_print_page_loses_it_with_an_error() {
    let project =
        course(0, &[31, 30]).file("content/c/print-chuong-2.md", &lesson("Bài lạ", "la", "x"));
    project.run(&["build"]).code(1).stderr_has(
        "content/c/print-chuong-2.md:1:1: error: `content/c/print-chuong-2.md` would be published as `c/print-chuong-2.html`, where khoa writes the printable page of one of the course's modules; rename it",
    );
    assert!(!project.path("public").exists());
    let short =
        course(0, &[30, 29]).file("content/c/print-chuong-2.md", &lesson("Bài lạ", "la", "x"));
    let run = short.build().ok();
    assert!(
        run.page("c/print-chuong-2.html").contains("Bài lạ"),
        "a course of 60 lessons leaves it the name"
    );
}

#[test]
fn module_print_pages_from_the_cache_are_the_same_and_number_within_their_module() {
    let project = course(0, &[31, 30]);
    build_both_showing(&project, "a", "c/print-chuong-2.html");
    let extra = "\n```quiz id=them\nThêm?\n\n= thêm\n```\n";
    let first = project.path("content/c/01-chuong-1/01-bai-1.md");
    let text = std::fs::read_to_string(&first).unwrap();
    let project = project.file(
        "content/c/01-chuong-1/01-bai-1.md",
        &format!("{text}{extra}"),
    );
    let (page, _) = build_both_showing(&project, "b", "c/print-chuong-2.html");
    assert!(page.contains("<li value=\"30\">") && !page.contains("<li value=\"31\">"));
    let (page, _) = build_both_showing(&project, "c", "c/print-chuong-1.html");
    assert!(
        page.contains("<li value=\"32\">"),
        "a question added to module 1 numbers on there"
    );
}

#[test]
fn a_module_print_page_over_10_mib_is_a_warning_never_an_error() {
    let long = "Một dòng chữ khá dài cho bài học.\n\n".repeat(18_000);
    let mut project = Project::course(&[]);
    for l in 1..=61 {
        let body = if l <= 12 { long.as_str() } else { "Ngắn.\n" };
        let text = format!("---\ntitle: Bài {l}\ndescription: Học.\n---\n{body}");
        project = project.file(&format!("content/c/{l:02}-bai-{l}.md"), &text);
    }
    let (code, found) = crate::check::check(&project, &[]);
    assert_eq!(code, 0, "{found:#?}");
    let warning = "content/c/_index.md:1:1: warning: the printed module `c/print-.html` is 10.";
    assert!(
        found.iter().any(|d| {
            d.starts_with(warning) && d.ends_with(
        "MiB of HTML (over 10 MiB): no phone can open it; split the module into several modules"
    )
        }),
        "{found:#?}"
    );
    assert!(
        !found.iter().any(|d| d.contains("page `c/")),
        "no lesson page is over 1 MiB: {found:#?}"
    );
}

#[test]
fn the_review_script_of_a_course_longer_than_a_chunk_lists_every_lesson_in_order() {
    // 300 lessons: the review script is made 256 lessons at a time.
    let project = course(0, &[150, 150]);
    let run = project.build().ok();
    let review = run.page("_khoa/review/c.js");
    let json = review
        .strip_prefix("(self.KhoaReview=self.KhoaReview||{})[\"c\"]=")
        .and_then(|s| s.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("not a review script: {}", &review[..80]));
    let lessons: serde_json::Value = serde_json::from_str(json).expect("one JSON array");
    let lessons = lessons.as_array().unwrap();
    let expected: Vec<String> = [titles(1, 150), titles(2, 150)].concat();
    let got: Vec<&str> = lessons.iter().map(|l| l[1].as_str().unwrap()).collect();
    assert_eq!(got, expected);
    for (lesson, (m, l)) in lessons
        .iter()
        .zip((1..=2).flat_map(|m| (1..=150).map(move |l| (m, l))))
    {
        assert_eq!(lesson[3][0][0], format!("q{m}-{l}"), "{lesson}");
        assert_eq!(lesson[3].as_array().unwrap().len(), 1);
    }
}
