//! `khoa build`: pages, links, escaping, themes, atomicity, determinism, errors, the runtime.
//! (Reading `content/` is in `load`.)

use crate::{Project, khoa_bin};

pub(crate) fn lesson(title: &str) -> String {
    format!("---\ntitle: {title}\n---\nNội dung của {title}.\n")
}

#[test]
fn builds_home_course_and_lesson_pages() {
    let project = Project::course(&[("01-mo-dau/01-bai-mot.md", &lesson("Bài một"))]);
    let run = project.build().ok();
    assert!(
        run.stderr.contains("Built 1 course, 1 lesson, "),
        "{}",
        run.stderr
    );
    assert!(run.page("index.html").contains("Khóa C"));
    assert!(run.main("c/index.html").contains("Bài một"));
    assert!(
        run.main("c/mo-dau/bai-mot.html")
            .contains("Nội dung của Bài một.")
    );
    assert!(run.exists("404.html"));
    assert!(run.exists("_khoa/khoa.css"));
    assert!(!run.exists("sitemap.xml"), "no base_url, no sitemap");
}

#[test]
fn links_to_lessons_are_rewritten_to_relative_urls() {
    let project = Project::course(&[
        (
            "01-co-ban/02-mat-khau.md",
            "---\ntitle: Mật khẩu\n---\n## Tạo mật khẩu\n",
        ),
        (
            "02-nang-cao/01-otp.md",
            "---\ntitle: OTP\n---\n[xem](../01-co-ban/02-mat-khau.md#tao-mat-khau)\n",
        ),
    ]);
    let run = project.build().ok();
    assert!(
        run.main("c/nang-cao/otp.html")
            .contains("href=\"../co-ban/mat-khau.html#tao-mat-khau\"")
    );
}

#[test]
fn a_link_to_a_missing_lesson_fails_with_its_line_and_column() {
    let project = Project::course(&[("l.md", "---\ntitle: L\n---\n\nXem [bài](khong-co.md).\n")]);
    project
        .build()
        .code(1)
        .stderr_has("content/c/l.md:5:5: error: link to a missing file");
    assert!(
        !project.path("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn every_link_and_asset_reference_is_relative() {
    let project = Project::course(&[
        ("01-m/01-l.md", &lesson("L")),
        ("01-m/02-l2.md", &lesson("L2")),
    ]);
    project.build().ok();
    for (path, bytes) in project.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\""] {
            for (i, _) in html.match_indices(attr) {
                let value = &html[i + attr.len()..];
                assert!(
                    !value.starts_with('/'),
                    "{path}: absolute reference {}",
                    &value[..value.len().min(40)]
                );
                assert!(
                    !value.starts_with("http"),
                    "{path}: external reference {}",
                    &value[..value.len().min(40)]
                );
                let end = value.find('"').unwrap();
                assert!(
                    !value[..end].ends_with('/'),
                    "{path}: folder link {}",
                    &value[..end]
                );
            }
        }
    }
}

#[test]
fn hostile_front_matter_is_escaped() {
    let hostile = "---\ntitle: '</title><script>alert(1)</script>'\ndescription: '\"><img src=x onerror=alert(1)>'\n---\nx\n";
    let project = Project::course(&[("l.md", hostile)]);
    let run = project.build().ok();
    for page in ["c/l.html", "c/index.html"] {
        let html = run.page(page);
        assert!(!html.contains("<script>alert"), "{page}: {html}");
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(
            html.contains("&lt;&#x2f;title&gt;") || html.contains("&lt;/title&gt;"),
            "{page}"
        );
    }
}

