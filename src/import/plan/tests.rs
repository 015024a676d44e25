use super::*;
use crate::import::memory::MemoryBook;

fn book(summary: &str, chapters: &[(&str, &str)]) -> MemoryBook {
    let mut files = vec![
        (
            "book.toml",
            "[book]\ntitle = \"Sách \\\"hay\\\"\"\nlanguage = \"fr\"\nsrc = \"text\"\n",
        ),
        ("text/SUMMARY.md", summary),
    ];
    files.extend_from_slice(chapters);
    MemoryBook::new(&files)
}

fn text(plan: &Plan, path: &str) -> String {
    match plan.files.get(path) {
        Some(Output::Text(text)) => text.clone(),
        other => panic!(
            "{path}: {other:?} in {:?}",
            plan.files.keys().collect::<Vec<_>>()
        ),
    }
}

#[test]
fn a_book_becomes_config_course_modules_lessons_and_copies() {
    let files = book(
        "- [Một](a.md)\n  - [Hai](b/b.md)\n",
        &[
            ("text/a.md", "# Một\n\nXem [hai](b/b.md) ![x](pic.png)\n"),
            ("text/b/b.md", "# Hai {#hai}\n\nNội dung.\n"),
            ("text/pic.png", "png"),
        ],
    );
    let plan = plan(&files).unwrap();
    assert_eq!(
        text(&plan, "khoa.yaml"),
        "title: \"Sách \\\"hay\\\"\"\nlanguage: en\n# Namespaces learners' progress in their browser; keep it stable once published.\nsite_id: sach-hay\n"
    );
    assert!(
        text(&plan, "content/sach-hay/_index.md")
            .starts_with("---\ntitle: \"Sách \\\"hay\\\"\"\nid: sach-hay\nlanguage: en\n")
    );
    assert_eq!(
        text(&plan, "content/sach-hay/01-mot/_index.md"),
        "---\ntitle: \"Một\"\n---\n"
    );
    assert_eq!(
        text(&plan, "content/sach-hay/01-mot/01-mot.md"),
        "---\ntitle: \"Một\"\n---\n\nXem [hai](02-hai.md) ![x](../assets/pic.png)\n"
    );
    assert!(
        text(&plan, "content/sach-hay/01-mot/02-hai.md").contains("# Hai {#hai}"),
        "a title heading with an id stays: links may name it"
    );
    assert_eq!(
        plan.files.get("content/sach-hay/assets/pic.png"),
        Some(&Output::Copy("text/pic.png".into()))
    );
    assert_eq!(
        (
            plan.outcome.modules,
            plan.outcome.lessons,
            plan.outcome.assets
        ),
        (1, 2, 1)
    );
    assert!(plan.outcome.notes[0].message.contains("language `fr`"));
}

#[test]
fn every_missing_chapter_is_reported_before_anything_is_planned() {
    let errors = plan(&book("- [Một](a.md)\n- [Hai](b.md)\n", &[]))
        .err()
        .unwrap();
    let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(at, [(1, 9), (2, 9)]);
    let no_summary = plan(&MemoryBook::new(&[("book.toml", "")])).err().unwrap();
    assert_eq!(no_summary[0].path, "src/SUMMARY.md");
}

#[test]
fn a_quiz_inside_a_list_item_stays_indented() {
    assert_eq!(
        put_in_place("- item\n\n  @\n", "@", "```quiz\na\n\n- [x] b\n```"),
        "- item\n\n  ```quiz\n  a\n\n  - [x] b\n  ```\n"
    );
    assert_eq!(put_in_place("x @ y", "@", "a\nb"), "x a\nb y");
}

#[test]
fn a_chapter_with_only_its_title_is_not_an_empty_lesson() {
    let files = book("- [Một](a.md)\n", &[("text/a.md", "# Một\n")]);
    let plan = plan(&files).unwrap();
    assert_eq!(
        text(&plan, "content/sach-hay/01-mot/01-mot.md"),
        "---\ntitle: \"Một\"\n---\n\n# Một\n"
    );
    assert!(
        plan.outcome
            .notes
            .iter()
            .any(|n| n.message.contains("nothing but its title"))
    );
}

#[test]
fn a_quiz_file_without_questions_is_noted_where_it_is_used() {
    let files = book(
        "- [Một](a.md)\n",
        &[
            ("text/a.md", "Chữ.\n\n{{#quiz q.toml}}\n"),
            ("text/q.toml", ""),
        ],
    );
    let plan = plan(&files).unwrap();
    let note = &plan.outcome.notes[1];
    assert_eq!((note.path.as_str(), note.line), ("text/a.md", 3));
    assert!(
        note.message.contains("gives no question"),
        "{}",
        note.message
    );
}
