//! `khoa serve` on a site in two languages, through the build cache: an edit to a translation or
//! to the project's UI strings (`i18n/<lang>.yaml`) is served at once, in its language's edition,
//! and the original's page stays as it was.

use super::{Server, next_build};
use crate::Project;

const NOTE: &str = "> [!NOTE]\n> Chú ý.\n";

fn bilingual() -> Project {
    Project::new()
        .file(
            "khoa.yaml",
            "title: Thử\nsite_id: thu\nlanguages: [vi, en]\n",
        )
        .file("i18n/en.yaml", "alert_note: Heads up\n")
        .file(
            "content/c/_index.md",
            "---\ntitle: Khóa\n---\nGiới thiệu.\n",
        )
        .file(
            "content/c/01-a.md",
            &format!("---\ntitle: Bài mèo\n---\nCon mèo.\n\n{NOTE}"),
        )
        .file(
            "content/c/01-a.en.md",
            &format!("---\ntitle: Cat\n---\nThe cat.\n\n{NOTE}"),
        )
}

#[test]
fn edits_to_a_translation_and_to_ui_strings_are_served_in_their_edition() {
    let project = bilingual();
    let server = Server::start(&project, &[]);
    let events = server.events();
    let first = events
        .recv_timeout(super::PATIENCE)
        .expect("the current generation");
    assert!(server.get("/en/c/a.html").body.contains("Heads up"));

    std::fs::write(project.path("i18n/en.yaml"), "alert_note: Mind this\n").unwrap();
    let edited = next_build(&events, &first);
    let page = server.get("/en/c/a.html");
    assert!(
        page.body.contains("Mind this") && !page.body.contains("Heads up"),
        "{}",
        page.body
    );
    assert!(server.get("/c/a.html").body.contains("Ghi chú"));

    let translation = format!("---\ntitle: Cat\n---\nThe cat purrs.\n\n{NOTE}");
    std::fs::write(project.path("content/c/01-a.en.md"), translation).unwrap();
    next_build(&events, &edited);
    let page = server.get("/en/c/a.html");
    assert!(
        page.body.contains("The cat purrs.") && page.body.contains("Mind this"),
        "{}",
        page.body
    );
    let original = server.get("/c/a.html");
    assert!(original.body.contains("Con mèo.") && original.body.contains("Ghi chú"));
}
