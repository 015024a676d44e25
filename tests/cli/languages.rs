//! Sites in several languages: each language's pages under `<lang>/`, the switcher and `hreflang`,
//! untranslated pages shown in the original's language with a note, one progress for a lesson
//! and its translations, per-language search and UI strings (`i18n/<lang>.yaml`), the checks on
//! translations (both locations), and a one-language site published exactly as before.

use crate::Project;
use crate::check::check;

const QUIZ_VI: &str = "```quiz id=q1\nChọn?\n\n- [ ] một\n- [x] hai\n```\n";
const QUIZ_EN: &str = "```quiz id=q1\nPick?\n\n- [ ] one\n- [x] two\n```\n";

/// A course `c` with a module `m` of two lessons; the course, the module and lesson `a` are
/// translated into English, lesson `b` is not.
fn bilingual(config: &str) -> Project {
    Project::new()
        .file("khoa.yaml", config)
        .file("content/c/_index.md", "---\ntitle: Khóa thử\ndescription: Mô tả.\n---\nGiới thiệu [bài a](m/01-a.md).\n")
        .file("content/c/_index.en.md", "---\ntitle: Test course\ndescription: About it.\n---\nIntroduction to [lesson a](m/01-a.md).\n")
        .file("content/c/m/_index.md", "---\ntitle: Chương một\n---\n")
        .file("content/c/m/_index.en.md", "---\ntitle: Chapter one\n---\n")
        .file("content/c/m/01-a.md", &format!("---\ntitle: Bài mèo\ndescription: Mèo.\n---\nCon mèo kêu meo [tiếp](02-b.md).\n\n{QUIZ_VI}"))
        .file("content/c/m/01-a.en.md", &format!("---\ntitle: The cat lesson\ndescription: Cats.\n---\nThe cat says meow [next](02-b.md).\n\n{QUIZ_EN}"))
        .file("content/c/m/02-b.md", "---\ntitle: Bài chó\ndescription: Chó.\n---\nCon chó sủa gâu gâu.\n")
}

const TWO: &str =
    "title: Thử\nsite_id: thu\nlanguages: [vi, en]\nbase_url: https://example.org/hoc\n";

#[test]
fn each_other_language_is_published_under_its_folder_with_the_same_paths() {
    let project = bilingual(TWO);
    let run = project.build().ok();
    for page in [
        "index.html",
        "c/index.html",
        "c/m/a.html",
        "c/m/b.html",
        "c/print.html",
        "c/review.html",
        "c/completion.html",
    ] {
        assert!(run.exists(page), "{page}");
        assert!(run.exists(&format!("en/{page}")), "en/{page}");
    }
    assert!(!run.exists("en/404.html") && !run.exists("en/offline.html"));
    for script in [
        "_khoa/i18n/vi.js",
        "_khoa/i18n/en.js",
        "_search/index.js",
        "_search/en/index.js",
        "_khoa/search/en/course-c.js",
        "_khoa/data/en/c.js",
    ] {
        assert!(run.exists(script), "{script}");
    }
    let lesson = run.page("en/c/m/a.html");
    assert!(
        lesson.starts_with("<!doctype html>\n<html lang=\"en\">"),
        "{}",
        &lesson[..60]
    );
    assert!(lesson.contains("The cat says meow") && !lesson.contains("Con mèo"));
    assert!(
        lesson.contains("<a href=\"b.html\">next</a>"),
        "a link leads within the language"
    );
    assert!(lesson.contains(">Chapter one<") && lesson.contains("Test course"));
    assert!(
        lesson.contains(">Next<") && !lesson.contains(">Bài tiếp<"),
        "English UI"
    );
    let home = run.page("en/index.html");
    assert!(home.contains("Test course") && home.contains("href=\"c/index.html\""));
    let list = run.page("_offline/c.json");
    for page in [
        "\"c/m/a.html\"",
        "\"en/c/m/a.html\"",
        "\"en/c/m/b.html\"",
        "\"en/index.html\"",
    ] {
        assert!(list.contains(page), "the offline list has {page}");
    }
    let sitemap = run.page("sitemap.xml");
    assert!(sitemap.contains("https://example.org/hoc/en/c/m/a.html"));
    assert!(
        !sitemap.contains("https://example.org/hoc/en/c/m/b.html"),
        "an untranslated page is the original's"
    );
}

