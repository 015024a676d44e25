//! Page-weight budgets, in gzipped bytes as a learner's browser downloads them: the quiz runtime
//! (issue 3: under 8 KB), the quiz and progress runtime together (issue 4: under 15 KB) and a
//! sample lesson page with everything it loads (issue 2: under 30 KB).

use std::io::Write;
use std::path::Path;

const THEME: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static");

fn gzipped(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

fn theme_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(THEME).join(path)).unwrap()
}

/// The `/* == name == */ … /* == /name == */` section of the default stylesheet.
fn css_section(name: &str) -> String {
    let css = theme_file("khoa.css");
    let start = css.find(&format!("/* == {name} == */")).expect(name);
    let end = css.find(&format!("/* == /{name} == */")).expect(name);
    css[start..end].to_string()
}

/// Scripts as they follow each other in the runtime bundle, plus CSS sections, gzipped as the
/// two streams (script, stylesheet) they travel in.
fn weight(scripts: &[&str], css: &[&str]) -> usize {
    let js: String = scripts
        .iter()
        .map(|s| theme_file(&format!("js/{s}")))
        .collect();
    let style: String = css.iter().map(|s| css_section(s)).collect();
    gzipped(js.as_bytes()) + gzipped(style.as_bytes())
}

#[test]
fn the_quiz_runtime_stays_under_8_kb() {
    let bytes = weight(&["quiz-grade.js", "quiz.js"], &["quiz"]);
    assert!(bytes < 8_000, "quiz runtime is {bytes} B gzipped");
}

#[test]
fn the_quiz_and_progress_runtime_stays_under_15_kb() {
    let bytes = weight(
        &["store.js", "quiz-grade.js", "quiz.js", "progress.js"],
        &["quiz", "progress"],
    );
    assert!(
        bytes < 15_000,
        "quiz + progress runtime is {bytes} B gzipped"
    );
}

#[test]
fn a_sample_lesson_page_with_everything_it_loads_stays_under_30_kb() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(crate::khoa_bin())
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out.path())
        .status()
        .unwrap();
    assert!(status.success());
    let page = "ky-nang-so/an-toan/ma-otp.html";
    let html = std::fs::read_to_string(out.path().join(page)).unwrap();
    let mut total = gzipped(html.as_bytes());
    for (attribute, _) in html
        .match_indices("src=\"../../_khoa/")
        .chain(html.match_indices("href=\"../../_khoa/"))
    {
        let rest = &html[attribute..];
        let start = rest.find('"').unwrap() + 1;
        let end = start + rest[start..].find('"').unwrap();
        let file = out
            .path()
            .join("ky-nang-so/an-toan")
            .join(&rest[start..end]);
        total += gzipped(&std::fs::read(&file).unwrap());
    }
    assert!(
        total < 30_000,
        "{page} with its CSS and JS is {total} B gzipped"
    );
}