#[test]
fn a_project_theme_overrides_single_files() {
    let project = Project::course(&[("l.md", &lesson("L"))])
        .file("khoa.yaml", "title: T\nsite_id: t\ntheme: rieng\n")
        .file("themes/rieng/static/khoa.css", "body{color:red}")
        .file("themes/rieng/static/extra.txt", "x");
    let run = project.build().ok();
    assert_eq!(run.page("_khoa/khoa.css"), "body{color:red}");
    assert!(run.exists("_khoa/extra.txt"));
    assert!(
        run.page("c/l.html").contains("<main"),
        "templates still come from the default theme"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let project = Project::course(&[("l.md", &lesson("L"))]);
    project.build().ok();
    let before = project.tree("public");
    let project = project.file("content/c/l.md", "---\ntitle: [unclosed\n---\n");
    project.build().code(1);
    assert_eq!(project.tree("public"), before);
    assert_no_temporary_folders(&project);
}

/// The failure hook exists in debug builds only (release binaries read no `KHOA_TEST_*` variable).
#[cfg(debug_assertions)]
#[test]
fn a_write_failure_midway_keeps_the_old_site_and_no_temporary_folder() {
    let project = Project::course(&[("l.md", &lesson("L")), ("m.md", &lesson("M"))]);
    project.build().ok();
    let before = project.tree("public");
    let project = project.file("content/c/l.md", &lesson("Khác"));
    let output = std::process::Command::new(khoa_bin())
        .args(["build", "--root"])
        .arg(project.root())
        .env("KHOA_TEST_FAIL_AFTER_FILES", "3")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(project.tree("public"), before);
    assert_no_temporary_folders(&project);
}

fn assert_no_temporary_folders(project: &Project) {
    let leftovers: Vec<_> = std::fs::read_dir(project.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn refuses_to_replace_folders_it_did_not_write() {
    let project = Project::course(&[("l.md", &lesson("L"))]).file("public/notes.txt", "precious");
    project.build().code(2).stderr_has("not written by khoa");
    assert_eq!(
        std::fs::read_to_string(project.path("public/notes.txt")).unwrap(),
        "precious"
    );
    for out in [".", "content", ".."] {
        project
            .run(&["build", "--out", out])
            .code(2)
            .stderr_has("refusing");
    }
    assert!(project.path("content/c/l.md").exists());
    project.run(&["build", "--force"]).ok();
    assert!(!project.path("public/notes.txt").exists());
}

#[test]
fn keeps_git_cname_and_nojekyll_across_builds() {
    let project = Project::course(&[("l.md", &lesson("L"))]);
    project.build().ok();
    let project = project
        .file("public/.git/HEAD", "ref")
        .file("public/CNAME", "hoc.example.vn")
        .file("public/.nojekyll", "");
    project.build().ok();
    project.build().ok();
    assert!(project.path("public/.git/HEAD").exists());
    assert_eq!(
        std::fs::read_to_string(project.path("public/CNAME")).unwrap(),
        "hoc.example.vn"
    );
    assert!(project.path("public/.nojekyll").exists());
}

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    let mut project = Project::new().file("content/c/_index.md", "---\ntitle: C\n---\n");
    for i in 0..30 {
        let text =
            format!("---\ntitle: Bài {i}\n---\n## Phần {i}\n\n```rust\nfn f{i}() {{}}\n```\n");
        project = project.file(
            &format!("content/c/{:02}-m/{i:02}-bai-{i}.md", i % 3),
            &text,
        );
    }
    let mut trees = Vec::new();
    for threads in ["1", "4"] {
        let out = format!("out-{threads}");
        let status = std::process::Command::new(khoa_bin())
            .args(["build", "--out", &out, "--root"])
            .arg(project.root())
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(status.success());
        trees.push(project.tree(&out));
    }
    assert_eq!(trees[0], trees[1]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let project = Project::course(&[
        ("a.md", "---\ndescription: no title\n---\nx\n"),
        ("b.md", "---\ntitle: B\n---\n[x](missing.md)\n"),
    ]);
    let run = project.build().code(1);
    assert!(
        run.stderr
            .contains("content/c/a.md:1:1: error: missing `title`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/c/b.md:4:1: error: link to a missing file"),
        "{}",
        run.stderr
    );
}

#[test]
fn sitemap_and_canonical_links_use_base_url() {
    let project = Project::course(&[("l.md", &lesson("L"))]).file(
        "khoa.yaml",
        "title: T\nsite_id: t\nbase_url: https://hoc.example.vn/khoa\n",
    );
    let run = project.build().ok();
    assert!(
        run.page("sitemap.xml")
            .contains("<loc>https://hoc.example.vn/khoa/c/l.html</loc>")
    );
    assert!(
        run.page("c/l.html")
            .contains("<link rel=\"canonical\" href=\"https://hoc.example.vn/khoa/c/l.html\">")
    );
}

#[test]
fn previous_and_next_cross_module_boundaries() {
    let project = Project::course(&[
        ("01-a/01-mot.md", &lesson("Một")),
        ("01-a/02-hai.md", &lesson("Hai")),
        ("02-b/01-ba.md", &lesson("Ba")),
    ]);
    let run = project.build().ok();
    let last_of_a = run.main("c/a/hai.html");
    assert!(
        last_of_a.contains("<a rel=\"next\" href=\"../b/ba.html\">"),
        "{last_of_a}"
    );
    assert!(
        last_of_a.contains("<a rel=\"prev\" href=\"mot.html\">"),
        "{last_of_a}"
    );
    let first_of_b = run.main("c/b/ba.html");
    assert!(
        first_of_b.contains("<a rel=\"prev\" href=\"../a/hai.html\">"),
        "{first_of_b}"
    );
    assert!(
        !first_of_b.contains("rel=\"next\""),
        "the last lesson has no next"
    );
}

#[test]
fn course_extra_front_matter_reaches_templates() {
    let project = Project::new()
        .file("content/c/_index.md", "---\ntitle: C\nextra:\n  sponsor: Sở TT&TT\n---\n")
        .file("content/c/l.md", &lesson("L"))
        .file("khoa.yaml", "title: T\nsite_id: t\ntheme: rieng\n")
        .file(
            "themes/rieng/templates/course.html",
            "{% extends \"base.html\" %}{% block content %}<p class=\"sponsor\">{{ course.extra.sponsor }}</p>{% endblock content %}",
        );
    let run = project.build().ok();
    assert!(
        run.main("c/index.html")
            .contains("<p class=\"sponsor\">Sở TT&amp;TT</p>")
    );
}

#[test]
fn ui_strings_ship_once_as_cached_scripts_in_the_page_language() {
    let project = Project::course(&[("l.md", &lesson("L"))])
        .file("content/e/_index.md", "---\ntitle: E\nlanguage: en\n---\n")
        .file("content/e/l.md", &lesson("Lesson"));
    let run = project.build().ok();
    assert!(run.page("_khoa/i18n/vi.js").contains("[\"vi\"] = {"));
    assert!(run.page("_khoa/i18n/en.js").contains("\"next\":\"Next\""));
    let vi_lesson = run.page("c/l.html");
    let vi = run.asset("_khoa/i18n/vi.js");
    assert!(vi_lesson.contains(&format!("<script defer src=\"../{vi}\">")));
    assert!(!vi_lesson.contains("i18n/en."));
    assert!(
        !vi_lesson.contains("\"t\":{"),
        "the catalog is not repeated in every page"
    );
    assert!(run.page("e/l.html").contains("<html lang=\"en\">"));
    let en = run.asset("_khoa/i18n/en.js");
    assert!(run.page("e/l.html").contains(&en));
    let home = run.page("index.html");
    assert!(
        home.contains(&vi) && home.contains(&en),
        "the home page speaks every course's language"
    );
}

#[test]
fn the_runtime_is_one_script_search_comes_later_and_a_theme_can_override_one_of_its_parts() {
    let project = Project::course(&[("l.md", &lesson("L"))])
        .file("khoa.yaml", "title: T\nsite_id: t\ntheme: rieng\n")
        .file(
            "themes/rieng/static/js/search.js",
            "window.customSearch = true;",
        );
    let run = project.build().ok();
    let page = run.page("c/l.html");
    assert_eq!(
        page.matches("<script defer src=").count(),
        3,
        "strings + runtime + the lesson bundle (read-aloud, outline): {page}"
    );
    let main = run.asset("_khoa/js/khoa.js");
    assert!(page.contains(&format!(r#"<script defer src="../{main}">"#)));
    assert!(
        !page.contains("khoa-search."),
        "search code waits for the box"
    );
    let runtime = run.page("_khoa/js/khoa.js");
    assert!(runtime.contains("KhoaQuizGrade"), "the other parts stay");
    assert!(
        runtime.contains(&format!("'{}'", run.asset("_khoa/js/khoa-search.js"))),
        "the boot loads search"
    );
    assert!(!runtime.contains("KhoaSearchCore") && !runtime.contains("customSearch"));
    let search = run.page("_khoa/js/khoa-search.js");
    assert!(
        search.contains("window.customSearch=true"),
        "the theme's part, minified like the others: {search}"
    );
    assert!(search.contains("KhoaSearchCore"), "the other part stays");
    for bundled in ["quiz.js", "search.js", "search-core.js", "search-boot.js"] {
        assert!(
            !run.exists(&format!("_khoa/js/{bundled}")),
            "bundled scripts are not copied twice: {bundled}"
        );
    }
}

#[test]
fn timings_name_every_stage_of_a_build() {
    let project = Project::course(&[("01-mo-dau/01-bai-mot.md", &lesson("Bài một"))]);
    let run = project.run(&["build", "--timings"]).ok();
    for stage in [
        "load",
        "markdown",
        "templates",
        "print",
        "search",
        "assets",
        "checks",
        "publish",
        "write",
        "cache",
    ] {
        let line = format!("\n  {stage} ");
        assert!(
            run.stderr.contains(&line),
            "no `{stage}` line: {}",
            run.stderr
        );
    }
}
