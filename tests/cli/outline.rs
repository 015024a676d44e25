//! The course outline beside a lesson is bounded: a short course is listed whole, a long one lists
//! the current module's lessons, the other modules as links and a link to the course page, so a
//! lesson page does not grow with its course.

use crate::Project;
use crate::build::lesson;

/// The part of a lesson page that is the outline beside the lesson.
fn outline(page: &str) -> &str {
    let start = page
        .find("<nav class=\"course-outline\"")
        .expect("an outline");
    let end = start + page[start..].find("</nav>").expect("its end");
    &page[start..end]
}

/// A course of `modules` modules of `each` lessons.
fn course(modules: usize, each: usize) -> Project {
    course_of(&vec![each; modules])
}

/// A course whose module `m` (from 1) has `sizes[m - 1]` lessons.
fn course_of(sizes: &[usize]) -> Project {
    let mut files = Vec::new();
    for (m, &each) in (1..).zip(sizes) {
        files.push((
            format!("{m:03}-chuong-{m}/_index.md"),
            format!("---\ntitle: Chương {m}\n---\n"),
        ));
        for l in 1..=each {
            files.push((
                format!("{m:03}-chuong-{m}/{l:03}-bai-{l}.md"),
                lesson(&format!("Bài {m}.{l}")),
            ));
        }
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Project::course(&files)
}

#[test]
fn a_short_course_is_listed_whole_beside_every_lesson() {
    let project = course(3, 5);
    let run = project.build().ok();
    let page = run.page("c/chuong-2/bai-1.html");
    let shown = outline(&page);
    assert_eq!(shown.matches("data-lesson-id=").count(), 15, "{shown}");
    assert!(!shown.contains("outline-folded"), "{shown}");
    assert!(shown.contains("<details class=\"outline-module\" open><summary>Chương 2</summary>"));
    assert!(!shown.contains("Xem toàn bộ nội dung khóa học"), "{shown}");
}

#[test]
fn a_long_course_lists_the_current_module_and_links_the_others() {
    let project = course(4, 20);
    let run = project.build().ok();
    let page = run.page("c/chuong-3/bai-7.html");
    let shown = outline(&page);
    assert_eq!(
        shown.matches("data-lesson-id=").count(),
        20,
        "only module 3's lessons: {shown}"
    );
    assert!(
        shown.contains("aria-current=\"page\">Bài 3.7</a>"),
        "{shown}"
    );
    for m in [1, 2, 4] {
        let link = format!(
            "<p class=\"outline-module outline-folded\"><a href=\"../chuong-{m}/bai-1.html\">Chương {m}</a></p>"
        );
        assert!(
            shown.contains(&link),
            "module {m} folded to its first lesson: {shown}"
        );
    }
    assert!(
        shown.contains("<a href=\"../index.html\">Xem toàn bộ nội dung khóa học</a>"),
        "a partial outline links the course page: {shown}"
    );
    let course_page = run.main("c/index.html");
    assert!(
        course_page.matches("bai-").count() >= 80,
        "the course page lists every lesson"
    );
}

#[test]
fn a_lesson_page_does_not_grow_with_its_course() {
    let mut sizes = vec![1; 30];
    sizes[14] = 60;
    let small = course_of(&sizes);
    let mut sizes = vec![1; 60];
    sizes[29] = 120;
    let large = course_of(&sizes);
    let (small, large) = (small.build().ok(), large.build().ok());
    let a = outline(&small.page("c/chuong-15/bai-30.html")).to_string();
    let b = outline(&large.page("c/chuong-30/bai-60.html")).to_string();
    assert_eq!(
        a.matches("data-lesson-id=").count(),
        50,
        "a window of 50 lessons"
    );
    assert_eq!(
        b.matches("data-lesson-id=").count(),
        50,
        "a window of 50 lessons"
    );
    assert_eq!(
        a.matches("outline-folded").count(),
        24,
        "25 modules around the current one"
    );
    assert_eq!(
        b.matches("outline-folded").count(),
        24,
        "25 modules around the current one"
    );
    assert!(
        b.len() < a.len() + 2_000,
        "{} bytes, then {}",
        a.len(),
        b.len()
    );
}
