//! The whole conversion in memory: a book's files → every file of the new project and the outcome,
//! or every located error. Nothing here touches the disk but through [`BookFiles`].

use super::book::{self, BookConfig};
use super::include::{self, Expanded};
use super::layout::{self, Lesson};
use super::outcome::Outcome;
use super::quiz;
use super::relink::{Place, Relinker};
use super::{BookFiles, summary};
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};

/// A file of the new project.
#[derive(Debug, PartialEq)]
pub enum Output {
    Text(String),
    /// A copy of this book file (relative to the book root).
    Copy(String),
}

/// Every file of the project, by path relative to DEST, and what to tell the author.
pub struct Plan {
    pub files: BTreeMap<String, Output>,
    pub outcome: Outcome,
}

/// Converts the book that `files` holds.
pub fn plan(files: &dyn BookFiles) -> Result<Plan, Vec<Diagnostic>> {
    let read = |path: &str| {
        files
            .read(path)
            .map_err(|message| vec![Diagnostic::error(path, 0, 0, message)])
    };
    let config = book::parse(&read("book.toml")?, "book.toml").map_err(|d| vec![d])?;
    let src = config.src.trim_matches('/').to_string();
    let summary_path = in_src(&src, "SUMMARY.md");
    let entries = summary::parse(&read(&summary_path)?, &summary_path)?;
    let layout = layout::layout(&entries);
    let (language, known) = book::khoa_language(config.language.as_deref());
    let title = config.title.clone().unwrap_or_else(|| "Book".to_string());
    let course = crate::slug::component_slug(&title, "book");
    let mut outcome = Outcome {
        title: title.clone(),
        modules: layout.modules.len(),
        notes: early_notes(&config, known, &layout, &summary_path),
        ..Outcome::default()
    };
    let chapters: BTreeMap<String, String> = layout
        .modules
        .iter()
        .flat_map(|m| &m.lessons)
        .map(|l| (in_src(&src, &l.source), l.file.clone()))
        .rev()
        .collect();
    let relinker = Relinker {
        chapters: &chapters,
        files,
        src: &src,
    };
    let mut errors = Vec::new();
    let mut ids = BTreeSet::new();
    let mut converter = Converter {
        files,
        relinker: &relinker,
        config: &config,
        language,
        summary_path: &summary_path,
        src: &src,
        ids: &mut ids,
        outcome: &mut outcome,
        errors: &mut errors,
    };
    let mut out = converter.modules(&layout, &course);
    if !errors.is_empty() {
        return Err(errors);
    }
    outcome.lessons = layout.modules.iter().map(|m| m.lessons.len()).sum();
    outcome.assets = out
        .values()
        .filter(|o| matches!(o, Output::Copy(_)))
        .count();
    out.insert(
        format!("content/{course}/_index.md"),
        Output::Text(course_index(&config, &course, language)),
    );
    out.insert(
        crate::config::FILE_NAME.to_string(),
        Output::Text(site_config(&title, &course, language)),
    );
    Ok(Plan {
        files: out,
        outcome,
    })
}

/// Notes known before any chapter is read: a language khoa has no UI for, draft chapters.
fn early_notes(
    config: &BookConfig,
    known: bool,
    layout: &layout::Layout,
    summary_path: &str,
) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    if !known {
        let message = format!(
            "language `{}` has no khoa UI; the site uses `en`",
            config.language.as_deref().unwrap_or("")
        );
        notes.push(Diagnostic::warning("book.toml", 0, 0, message));
    }
    for (draft, line, column) in &layout.drafts {
        let message = format!("draft chapter `{draft}` has no file; skipped");
        notes.push(Diagnostic::warning(summary_path, *line, *column, message));
    }
    notes
}

fn in_src(src: &str, path: &str) -> String {
    if src.is_empty() {
        path.to_string()
    } else {
        format!("{src}/{path}")
    }
}

/// Converts one chapter at a time, collecting notes and errors.
struct Converter<'a> {
    files: &'a dyn BookFiles,
    relinker: &'a Relinker<'a>,
    config: &'a BookConfig,
    language: &'a str,
    summary_path: &'a str,
    src: &'a str,
    ids: &'a mut BTreeSet<String>,
    outcome: &'a mut Outcome,
    errors: &'a mut Vec<Diagnostic>,
}