#[test]
fn every_page_links_its_languages_and_an_untranslated_one_says_so_in_the_readers_language() {
    let project = bilingual(TWO);
    let run = project.build().ok();
    let translated = run.page("en/c/m/a.html");
    let switcher = "<nav class=\"lang-switch\" aria-label=\"Language\"><ul><li><a href=\"../../../c/m/a.html\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a></li><li><a href=\"a.html\" hreflang=\"en\" lang=\"en\" aria-current=\"page\">English</a></li></ul></nav>";
    assert!(translated.contains(switcher), "{translated}");
    for link in [
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"https://example.org/hoc/c/m/a.html\">",
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/hoc/en/c/m/a.html\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/hoc/c/m/a.html\">",
        "<link rel=\"canonical\" href=\"https://example.org/hoc/en/c/m/a.html\">",
    ] {
        assert!(translated.contains(link), "{link}");
    }
    assert!(!translated.contains("class=\"untranslated\""));
    let original = run.page("c/m/a.html");
    assert!(
        original
            .contains("<a href=\"../../en/c/m/a.html\" hreflang=\"en\" lang=\"en\">English</a>")
    );
    assert!(original.contains("aria-label=\"Ngôn ngữ\""));
    let fallback = run.page("en/c/m/b.html");
    assert!(fallback.contains("<p class=\"untranslated\" role=\"note\">This page is not translated yet; shown in Tiếng Việt.</p>"));
    assert!(
        fallback.contains("<article class=\"lesson-body\" data-lesson-id=\"m/b\" lang=\"vi\">")
    );
    assert!(fallback.contains("Con chó sủa") && fallback.contains("<html lang=\"en\">"));
    assert!(
        fallback.contains("<link rel=\"canonical\" href=\"https://example.org/hoc/c/m/b.html\">")
    );
    assert!(
        !fallback.contains("hreflang=\"en\" href="),
        "no alternate claims an English version"
    );
    assert!(
        fallback
            .contains("<a href=\"../../../c/m/b.html\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>")
    );
}

#[test]
fn without_base_url_pages_switch_languages_but_name_no_hreflang_alternates() {
    let project = bilingual("title: Thử\nsite_id: thu\nlanguages: [vi, en]\n");
    let run = project.build().ok();
    for page in ["index.html", "c/m/a.html", "en/c/m/a.html", "en/c/m/b.html"] {
        let html = run.page(page);
        assert!(html.contains("class=\"lang-switch\""), "{page}");
        assert!(
            !html.contains("<link rel=\"alternate\""),
            "search engines take only whole addresses, which need base_url: {page}"
        );
    }
}

#[test]
fn a_translation_shares_its_originals_ids_and_each_language_searches_its_own_pages() {
    let project = bilingual(TWO);
    let run = project.build().ok();
    let data = |page: &str| {
        let html = run.page(page);
        let start = html.find("id=\"_khoa-data\">").unwrap() + "id=\"_khoa-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str::<serde_json::Value>(&html[start..end]).unwrap()
    };
    let (vi, en) = (data("c/m/a.html"), data("en/c/m/a.html"));
    for key in ["site", "course", "lesson", "questions"] {
        assert_eq!(vi[key], en[key], "{key}");
    }
    assert_eq!(en["lang"], "en");
    assert_eq!(en["offline"], vi["offline"]);
    assert_eq!(en["search"], serde_json::json!(["_search/en/index.js"]));
    let catalog = run.page("_search/en/index.js");
    assert!(
        catalog.contains("\"file\":\"_khoa/search/en/course-c."),
        "{catalog}"
    );
    let shard = run.page("_khoa/search/en/course-c.js");
    assert!(shard.contains("meow") && !shard.contains("mèo"), "{shard}");
    assert!(
        !shard.contains("sủa"),
        "an untranslated lesson is left out of English search"
    );
    let original = run.page("_khoa/search/course-c.js");
    assert!(original.contains("sủa") && !original.contains("meow"));
}

