//! Offline and installable output: the worker, the manifest and its icons, the offline page and
//! one file list per course, all generated from the finished outputs and owned by khoa.

use crate::Project;
use serde_json::Value;

fn two_courses() -> Project {
    Project::course(&[
        ("a.md", "---\ntitle: Bài A\n---\nChữ A.\n\n![h](h.png)\n"),
        ("b.md", "---\ntitle: Bài B\n---\nChữ B.\n"),
    ])
    .bytes("content/c/h.png", &tiny_png())
    .file("content/d/_index.md", "---\ntitle: Khóa D\n---\nD.\n")
    .file("content/d/x.md", "---\ntitle: Bài X\n---\nChữ X.\n")
}

/// A 1×1 PNG.
fn tiny_png() -> Vec<u8> {
    let hex = "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489\
               0000000d4944415478da6364f8cf500f00038601805a347d6b0000000049454e44ae426082";
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

fn json(run: &crate::Run, path: &str) -> Value {
    serde_json::from_str(&run.page(path)).unwrap()
}

/// (width, height) of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[1..4], b"PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

/// The data line of `sw.js`.
fn worker_data(run: &crate::Run) -> Value {
    let worker = run.page("sw.js");
    let line = worker.lines().next().unwrap();
    let data = line.strip_prefix("self.KhoaBuild=").unwrap();
    serde_json::from_str(data.strip_suffix(';').unwrap()).unwrap()
}

#[test]
fn every_build_writes_a_worker_a_manifest_icons_and_an_offline_page() {
    let project = two_courses();
    let run = project.build().ok();
    let manifest = json(&run, "manifest.webmanifest");
    assert_eq!(manifest["start_url"], "./index.html");
    assert_eq!(manifest["scope"], "./");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["lang"], "vi");
    assert!(manifest["theme_color"].as_str().unwrap().starts_with('#'));
    let icons = manifest["icons"].as_array().unwrap();
    let sizes: Vec<(&str, &str)> = icons
        .iter()
        .map(|i| (i["sizes"].as_str().unwrap(), i["purpose"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sizes,
        [
            ("192x192", "any"),
            ("512x512", "any"),
            ("512x512", "maskable")
        ]
    );
    for icon in icons {
        let bytes = std::fs::read(project.path("public").join(icon["src"].as_str().unwrap()));
        let side: u32 = icon["sizes"].as_str().unwrap()[..3].parse().unwrap();
        assert_eq!(png_size(&bytes.unwrap()), (side, side));
    }
    let data = worker_data(&run);
    assert_eq!(data["site"], "thu");
    assert_eq!(data["offline"], "offline.html");
    assert!(run.page("sw.js").contains("addEventListener('fetch'"));
    assert!(run.page("offline.html").contains("Bạn đang offline"));
    let course = run.page("c/index.html");
    assert!(course.contains("Tải về để học offline"));
    assert!(course.contains("\"offline\":\"_offline/c.json\""));
    assert!(
        !course.contains("rel=\"manifest\""),
        "the manifest is linked by the runtime, over http(s) only"
    );
}

#[test]
fn a_course_list_holds_the_course_the_home_page_and_the_shared_files_with_their_sizes() {
    let project = two_courses();
    let run = project.build().ok();
    let list = json(&run, "_offline/c.json");
    let paths: Vec<&str> = list["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f[0].as_str().unwrap())
        .collect();
    for needed in [
        "c/index.html",
        "c/a.html",
        "c/b.html",
        "c/h.png",
        "c/completion.html",
        "_khoa/data/c.js",
        "_khoa/search/course-c.js",
        "_khoa/search/course-c.text.js",
        "_search/index.js",
        "index.html",
        "offline.html",
        "manifest.webmanifest",
        "_khoa/khoa.css",
        "_khoa/js/khoa.js",
        "_khoa/js/khoa-search.js",
        "_khoa/i18n/vi.js",
        "_khoa/icons/icon-192.png",
        "_khoa/data/d.js",
    ] {
        let needed = run.asset(needed);
        assert!(paths.contains(&needed.as_str()), "{needed} in {paths:?}");
    }
    for left_out in ["d/x.html", "_khoa/search/course-d.js", "sw.js", "404.html"] {
        let left_out = run.asset(left_out);
        assert!(
            !paths.contains(&left_out.as_str()),
            "{left_out} in {paths:?}"
        );
    }
    assert!(paths.iter().all(|p| !p.starts_with("_offline/")));
    let mut total = 0;
    for file in list["files"].as_array().unwrap() {
        let on_disk = std::fs::read(project.path("public").join(file[0].as_str().unwrap()));
        assert_eq!(on_disk.unwrap().len() as u64, file[1].as_u64().unwrap());
        total += file[1].as_u64().unwrap();
    }
    assert_eq!(list["bytes"].as_u64(), Some(total));
    assert_eq!(list["build"], worker_data(&run)["build"]);
    assert_eq!(list["url"], "c/index.html");
    assert_eq!(list["list"], "_offline/c.json");
}

#[test]
fn the_shell_list_is_a_file_of_its_own_so_the_worker_does_not_grow_with_the_courses() {
    let one = two_courses();
    let mut many = two_courses();
    for n in 0..30 {
        many = many
            .file(
                &format!("content/k{n}/_index.md"),
                "---\ntitle: K\n---\nK.\n",
            )
            .file(&format!("content/k{n}/x.md"), "---\ntitle: X\n---\nX.\n");
    }
    let (one, many) = (one.build().ok(), many.build().ok());
    let shell = json(&many, "_offline/shell.list.json");
    assert_eq!(shell["build"], worker_data(&many)["build"]);
    let files: Vec<&str> = shell["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    for needed in [
        "index.html",
        "offline.html",
        "_khoa/js/khoa.js",
        "_khoa/data/k29.js",
    ] {
        let needed = many.asset(needed);
        assert!(files.contains(&needed.as_str()), "{needed} in {files:?}");
    }
    assert_eq!(worker_data(&many)["shell"], "_offline/shell.list.json");
    assert_eq!(
        one.page("sw.js").len(),
        many.page("sw.js").len(),
        "only the build id differs, and it has a fixed length"
    );
}

#[test]
fn the_build_id_follows_the_outputs_and_nothing_else() {
    let project = two_courses();
    let first = worker_data(&project.build().ok());
    let again = worker_data(&project.build().ok());
    assert_eq!(first, again, "the same input gives the same build");
    let old = json(&project.build().ok(), "_offline/c.json");
    let project = project.file("content/c/b.md", "---\ntitle: Bài B\n---\nChữ mới.\n");
    let run = project.build().ok();
    assert_ne!(worker_data(&run)["build"], first["build"]);
    let new = json(&run, "_offline/c.json");
    let hash = |list: &Value, path: &str| {
        let files = list["files"].as_array().unwrap();
        files.iter().find(|f| f[0] == path).unwrap()[2].clone()
    };
    assert_ne!(hash(&old, "c/b.html"), hash(&new, "c/b.html"));
    assert_eq!(
        hash(&old, "c/h.png"),
        hash(&new, "c/h.png"),
        "an update copies it"
    );
}

#[test]
fn a_project_icon_replaces_the_default_one() {
    let base = two_courses();
    let run = base.build().ok();
    let theirs = std::fs::read(
        base.path("public")
            .join(run.asset("_khoa/icons/icon-512.png")),
    );
    let theirs = theirs.unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 2\"><rect width=\"4\" height=\"2\" fill=\"#c00\"/></svg>";
    for (name, bytes) in [
        ("media/logo.svg", svg.as_bytes().to_vec()),
        ("logo.png", tiny_png()),
    ] {
        let project = two_courses()
            .file(
                "khoa.yaml",
                &format!("title: T\nsite_id: t\nicon: {name}\n"),
            )
            .bytes(name, &bytes);
        let run = project.build().ok();
        let ours = std::fs::read(
            project
                .path("public")
                .join(run.asset("_khoa/icons/icon-512.png")),
        )
        .unwrap();
        assert_eq!(png_size(&ours), (512, 512));
        assert_ne!(ours, theirs, "{name} is drawn, not the theme's icon");
    }
}

#[test]
fn an_icon_that_is_missing_or_unreadable_is_a_located_error() {
    let missing = two_courses().file("khoa.yaml", "title: T\nsite_id: t\nicon: nope.svg\n");
    missing
        .build()
        .code(1)
        .stderr_has("`icon` names `nope.svg`, which is not a file in the project");
    let broken = two_courses()
        .file("khoa.yaml", "title: T\nsite_id: t\nicon: logo.svg\n")
        .file("logo.svg", "<svg");
    broken
        .build()
        .code(1)
        .stderr_has("logo.svg:1:1: error: cannot read this SVG");
}

#[test]
fn the_theme_colour_set_in_khoa_yaml_colours_the_manifest_and_every_page() {
    let project = two_courses().file(
        "khoa.yaml",
        &format!("{}theme_color: \"#1A7f37\"\n", crate::CONFIG),
    );
    let run = project.build().ok();
    assert_eq!(json(&run, "manifest.webmanifest")["theme_color"], "#1a7f37");
    for page in ["index.html", "c/index.html", "c/a.html", "offline.html"] {
        assert!(
            run.page(page)
                .contains("<meta name=\"theme-color\" content=\"#1a7f37\">"),
            "{page}"
        );
    }
    let plain_project = two_courses();
    let plain = plain_project.build().ok();
    assert_eq!(
        json(&plain, "manifest.webmanifest")["theme_color"],
        "#0b5cad"
    );
    assert!(plain.page("c/a.html").contains("content=\"#0b5cad\""));
}

#[test]
fn a_theme_colour_that_is_not_a_hex_colour_is_a_located_error() {
    let project = two_courses().file(
        "khoa.yaml",
        &format!("{}theme_color: xanh\n", crate::CONFIG),
    );
    project
        .run(&["check"])
        .code(1)
        .stderr_has("khoa.yaml:3:1: error: `theme_color` \"xanh\" must be a hex colour");
}

#[test]
fn the_print_and_review_pages_and_the_review_questions_are_in_their_courses_offline_list() {
    let project = Project::course(&[(
        "a.md",
        "---\ntitle: Bài A\n---\nChữ A.\n\n```quiz id=q\nHỏi?\n\n- [x] Có\n- [ ] Không\n```\n",
    )]);
    let run = project.build().ok();
    let list = json(&run, "_offline/c.json");
    let files: Vec<&str> = list["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f[0].as_str().unwrap())
        .collect();
    for page in ["c/print.html", "c/review.html"] {
        assert!(files.contains(&page), "{page} in {files:?}");
    }
    let review = crate::published_name(&project.path("public"), "_khoa/review/c.js");
    assert!(files.contains(&review.as_str()), "{review} in {files:?}");
    assert!(run.page("c/review.html").contains(&review));
    assert!(
        !run.page("c/a.html").contains("_khoa/review/"),
        "lesson pages do not load the review questions"
    );
    let questions = run.page(&review);
    assert!(
        questions.starts_with("(self.KhoaReview=self.KhoaReview||{})["),
        "{questions}"
    );
    assert!(questions.contains("\"q\"") && questions.contains("quiz-data"));
    let print = run.page("c/print.html");
    assert!(
        !print.contains("quiz-data"),
        "no answer key data in the printed questions"
    );
    assert!(print.contains("print-key"));
}