impl Converter<'_> {
    /// Every module's `_index.md`, lessons and the files they need, by path under DEST.
    fn modules(&mut self, layout: &layout::Layout, course: &str) -> BTreeMap<String, Output> {
        let mut out = BTreeMap::new();
        for module in &layout.modules {
            let index = format!("---\ntitle: {}\n---\n", quoted(&module.title));
            let folder = format!("content/{course}/{}", module.folder);
            out.insert(format!("{folder}/_index.md"), Output::Text(index));
            for lesson in &module.lessons {
                let Some((text, assets)) = self.lesson(lesson) else {
                    continue;
                };
                out.insert(
                    format!("content/{course}/{}", lesson.file),
                    Output::Text(text),
                );
                for (source, destination) in assets {
                    let path = format!("content/{course}/{destination}");
                    out.insert(path, Output::Copy(source));
                }
            }
        }
        out
    }

    /// The lesson's Markdown and the assets it needs, or `None` after recording errors.
    fn lesson(&mut self, lesson: &Lesson) -> Option<(String, Vec<(String, String)>)> {
        let chapter = in_src(self.src, &lesson.source);
        let text = match self.files.read(&chapter) {
            Ok(text) if self.files.is_file(&chapter) => text,
            _ => {
                let message = format!("chapter file `{}` does not exist", lesson.source);
                self.errors.push(Diagnostic::error(
                    self.summary_path,
                    lesson.line,
                    lesson.column,
                    message,
                ));
                return None;
            }
        };
        let Expanded {
            text,
            quizzes,
            notes,
            errors,
        } = include::expand(self.files, &chapter, &text.replace("\r\n", "\n"));
        self.outcome.notes.extend(notes);
        self.errors.extend(errors);
        let place = Place {
            chapter: &chapter,
            lesson: &lesson.file,
            first_line: 1,
        };
        let relinked = self.relinker.relink(&text, &place);
        self.outcome.notes.extend(relinked.notes);
        let mut assets = relinked.assets;
        let mut body = drop_title_heading(&include::strip_hidden_rust_lines(&relinked.text));
        for (n, found) in quizzes.iter().enumerate() {
            let blocks = self.quiz(found, &place, &mut assets).unwrap_or_default();
            body = put_in_place(&body, &include::quiz_placeholder(n), &blocks);
        }
        if body.trim().is_empty() {
            let message =
                "chapter has nothing but its title; the lesson repeats the title as its text";
            self.outcome
                .notes
                .push(Diagnostic::warning(&chapter, 1, 1, message));
            body = format!("# {}\n", lesson.title);
        }
        let front = format!("---\ntitle: {}\n---\n\n", quoted(&lesson.title));
        Some((front + body.trim_start(), assets))
    }

    /// The blocks of one `{{#quiz}}`, their links rewritten for the lesson.
    fn quiz(
        &mut self,
        found: &include::QuizRef,
        place: &Place,
        assets: &mut Vec<(String, String)>,
    ) -> Option<String> {
        let text = match self.files.read(&found.path) {
            Ok(text) => text,
            Err(message) => {
                self.errors
                    .push(Diagnostic::error(&found.at.0, found.at.1, 1, message));
                return None;
            }
        };
        let notes = std::cell::RefCell::new(Vec::new());
        let needed = std::cell::RefCell::new(Vec::new());
        let relink = |markdown: &str| {
            let relinked = self.relinker.relink(
                markdown,
                &Place {
                    first_line: found.at.1,
                    ..*place
                },
            );
            notes.borrow_mut().extend(relinked.notes);
            needed.borrow_mut().extend(relinked.assets);
            relinked.text
        };
        let code_language = self.config.quiz_language.as_deref().unwrap_or("rust");
        let mut cx = quiz::Context {
            path: &found.path,
            language: self.language,
            code_language,
            ids: self.ids,
            relink: &relink,
        };
        match quiz::convert(&text, &mut cx) {
            Ok(converted) => {
                self.outcome.notes.extend(notes.into_inner());
                self.outcome.notes.extend(converted.notes);
                assets.extend(needed.into_inner());
                if converted.blocks.is_empty() {
                    let message = format!("`{}` gives no question to convert", found.path);
                    self.outcome.notes.push(Diagnostic::warning(
                        &found.at.0,
                        found.at.1,
                        1,
                        message,
                    ));
                }
                for (kind, count) in converted.counts {
                    *self.outcome.questions.entry(kind).or_default() += count;
                }
                Some(converted.blocks.join("\n\n"))
            }
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }
}

/// `text` with `placeholder` replaced by `block`, whose lines keep the placeholder's indentation
/// (a quiz inside a list item stays inside it).
fn put_in_place(text: &str, placeholder: &str, block: &str) -> String {
    let Some(at) = text.find(placeholder) else {
        return text.to_string();
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..at];
    let indent = if prefix.trim().is_empty() { prefix } else { "" };
    let block = block.replace('\n', &format!("\n{indent}"));
    let block = block.replace(&format!("\n{indent}\n"), "\n\n");
    format!("{}{block}{}", &text[..at], &text[at + placeholder.len()..])
}

/// Drops a chapter's leading `# Title` (the lesson title comes from SUMMARY.md) unless it has
/// an explicit `{#id}` that links may name.
fn drop_title_heading(markdown: &str) -> String {
    let start = markdown.len() - markdown.trim_start().len();
    let first = markdown[start..].lines().next().unwrap_or("");
    if first.starts_with("# ") && !first.contains("{#") {
        markdown[start + first.len()..].to_string()
    } else {
        markdown.to_string()
    }
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn course_index(config: &BookConfig, id: &str, language: &str) -> String {
    let title = config.title.as_deref().unwrap_or("Book");
    let mut front = format!(
        "---\ntitle: {}\nid: {id}\nlanguage: {language}\n",
        quoted(title)
    );
    if let Some(description) = &config.description {
        front.push_str(&format!("description: {}\n", quoted(description)));
    }
    front + "---\n"
}

fn site_config(title: &str, course: &str, language: &str) -> String {
    format!(
        "title: {}\nlanguage: {language}\n# Namespaces learners' progress in their browser; keep it stable once published.\nsite_id: {course}\n",
        quoted(title)
    )
}

#[cfg(test)]
mod tests;