#[test]
fn a_site_in_one_language_is_published_as_before() {
    let plain = "title: Thử\nsite_id: thu\n";
    let tree = |config: &str| {
        let project = bilingual(config)
            .remove("content/c/_index.en.md")
            .remove("content/c/m/_index.en.md")
            .remove("content/c/m/01-a.en.md");
        project.build().ok();
        project.tree("public")
    };
    let before = tree(plain);
    assert_eq!(tree("title: Thử\nsite_id: thu\nlanguage: vi\n"), before);
    assert_eq!(tree("title: Thử\nsite_id: thu\nlanguages: [vi]\n"), before);
    let ignored = bilingual(plain)
        .remove("content/c/_index.en.md")
        .remove("content/c/m/_index.en.md")
        .remove("content/c/m/01-a.en.md")
        .file("content/c/m/02-b.en.md", "---\ntitle: Dog\n---\nWoof.\n");
    let run = ignored.build().ok();
    assert!(
        run.stdout.contains("02-b.en.md") || run.stderr.contains("02-b.en.md"),
        "a warning names it"
    );
    assert_eq!(
        ignored.tree("public"),
        before,
        "a translation into an unlisted language is not a lesson"
    );
    for (name, bytes) in &before {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !name.ends_with(".html")
                || (!text.contains("hreflang")
                    && !text.contains("lang-switch")
                    && !text.contains("untranslated\"")),
            "{name}"
        );
        assert!(
            !name.starts_with("en/") && !name.contains("search/vi/"),
            "{name}"
        );
    }
}

#[test]
fn check_reports_a_translation_whose_questions_differ_at_both_places() {
    let wrong = "```quiz id=q1\nPick?\n\n- [x] one\n- [ ] two\n```\n\n```quiz id=q2\nMore?\n\n- [x] yes\n- [ ] no\n```\n";
    let project = bilingual(TWO).file(
        "content/c/m/01-a.en.md",
        &format!("---\ntitle: Cats\nid: cats\n---\nThe cat.\n\n{wrong}"),
    );
    let run = project.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at = |line: u64| {
        lines
            .iter()
            .find(|d| d["path"] == "content/c/m/01-a.en.md" && d["line"] == line)
            .unwrap_or_else(|| panic!("line {line}: {}", run.stdout))
    };
    assert!(
        at(3)["message"]
            .as_str()
            .unwrap()
            .contains("remove `id: cats`")
    );
    let shape = at(7);
    assert_eq!(shape["severity"], "error");
    assert!(
        shape["message"]
            .as_str()
            .unwrap()
            .contains("2 options, right: 1 but the original's has 2 options, right: 2"),
        "{shape}"
    );
    assert_eq!(shape["related"][0]["path"], "content/c/m/01-a.md");
    assert_eq!(shape["related"][0]["line"], 7);
    let extra = at(14);
    assert!(
        extra["message"]
            .as_str()
            .unwrap()
            .contains("`q2` is not in the original")
    );
    let human = project.run(&["check"]);
    assert!(
        human
            .stderr
            .contains("content/c/m/01-a.md:7:9: note: the original question `q1`"),
        "{}",
        human.stderr
    );
}

