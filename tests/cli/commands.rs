//! The commands as a newcomer meets them: usage problems exit with 2, `init` makes a project that
//! builds at once, `--version` and `--help`.

use crate::{Project, khoa_bin};

#[test]
fn usage_problems_exit_with_2() {
    Project::empty().build().code(2).stderr_has("khoa.yaml");
    let bad = std::process::Command::new(khoa_bin())
        .arg("frobnicate")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn init_creates_a_project_that_builds_at_once() {
    let parent = Project::empty();
    let dir = parent.path("khoa-moi");
    let created = std::process::Command::new(khoa_bin())
        .arg("init")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(created.status.success());
    let next = String::from_utf8_lossy(&created.stdout);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for step in [
        "cargo install --path .",
        "khoa serve --open",
        "khoa check",
        "khoa build",
    ] {
        assert!(
            next.contains(step),
            "init's next steps name `{step}`: {next}"
        );
        assert!(
            readme.contains(step),
            "the README shows `{step}` as init does"
        );
    }
    let config = std::fs::read_to_string(dir.join("khoa.yaml")).unwrap();
    assert!(config.contains("site_id: khoa-moi-"), "{config}");
    let ignored = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignored.lines().any(|l| l == "/.khoa-cache/"), "{ignored}");
    let built = std::process::Command::new(khoa_bin())
        .args(["build", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(dir.join("public/index.html").exists());
    let again = std::process::Command::new(khoa_bin())
        .arg("init")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(2),
        "init refuses a non-empty folder"
    );
}

#[test]
fn version_and_help() {
    let version = std::process::Command::new(khoa_bin())
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("khoa "));
    let help = std::process::Command::new(khoa_bin())
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("build"));
}
