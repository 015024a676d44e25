//! `khoa export scorm`: the package's name and place, its files (the course, the runtime, the
//! manifest and schemas, nothing of the runtime in the normal site), determinism, and nothing
//! written when the course is unknown or the content has errors.

use crate::Project;
use std::io::Read;

fn project() -> Project {
    Project::new()
        .file(
            "content/c/_index.md",
            "---\ntitle: Khóa C & D\nid: c\ndescription: C\n---\nGiới thiệu.\n",
        )
        .file(
            "content/c/m/a.md",
            "---\ntitle: Bài A\nid: a\ndescription: A\n---\nNội dung.\n\n```quiz id=qa\nCâu?\n\n- [x] Đúng\n- [ ] Sai\n```\n",
        )
        .file(
            "content/d/_index.md",
            "---\ntitle: Khóa D\nid: d\ndescription: D\n---\nGiới thiệu.\n",
        )
        .file(
            "content/d/b.md",
            "---\ntitle: Bài B\nid: b\ndescription: B\n---\nNội dung.\n",
        )
}

fn entries(zip: &[u8]) -> zip::ZipArchive<std::io::Cursor<&[u8]>> {
    zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip")
}

fn text(zip: &[u8], name: &str) -> String {
    let mut archive = entries(zip);
    let mut out = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[test]
fn scorm_12_is_written_into_dist_by_default_the_same_every_time() {
    let project = project();
    project
        .run(&["export", "scorm", "--course", "c"])
        .ok()
        .stderr_has("c-scorm12.zip");
    let first = std::fs::read(project.path("dist/c-scorm12.zip")).unwrap();
    project.run(&["export", "scorm", "--course", "c"]).ok();
    assert_eq!(
        first,
        std::fs::read(project.path("dist/c-scorm12.zip")).unwrap()
    );

    let names: Vec<String> = entries(&first)
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    for needed in [
        "imsmanifest.xml",
        "imscp_rootv1p1p2.xsd",
        "adlcp_rootv1p2.xsd",
        "imsmd_rootv1p2p1.xsd",
        "ims_xml.xsd",
        "_khoa-scorm/launch.html",
        "_khoa-scorm/scorm-core.js",
        "_khoa-scorm/scorm-page.js",
        "_khoa-scorm/scorm-launch.js",
        "_khoa-scorm/outline.js",
        "c/index.html",
        "c/m/a.html",
        "index.html",
    ] {
        assert!(names.iter().any(|n| n == needed), "{needed} in {names:?}");
    }
    assert!(!names.iter().any(|n| n.starts_with("d/")), "only course c");
    let manifest = text(&first, "imsmanifest.xml");
    assert!(manifest.contains("<schemaversion>1.2</schemaversion>"));
    assert!(manifest.contains("adlcp:scormtype=\"sco\" href=\"_khoa-scorm/launch.html\""));
    assert!(manifest.contains("<title>Khóa C &amp; D</title>"));
    assert!(manifest.contains("<file href=\"c/m/a.html\"/>"));
    let lesson = text(&first, "c/m/a.html");
    assert!(lesson.contains("<script defer src=\"../../_khoa-scorm/scorm-page.js\"></script>"));
    let launch = text(&first, "_khoa-scorm/launch.html");
    assert!(launch.contains("data-scorm=\"1.2\" data-course=\"c\""));
    assert!(launch.contains("src=\"../c/index.html\""));
    assert!(text(&first, "_khoa-scorm/outline.js").contains("\"qa\""));
}

#[test]
fn scorm_2004_goes_where_out_says_and_the_normal_site_has_no_scorm_runtime() {
    let project = project();
    project
        .run(&[
            "export",
            "scorm",
            "--course",
            "c",
            "--version",
            "2004",
            "--out",
            "pkg",
        ])
        .ok();
    let zip = std::fs::read(project.path("pkg/c-scorm2004.zip")).unwrap();
    let manifest = text(&zip, "imsmanifest.xml");
    assert!(manifest.contains("<schemaversion>2004 4th Edition</schemaversion>"));
    assert!(manifest.contains("adlcp:scormType=\"sco\""));
    assert!(text(&zip, "imsss_v1p0.xsd").contains("imsss"));
    assert!(text(&zip, "_khoa-scorm/launch.html").contains("data-scorm=\"2004\""));

    let run = project.build().ok();
    assert!(!run.page("c/m/a.html").contains("_khoa-scorm"));
    assert!(!project.path("public/_khoa-scorm").exists());
    assert!(!project.path("public/imsmanifest.xml").exists());
}

#[test]
fn nothing_is_written_for_an_unknown_course_or_content_with_errors() {
    let project = project();
    project
        .run(&["export", "scorm", "--course", "nope"])
        .code(2)
        .stderr_has("no course has the id `nope`");
    assert!(!project.path("dist").exists());
    let broken = project.file("content/c/m/x.md", "---\ntitle: [\n---\n");
    broken
        .run(&["export", "scorm", "--course", "c"])
        .code(1)
        .stderr_has("nothing was written");
    assert!(!broken.path("dist").exists());
    broken
        .run(&["export", "scorm", "--course", "c", "--version", "3"])
        .code(2);
}