#[test]
fn check_lists_missing_ui_strings_once_per_language_and_reads_project_strings() {
    let three = "title: Thử\nsite_id: thu\nlanguages: [vi, en, hmn]\n";
    let (code, found) = check(&bilingual(three), &[]);
    assert_eq!(code, 0, "{found:?}");
    let missing: Vec<&String> = found.iter().filter(|d| d.contains("UI strings")).collect();
    assert_eq!(missing.len(), 1, "{found:?}");
    assert!(
        missing[0].starts_with("khoa.yaml:3:1: warning: `hmn` lacks "),
        "{}",
        missing[0]
    );
    assert!(missing[0].contains("language_name") && missing[0].contains("next"));
    let with_file = bilingual(three)
        .file(
            "i18n/hmn.yaml",
            "language_name: Hmoob\nnext: Tom ntej\nnetx: typo\n",
        )
        .file("i18n/vi.yaml", "next: Bài sau\n");
    let (_, found) = check(&with_file, &[]);
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("i18n/hmn.yaml:3:1: warning: `netx` is not a UI string")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("i18n/hmn.yaml:1:1: warning: `hmn` lacks ")),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|d| d.contains("`vi` lacks")),
        "vi is complete"
    );
    let run = with_file.build().ok();
    let page = run.page("hmn/c/m/a.html");
    assert!(page.contains(">Hmoob</a>") && page.contains("<html lang=\"hmn\">"));
    assert!(
        page.contains(">Tom ntej<") || page.contains("Tom ntej</span>"),
        "the project's string"
    );
    let second = run.page("hmn/c/m/b.html");
    assert!(
        second.contains("<span>Previous</span>"),
        "a missing string falls back to English"
    );
    assert!(
        run.page("c/m/a.html").contains("Bài sau"),
        "a project overrides a built-in string"
    );
    assert!(
        run.page("_khoa/i18n/hmn.js")
            .contains("\"next\":\"Tom ntej\"")
    );
}

#[test]
fn language_settings_and_folders_are_checked_where_they_are_written() {
    let cases = [
        (
            "title: a\nsite_id: a\nlanguage: en\nlanguages: [vi, en]\n",
            "khoa.yaml:3:1: error: `language: en` disagrees",
        ),
        (
            "title: a\nsite_id: a\nlanguages:\n  - vi\n  - Tiếng Anh\n",
            "khoa.yaml:5:",
        ),
    ];
    for (config, expected) in cases {
        let (code, found) = check(&bilingual(config), &[]);
        assert_eq!(code, 1, "{config}");
        assert!(
            found.iter().any(|d| d.starts_with(expected)),
            "{expected}: {found:?}"
        );
    }
    let clash = bilingual(TWO).file("content/en/_index.md", "---\ntitle: English\n---\n");
    let (code, found) = check(&clash, &[]);
    assert_eq!(code, 1);
    assert!(
        found.iter().any(|d| d.starts_with(
            "content/en/_index.md:1:1: error: this course would be published in `en/`"
        )),
        "{found:?}"
    );
    let typo = bilingual(TWO).file("content/c/m/02-b.fe.md", "---\ntitle: B\n---\nx\n");
    let (_, found) = check(&typo, &[]);
    assert!(
        found.iter().any(|d| d.starts_with(
            "content/c/m/02-b.fe.md:0:0: warning: `.fe.md` names a translation into `fe`"
        )),
        "{found:?}"
    );
}

#[test]
fn a_scorm_package_holds_the_default_language_only() {
    let project = bilingual(TWO);
    project.run(&["export", "scorm", "--course", "c"]).ok();
    let zip = std::fs::read(project.path("dist/c-scorm12.zip")).unwrap();
    let archive = zip::ZipArchive::new(std::io::Cursor::new(&zip[..])).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    assert!(names.iter().any(|n| n == "c/m/a.html"));
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("en/") || n.contains("/en/")),
        "{names:?}"
    );
}

#[test]
fn a_course_written_in_another_language_of_the_site_needs_no_note_there() {
    let project = bilingual(TWO)
        .file(
            "content/d/_index.md",
            "---\ntitle: Manual\ndescription: How.\nlanguage: en\n---\nRead me.\n",
        )
        .file(
            "content/d/x.md",
            "---\ntitle: Writing\ndescription: How to write.\n---\nWrite penguin lessons.\n",
        );
    let run = project.build().ok();
    let page = run.page("en/d/x.html");
    assert!(
        !page.contains("class=\"untranslated\"")
            && page.contains("<article class=\"lesson-body\" data-lesson-id=\"x\">")
    );
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://example.org/hoc/d/x.html\">"),
        "the original stays canonical"
    );
    assert!(
        run.page("_khoa/search/en/course-d.js").contains("penguin"),
        "English search finds it"
    );
}
