//! xAPI learning records: off unless `khoa.yaml` has an `xapi:` section (then every page loads
//! `_khoa/js/khoa-xapi.js`, which carries the section as the browser needs it, and the lesson page
//! stays within its weight budget), and a bad section is a located error that writes nothing.

use crate::{CONFIG, Project};

const QUIZ: &str =
    "---\ntitle: Bài A\n---\nChữ.\n\n```quiz id=q1\nCâu?\n\n- [x] Đúng\n- [ ] Sai\n```\n";

fn xapi_project(section: &str) -> Project {
    Project::course(&[("a.md", QUIZ)]).file("khoa.yaml", &format!("{CONFIG}{section}"))
}

#[test]
fn without_an_xapi_section_no_byte_of_xapi_reaches_the_site() {
    let project = Project::course(&[("a.md", QUIZ)]);
    project.build().ok();
    for (path, bytes) in project.tree("public") {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for word in ["xapi", "adlnet", "experience-api"] {
            assert!(!text.contains(word), "{path} mentions {word}");
        }
    }
}

#[test]
fn with_an_xapi_section_every_page_loads_the_sender_and_its_settings() {
    let section = "xapi:\n  endpoint: https://lrs.example.org/xAPI\n  auth: { username: key, password: secret }\n  actor: profile-name\n";
    let project = xapi_project(section);
    let run = project.build().ok();
    let script = run.page("_khoa/js/khoa-xapi.js");
    let data = script.lines().next().unwrap();
    assert!(data.starts_with("window.KhoaXapiConfig = {"), "{data}");
    for part in [
        r#""endpoint":"https://lrs.example.org/xAPI/""#,
        r#""user":"key""#,
        r#""password":"secret""#,
        r#""actor":"profile-name""#,
    ] {
        assert!(data.contains(part), "{part} in {data}");
    }
    assert!(script.contains("KhoaXapiCore") && script.contains("X-Experience-API-Version"));
    let name = crate::published_name(&project.path("public"), "_khoa/js/khoa-xapi.js");
    for page in [
        "index.html",
        "c/index.html",
        "c/a.html",
        "c/completion.html",
        "404.html",
    ] {
        let html = run.page(page);
        assert!(html.contains(&format!("{name}\"></script>")), "{page}");
        assert!(
            !html.contains("lrs.example.org"),
            "{page}: settings stay in the script"
        );
    }
    assert!(
        !project.path("public/_khoa/js/xapi.js").exists(),
        "bundled, not copied"
    );
    let outline = crate::published_name(&project.path("public"), "_khoa/data/c.js");
    assert!(
        run.page("c/a.html").contains(&outline),
        "the lesson page loads the outline"
    );
    let plain = Project::course(&[("a.md", QUIZ)]);
    let plain_run = plain.build().ok();
    let outline = crate::published_name(&plain.path("public"), "_khoa/data/c.js");
    assert!(
        !plain_run.page("c/a.html").contains(&outline),
        "only for the sender"
    );
}

#[test]
fn a_bad_xapi_section_is_a_located_error_and_nothing_is_written() {
    let project = xapi_project("xapi:\n  endpoint: ftp://lrs.example.org/\n");
    project
        .build()
        .code(1)
        .stderr_has("khoa.yaml:4:3: error: `xapi.endpoint` \"ftp://lrs.example.org/\" must be an absolute http(s) URL");
    assert!(!project.path("public").exists());
}
