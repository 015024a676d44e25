//! A compile that reuses the previous one (`serve`) gives what a full compile gives, byte for byte,
//! after any sequence of changes: edits, renames, deletes, new lessons, title, weight and id
//! changes, quizzes, assets, images (whose size pages draw), templates, theme files, `khoa.yaml`
//! (its theme colour too), and a lesson broken and fixed.
//!
//! Like `serve`, the reusing compile is told which files each change touched
//! (`Reuse::files_changed`), so loading reads only those again.
//!
//! The sequence is random but reproducible: it prints its seed, `KHOA_TEST_SEED=N` replays one and
//! `KHOA_TEST_STEPS=N` makes it longer (24 changes by default).

use super::*;
use crate::render::Early;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A small, seeded random generator (xorshift64*), enough to pick changes.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "bài", "học", "mật", "khẩu", "lừa", "đảo", "an", "toàn", "mạng", "điện", "thoại", "tin",
];

const CODE: &[&str] = &[
    "```rust\nfn main() { println!(\"xin chào\"); }\n```\n",
    "```python\nprint(\"xin chào\")\n```\n",
    "```\nkhông tô màu\n```\n",
];

/// Two PNG images of the same name with different sizes: 2×1 and 1×2 pixels.
const PNGS: [&str; 2] = [
    "89504e470d0a1a0a0000000d49484452000000020000000108020000007b40e8dd0000000d4944415478da6368705000220006e701c18cd246930000000049454e44ae426082",
    "89504e470d0a1a0a0000000d494844520000000100000002080200000016e321700000000e4944415478da636870506000620007c801c196a5e5550000000049454e44ae426082",
];

