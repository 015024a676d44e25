//! Where a book's chapters go: parts (or top-level chapters with sections) become modules, every
//! chapter and nested section a lesson, in reading order; runs of top-level chapters without
//! sections share a module named after the first of them; drafts are listed and skipped.

use super::summary::{Chapter, Entry};
use crate::slug;
use std::collections::BTreeSet;

/// The course's modules, in order.
#[derive(Debug, Default)]
pub struct Layout {
    pub modules: Vec<Module>,
    /// Draft chapters (`[Title]()`): title, line, column in SUMMARY.md.
    pub drafts: Vec<(String, usize, usize)>,
}

#[derive(Debug)]
pub struct Module {
    pub title: String,
    /// Folder name under the course (`01-getting-started`).
    pub folder: String,
    pub lessons: Vec<Lesson>,
}

#[derive(Debug, PartialEq)]
pub struct Lesson {
    pub title: String,
    /// The chapter file, relative to the source folder.
    pub source: String,
    /// The lesson file, relative to the course folder (`01-getting-started/02-install.md`).
    pub file: String,
    /// Where SUMMARY.md names the chapter.
    pub line: usize,
    pub column: usize,
}

/// What a module gathers before it gets its folder.
struct Draft<'a> {
    title: String,
    /// A part, or a run of loose chapters (which a chapter with sections ends).
    loose: bool,
    chapters: Vec<&'a Chapter>,
}

/// Lays out `entries` (from [`super::summary::parse`]).
pub fn layout(entries: &[Entry]) -> Layout {
    let mut groups: Vec<Draft> = Vec::new();
    let mut in_part = false;
    for entry in entries {
        match entry {
            Entry::Part { title, .. } => {
                in_part = true;
                groups.push(Draft {
                    title: title.clone(),
                    loose: false,
                    chapters: Vec::new(),
                });
            }
            Entry::Chapter(chapter) if in_part && chapter.numbered => {
                if let Some(group) = groups.last_mut() {
                    group.chapters.push(chapter);
                }
            }
            Entry::Chapter(chapter) => {
                in_part = false;
                match groups.last_mut() {
                    Some(group) if group.loose && chapter.children.is_empty() => {
                        group.chapters.push(chapter)
                    }
                    _ => groups.push(Draft {
                        title: chapter.title.clone(),
                        loose: chapter.children.is_empty(),
                        chapters: vec![chapter],
                    }),
                }
            }
        }
    }
    let mut layout = Layout::default();
    for group in groups {
        let mut lessons = Vec::new();
        for chapter in &group.chapters {
            flatten(chapter, &mut lessons, &mut layout.drafts);
        }
        if lessons.is_empty() {
            continue;
        }
        layout.modules.push(Module {
            title: group.title,
            folder: String::new(),
            lessons: lessons
                .into_iter()
                .map(|c| Lesson {
                    title: c.title.clone(),
                    source: c.path.clone().unwrap_or_default(),
                    file: String::new(),
                    line: c.line,
                    column: c.column,
                })
                .collect(),
        });
    }
    name_files(&mut layout.modules);
    layout
}

fn flatten<'a>(
    chapter: &'a Chapter,
    out: &mut Vec<&'a Chapter>,
    drafts: &mut Vec<(String, usize, usize)>,
) {
    match chapter.path {
        Some(_) => out.push(chapter),
        None => drafts.push((chapter.title.clone(), chapter.line, chapter.column)),
    }
    for child in &chapter.children {
        flatten(child, out, drafts);
    }
}

/// Numbered, unique folder and file names: `01-slug`, `02-slug-2`…
fn name_files(modules: &mut [Module]) {
    let width = |count: usize| {
        if count < 100 {
            2
        } else {
            count.to_string().len()
        }
    };
    let module_width = width(modules.len());
    let mut folders = BTreeSet::new();
    for (i, module) in modules.iter_mut().enumerate() {
        let slug = unique(slug::component_slug(&module.title, "module"), &mut folders);
        module.folder = format!("{:0module_width$}-{slug}", i + 1);
        let lesson_width = width(module.lessons.len());
        let mut files = BTreeSet::new();
        for (j, lesson) in module.lessons.iter_mut().enumerate() {
            let slug = unique(slug::component_slug(&lesson.title, "lesson"), &mut files);
            lesson.file = format!("{}/{:0lesson_width$}-{slug}.md", module.folder, j + 1);
        }
    }
}

/// Longest slug a title gives a file or folder name (output names stay far below 255 bytes).
const MAX_SLUG: usize = 60;

fn unique(slug: String, taken: &mut BTreeSet<String>) -> String {
    let slug = match slug.get(..MAX_SLUG) {
        Some(cut) if slug.len() > MAX_SLUG => cut.trim_end_matches('-').to_string(),
        _ => slug,
    };
    let mut candidate = slug.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{slug}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::summary::parse;

    fn files(summary: &str) -> Vec<(String, Vec<String>)> {
        let layout = layout(&parse(summary, "SUMMARY.md").unwrap());
        layout
            .modules
            .iter()
            .map(|m| {
                (
                    m.folder.clone(),
                    m.lessons.iter().map(|l| l.file.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn parts_become_modules_and_sections_lessons_in_order() {
        let summary = "# S\n\n[Intro](intro.md)\n[Foreword](fw.md)\n\n# Basics\n\n- [Hello](a.md)\n  - [Hello](b.md)\n  - [Draft]()\n    - [Under draft](c.md)\n\n# Empty\n\n---\n\n[Appendix](z.md)\n";
        assert_eq!(
            files(summary),
            [
                (
                    "01-intro".to_string(),
                    vec![
                        "01-intro/01-intro.md".to_string(),
                        "01-intro/02-foreword.md".to_string()
                    ]
                ),
                (
                    "02-basics".to_string(),
                    vec![
                        "02-basics/01-hello.md".to_string(),
                        "02-basics/02-hello-2.md".to_string(),
                        "02-basics/03-under-draft.md".to_string()
                    ]
                ),
                (
                    "03-appendix".to_string(),
                    vec!["03-appendix/01-appendix.md".to_string()]
                ),
            ]
        );
        let drafts = layout(&parse(summary, "S.md").unwrap()).drafts;
        assert_eq!(drafts, [("Draft".to_string(), 10, 5)]);
    }

    #[test]
    fn long_titles_give_short_names() {
        let title = "Một tiêu đề rất dài ".repeat(10);
        let summary = format!("- [{title}](a.md)\n");
        let name = &files(&summary)[0].1[0];
        let file = name.rsplit('/').next().unwrap();
        assert!(file.len() <= MAX_SLUG + "01-.md".len(), "{name}");
        assert!(file.starts_with("01-mot-tieu-de-rat-dai-mot-"), "{name}");
    }

    #[test]
    fn without_parts_chapters_with_sections_are_modules() {
        let summary =
            "- [Một](1.md)\n- [Hai](2.md)\n  - [Hai a](2a.md)\n- [Ba](3.md)\n- [Bốn](4.md)\n";
        assert_eq!(
            files(summary),
            [
                ("01-mot".to_string(), vec!["01-mot/01-mot.md".to_string()]),
                (
                    "02-hai".to_string(),
                    vec![
                        "02-hai/01-hai.md".to_string(),
                        "02-hai/02-hai-a.md".to_string()
                    ]
                ),
                (
                    "03-ba".to_string(),
                    vec!["03-ba/01-ba.md".to_string(), "03-ba/02-bon.md".to_string()]
                ),
            ]
        );
    }
}
