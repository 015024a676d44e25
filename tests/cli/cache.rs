//! The persistent build cache from the outside: the output is the same with it, without it, and
//! from it; `--cache-dir` and `--no-cache`; spoiled cache files and builds running at once.

use crate::{Project, khoa_bin};
use std::path::Path;

/// A course whose lessons hold code in several languages (and a quiz, which highlights too).
fn project() -> Project {
    let mut project = Project::course(&[]);
    for n in 0..12 {
        let lesson = format!(
            "---\ntitle: Bài {n}\ndescription: Mã {n}.\n---\n## Mã\n\n```rust\nfn f{n}() -> u32 {{ {n} + 1 }} // {n}\n```\n\n\
```python\ndef g{n}(x):\n    return \"{n}\" * x\n```\n\n```js\nconst h{n} = () => `<b>{n}</b>`;\n```\n\n\
```text\nplain {n} <&>\n```\n"
        );
        project = project.file(&format!("content/c/{n:02}-bai-{n}.md"), &lesson);
    }
    project
}

fn build_into(project: &Project, out: &str, extra: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut args = vec!["build", "--out", out];
    args.extend_from_slice(extra);
    project.run(&args).ok();
    project.tree(out)
}

/// Every shard file of every namespace (highlighted code, rendered pages, search words…).
fn shards(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn output_is_the_same_without_the_cache_filling_it_and_read_from_it() {
    let project = project();
    let without = build_into(&project, "a", &["--no-cache"]);
    assert!(
        !project.path(".khoa-cache").exists(),
        "--no-cache wrote a cache"
    );
    let filling = build_into(&project, "b", &[]);
    assert!(!shards(&project.path(".khoa-cache")).is_empty());
    assert!(
        !shards(&project.path(".khoa-cache/icons")).is_empty(),
        "the app icons were not kept"
    );
    let from_cache = build_into(&project, "c", &[]);
    assert!(without == filling, "the cache changed the output");
    assert!(without == from_cache, "output read from the cache differs");
}

#[test]
fn cache_dir_puts_the_cache_elsewhere_and_check_uses_it() {
    let project = project();
    project.run(&["check", "--cache-dir", "elsewhere"]).ok();
    assert!(!shards(&project.path("elsewhere")).is_empty());
    assert!(!project.path(".khoa-cache").exists());
    project
        .run(&["build", "--cache-dir", "x", "--no-cache"])
        .code(2);
}

#[test]
fn spoiled_cache_files_are_ignored_and_rewritten() {
    let project = project();
    let expected = build_into(&project, "a", &["--no-cache"]);
    build_into(&project, "b", &[]);
    let files = shards(&project.path(".khoa-cache"));
    for (n, file) in files.iter().enumerate() {
        let mut bytes = std::fs::read(file).unwrap();
        match n % 3 {
            0 => bytes.truncate(bytes.len() - 9),
            1 => bytes.iter_mut().for_each(|b| *b = b.wrapping_add(1)),
            _ => bytes = b"<p>not highlighted</p>".to_vec(),
        }
        std::fs::write(file, &bytes).unwrap();
    }
    assert!(
        build_into(&project, "c", &[]) == expected,
        "a spoiled cache was trusted"
    );
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        assert!(
            bytes.starts_with(b"khoa-cache\n"),
            "{} not rewritten",
            file.display()
        );
    }
    assert!(build_into(&project, "d", &[]) == expected);
}

#[test]
fn builds_running_at_once_leave_a_sound_cache() {
    let project = project();
    let expected = build_into(&project, "expected", &["--no-cache"]);
    for round in 0..3 {
        let children: Vec<_> = (0..3)
            .map(|n| {
                std::process::Command::new(khoa_bin())
                    .args(["build", "--out", &format!("at-once-{round}-{n}"), "--root"])
                    .arg(project.root())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for (n, child) in children.into_iter().enumerate() {
            let output = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "{stderr}");
            assert!(!stderr.contains("warning"), "{stderr}");
            assert!(project.tree(&format!("at-once-{round}-{n}")) == expected);
        }
    }
    assert!(build_into(&project, "after", &[]) == expected);
    for file in shards(&project.path(".khoa-cache")) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.ends_with(".pack"), "left behind: {name}");
    }
}