fn png(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

fn words(random: &mut Random, n: usize) -> String {
    let picked: Vec<&str> = (0..n).map(|_| *random.pick(WORDS)).collect();
    picked.join(" ")
}

/// A lesson with random front matter and body; `others` are lesson files it may link to.
fn lesson(random: &mut Random, others: &[String]) -> String {
    let mut front = format!("title: {}\n", words(random, 2));
    if random.below(3) == 0 {
        front.push_str(&format!("weight: {}\n", random.below(5)));
    }
    if random.below(4) == 0 {
        front.push_str(&format!("id: id-{}\n", random.below(4)));
    }
    if random.below(3) == 0 {
        front.push_str(&format!("description: {}\n", words(random, 4)));
    }
    let mut body = format!("# {}\n\n{}.\n\n", words(random, 2), words(random, 8));
    if random.below(2) == 0 {
        let code: &&str = random.pick(CODE);
        body.push_str(code);
    }
    if random.below(3) == 0 {
        body.push_str("\n![Ảnh](hinh.png)\n");
    }
    if let Some(other) = others.get(random.below(others.len() + 1)) {
        let name = other.rsplit('/').next().unwrap_or(other);
        body.push_str(&format!("\nXem [bài khác](../m1/{name}#bai).\n"));
    }
    if random.below(4) == 0 {
        let id = random.below(3);
        body.push_str(&format!(
            "\n```quiz id=q{id}\nHỏi {}?\n\n= 113\n```\n",
            words(random, 2)
        ));
    }
    format!("---\n{front}---\n{body}")
}

/// The project under test, on disk.
struct Project {
    dir: tempfile::TempDir,
    step: usize,
    /// Every path written, renamed or deleted since the last [`Project::told`].
    touched: std::cell::RefCell<Vec<PathBuf>>,
}

impl Project {
    fn new() -> Self {
        let project = Project {
            dir: tempfile::tempdir().unwrap(),
            step: 0,
            touched: Default::default(),
        };
        project.write(
            "khoa.yaml",
            "title: Trường thử\nsite_id: thu\nlanguages: [vi, en]\n",
        );
        for course in ["c1", "c2"] {
            project.write(
                &format!("content/{course}/_index.md"),
                "---\ntitle: Khoá\n---\nGiới thiệu.\n",
            );
            project.write(
                &format!("content/{course}/m1/_index.md"),
                "---\ntitle: Phần một\n---\n",
            );
        }
        project
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The paths touched since the last call, as the watcher names them.
    fn told(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.touched.borrow_mut())
    }

    fn remove(&self, path: &str) -> std::io::Result<()> {
        self.touched.borrow_mut().push(self.root().join(path));
        std::fs::remove_file(self.root().join(path))
    }

    fn write(&self, path: &str, text: impl AsRef<[u8]>) {
        let file = self.root().join(path);
        self.touched.borrow_mut().push(file.clone());
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    /// Lesson files, relative to the root, sorted.
    fn lessons(&self) -> Vec<String> {
        let mut found = Vec::new();
        for course in ["c1", "c2"] {
            let dir = self.root().join(format!("content/{course}/m1"));
            for entry in std::fs::read_dir(dir).unwrap() {
                let name = entry.unwrap().file_name().to_string_lossy().into_owned();
                if name.ends_with(".md") && name != "_index.md" && !name.ends_with(".en.md") {
                    found.push(format!("content/{course}/m1/{name}"));
                }
            }
        }
        found.sort();
        found
    }

    /// Makes one random change and says what it was.
    fn change(&mut self, random: &mut Random) -> String {
        self.step += 1;
        let lessons = self.lessons();
        let course = *random.pick(&["c1", "c2"]);
        let kind = if lessons.len() < 3 {
            0
        } else {
            random.below(16)
        };
        match kind {
            0 | 1 => {
                let path = format!("content/{course}/m1/l{}.md", self.step);
                self.write(&path, lesson(random, &lessons));
                format!("new {path}")
            }
            2..=4 => {
                let path = random.pick(&lessons).clone();
                self.write(&path, lesson(random, &lessons));
                format!("edit {path}")
            }
            5 => {
                let from = random.pick(&lessons).clone();
                let to = format!("content/{course}/m1/r{}.md", self.step);
                std::fs::rename(self.root().join(&from), self.root().join(&to)).unwrap();
                let mut touched = self.touched.borrow_mut();
                touched.extend([self.root().join(&from), self.root().join(&to)]);
                format!("rename {from} → {to}")
            }
            6 => {
                let path = random.pick(&lessons).clone();
                self.remove(&path).unwrap();
                format!("delete {path}")
            }
            7 => {
                let path = format!("content/{course}/m1/tep.pdf");
                if random.below(3) == 0 {
                    let _ = self.remove(&path);
                    format!("delete {path}")
                } else {
                    self.write(&path, format!("%PDF-1.4 {}", self.step));
                    format!("asset {path}")
                }
            }
            8 => {
                let template = default_file("templates/lesson.html");
                let changed = format!("{template}<!-- {} -->\n", self.step);
                self.write("themes/rieng/templates/lesson.html", changed);
                format!("template {}", self.step)
            }
            9 => {
                let css = default_file("static/khoa.css");
                self.write(
                    "themes/rieng/static/khoa.css",
                    format!("{css}/* {} */\n", self.step),
                );
                format!("theme file {}", self.step)
            }
            10 => {
                let theme = if random.below(2) == 0 {
                    "theme: rieng\n"
                } else {
                    ""
                };
                let colour = *random.pick(&["", "theme_color: '#aa3300'\n"]);
                let languages =
                    *random.pick(&["languages: [vi, en]\n", "", "languages: [vi, en]\n"]);
                let title = words(random, 2);
                self.write(
                    "khoa.yaml",
                    format!("title: {title}\nsite_id: thu\n{theme}{colour}{languages}"),
                );
                format!("khoa.yaml title {title:?} {theme:?} {colour:?} {languages:?}")
            }
            11 => {
                let path = format!("content/{course}/m1/hinh.png");
                if random.below(4) == 0 {
                    let _ = self.remove(&path);
                    format!("delete {path}")
                } else {
                    // The other size than now, so that pages drawing it change.
                    let now = std::fs::read(self.root().join(&path)).ok();
                    let which = usize::from(now == Some(png(PNGS[0])));
                    self.write(&path, png(PNGS[which]));
                    format!("image {path} {which}")
                }
            }
            13 => self.translate(random, &lessons),
            14 => {
                let path = "i18n/en.yaml";
                if random.below(3) == 0 {
                    let _ = self.remove(path);
                    format!("delete {path}")
                } else {
                    let text = format!("next: {}\nhome: {}\n", words(random, 2), words(random, 1));
                    self.write(path, &text);
                    format!("UI strings {text:?}")
                }
            }
            15 => {
                let requires = *random.pick(&["", "requires: [c1]\n", "next: [c1]\n"]);
                let text = format!(
                    "---\ntitle: {}\n{requires}---\nGiới thiệu.\n",
                    words(random, 2)
                );
                self.write("content/c2/_index.md", &text);
                format!("course c2 {requires:?}")
            }
            _ => {
                let path = format!("content/{course}/m1/_index.md");
                let text = format!(
                    "---\ntitle: {}\nweight: {}\n---\n",
                    words(random, 2),
                    self.step
                );
                self.write(&path, text);
                format!("module {path}")
            }
        }
    }
}

impl Project {
    /// Writes, edits or deletes the English translation of a lesson: its original with another
    /// title (the same id and quiz shapes), or a stale one the original no longer matches.
    fn translate(&self, random: &mut Random, lessons: &[String]) -> String {
        let original = random.pick(lessons).clone();
        let path = format!("{}.en.md", original.trim_end_matches(".md"));
        if random.below(4) == 0 {
            let _ = self.remove(&path);
            return format!("delete {path}");
        }
        let text = std::fs::read_to_string(self.root().join(&original)).unwrap();
        let title = format!("title: {}", words(random, 2));
        let translated: Vec<String> = text
            .lines()
            .map(|line| match line.starts_with("title: ") {
                true => title.clone(),
                false => line.to_string(),
            })
            .collect();
        self.write(&path, translated.join("\n") + "\n");
        format!("translate {original} → {path} {title:?}")
    }
}

fn default_file(name: &str) -> String {
    let (_, bytes) = crate::theme::DEFAULT_FILES
        .iter()
        .find(|(file, _)| *file == name)
        .unwrap();
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a compile gave: every output by path, and every problem.
fn snapshot(compiled: Result<Compiled, CompileError>) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    match compiled {
        Ok(compiled) => (
            compiled
                .rendered
                .outputs
                .iter()
                .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
                .collect(),
            compiled
                .diagnostics
                .iter()
                .map(|d| format!("{d:?}"))
                .collect(),
        ),
        Err(e) => (BTreeMap::new(), vec![format!("{e:?}")]),
    }
}

fn options(root: &Path) -> CompileOptions {
    CompileOptions {
        root: root.to_path_buf(),
        include_drafts: true,
        publish: PublishOptions::default(),
        only_course: None,
        default_language_only: false,
        cache: Arc::new(crate::cache::BuildCache::disabled()),
    }
}

/// Compiles with and without `reuse` and fails, naming the seed and the step, on any difference.
fn assert_same(project: &Project, reuse: &mut Reuse, seed: u64, done: &[String]) {
    let options = options(project.root());
    reuse.files_changed(project.root(), Some(project.told()));
    let incremental = snapshot(compile_reusing(&options, Some(reuse)));
    let full = snapshot(compile(&options));
    let context = || {
        format!(
            "seed {seed} (KHOA_TEST_SEED={seed}), after:\n{}",
            done.join("\n")
        )
    };
    assert_eq!(incremental.1, full.1, "problems differ; {}", context());
    let paths = |s: &BTreeMap<String, Vec<u8>>| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        paths(&incremental.0),
        paths(&full.0),
        "paths differ; {}",
        context()
    );
    for (path, bytes) in &full.0 {
        if incremental.0[path] != *bytes {
            panic!(
                "`{path}` differs; {}\nincremental:\n{}\nfull:\n{}",
                context(),
                String::from_utf8_lossy(&incremental.0[path]),
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

fn run_sequence(seed: u64, steps: usize) {
    eprintln!("incremental compile: seed {seed}");
    let mut random = Random(seed.max(1));
    let mut project = Project::new();
    let mut reuse = Reuse::new();
    reuse.watched();
    let mut done = Vec::new();
    assert_same(&project, &mut reuse, seed, &done);
    for _ in 0..steps {
        done.push(project.change(&mut random));
        assert_same(&project, &mut reuse, seed, &done);
    }
}

#[test]
fn random_changes_compile_incrementally_to_the_same_bytes_as_a_full_build() {
    let number = |name: &str| std::env::var(name).ok().and_then(|s| s.parse().ok());
    let steps = number("KHOA_TEST_STEPS").unwrap_or(24) as usize;
    let seed = number("KHOA_TEST_SEED").unwrap_or_else(|| {
        let clock = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        clock.map_or(1, |d| d.as_nanos() as u64)
    });
    run_sequence(seed, steps);
}

#[test]
fn a_lesson_broken_then_fixed_compiles_incrementally_like_a_full_build() {
    let project = Project::new();
    let good = "---\ntitle: Bài\n---\n# Đầu\n\nNội dung.\n";
    project.write("content/c1/m1/a.md", good);
    project.write(
        "content/c1/m1/b.md",
        "---\ntitle: Bên\n---\nXem [a](a.md#dau).\n",
    );
    let mut reuse = Reuse::new();
    let mut done = vec!["two lessons".to_string()];
    assert_same(&project, &mut reuse, 0, &done);
    let options = options(project.root());
    for (what, text) in [
        (
            "broken front matter",
            "---\ntitle: Bài\ndurration: 4\n---\n# Đầu\n",
        ),
        ("heading renamed", "---\ntitle: Bài\n---\n# Khác\n"),
        ("fixed", good),
    ] {
        project.write("content/c1/m1/a.md", text);
        done.push(what.to_string());
        assert_same(&project, &mut reuse, 0, &done);
        let failed = compile(&options)
            .unwrap()
            .diagnostics
            .iter()
            .any(|d| d.is_error());
        assert_eq!(failed, what != "fixed", "{what}");
    }
}

/// What `serve` got early from each compile: the paths of the lesson pages and whether one holds
/// `needle`.
fn early_pages(
    project: &Project,
    reuse: &mut Reuse,
    got: &std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>,
    needle: &str,
) -> (Vec<String>, bool) {
    got.lock().unwrap().clear();
    compile_reusing(&options(project.root()), Some(reuse)).unwrap();
    let got = got.lock().unwrap();
    let paths = got.iter().map(|(path, _)| path.clone()).collect();
    (paths, got.iter().any(|(_, html)| html.contains(needle)))
}

#[test]
fn an_edited_lesson_page_is_handed_over_early_only_when_no_other_page_changes() {
    let project = Project::new();
    let lesson = |title: &str, body: &str| format!("---\ntitle: {title}\n---\n{body}\n");
    project.write("content/c1/m1/a.md", lesson("Bài a", "Một."));
    project.write("content/c1/m1/b.md", lesson("Bài b", "Hai."));
    let got = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut reuse = Reuse::new();
    let sink = got.clone();
    reuse.when_pages_ready(Box::new(move |early| match early {
        Early::Pages(pages) => *sink.lock().unwrap() = pages,
        Early::Withdrawn => panic!("pages handed early were withdrawn: another page changed"),
    }));
    let early = |reuse: &mut Reuse, needle| early_pages(&project, reuse, &got, needle);
    assert_eq!(
        early(&mut reuse, "Một").0,
        Vec::<String>::new(),
        "first build"
    );
    project.write("content/c1/m1/a.md", lesson("Bài a", "Một sửa."));
    let (paths, holds) = early(&mut reuse, "Một sửa.");
    // The English edition shows the untranslated lesson too (`languages: [vi, en]`).
    assert_eq!(paths, ["c1/m1/a.html", "en/c1/m1/a.html"]);
    assert!(holds, "the page as edited");
    project.write("content/c1/m1/a.en.md", lesson("Lesson a", "One."));
    assert!(
        early(&mut reuse, "").0.is_empty(),
        "a new translation changes the language switcher of other pages"
    );
    project.write("content/c1/m1/a.en.md", lesson("Lesson a", "One, edited."));
    let (paths, holds) = early(&mut reuse, "One, edited.");
    assert_eq!(paths, ["en/c1/m1/a.html"], "only the translation's page");
    assert!(holds, "the translation as edited");
    project.write("i18n/en.yaml", "next: Onward\n");
    assert!(
        early(&mut reuse, "").0.is_empty(),
        "UI strings are on every page"
    );
    assert_eq!(
        early(&mut reuse, "").0,
        Vec::<String>::new(),
        "nothing changed"
    );
    project.write("content/c1/m1/a.md", lesson("Bài a mới", "Một sửa."));
    assert!(
        early(&mut reuse, "").0.is_empty(),
        "the course page lists the title"
    );
    let quiz = "```quiz\nThủ đô?\n- [x] Hà Nội\n- [ ] Huế\n```";
    project.write("content/c1/m1/b.md", lesson("Bài b", quiz));
    assert!(
        early(&mut reuse, "").0.is_empty(),
        "the course's outline script lists the questions"
    );
    project.write(
        "content/c1/m1/b.md",
        lesson("Bài b", &format!("Hai, sửa.\n\n{quiz}")),
    );
    let (paths, holds) = early(&mut reuse, "Hai, sửa.");
    assert_eq!(paths, ["c1/m1/b.html", "en/c1/m1/b.html"], "same questions");
    assert!(holds);
    project.write(
        "content/c1/_index.md",
        "---\ntitle: Khoá\n---\nGiới thiệu mới.\n",
    );
    project.write(
        "content/c1/m1/b.md",
        lesson("Bài b", &format!("Hai.\n\n{quiz}")),
    );
    assert!(
        early(&mut reuse, "").0.is_empty(),
        "the course page shows the intro, edited with the lesson"
    );
    project.write(
        "content/c1/m1/a.md",
        lesson("Bài a mới", "[x](khong-co.md)"),
    );
    assert!(
        early(&mut reuse, "").0.is_empty(),
        "a broken link is an error"
    );
}

#[cfg(unix)]
mod watched;
