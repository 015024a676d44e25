//! `khoa import gift FILE --into content/<course>/<module>/`: a GIFT file (Moodle's question
//! format) as a new module of quiz lessons, one lesson per category.
//!
//! Flow: [`parse`] (with [`answers`]) reads the whole file with line and column (any error:
//! nothing is written) → [`convert`] (with [`gaps`] and [`numbers`]) makes each question a quiz block and notes, at its
//! GIFT line, whatever khoa cannot hold → each block is checked by khoa's own quiz parser (one
//! it refuses is left out, with its reason) → [`super::write`] fills a hidden sibling of the
//! module folder and renames it into place.

mod answers;
mod convert;
mod gaps;
mod numbers;
mod parse;

use super::ImportError;
use super::plan::Output;
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;

/// What an import wrote and what it left out or changed.
#[derive(Debug)]
pub struct GiftImport {
    pub lessons: usize,
    pub questions: usize,
    /// One warning per thing khoa cannot hold, at `FILE:line`.
    pub notes: Vec<Diagnostic>,
}

/// Imports the GIFT file at `file` as the new module folder `into`.
pub fn import_gift(file: &Path, into: &Path) -> Result<GiftImport, ImportError> {
    let shown = file.display().to_string();
    let bytes = std::fs::read(file)
        .map_err(|e| ImportError::Usage(format!("cannot read `{shown}`: {e}")))?;
    let text = crate::document::decode(&bytes, &shown).map_err(|d| ImportError::Book(vec![d]))?;
    super::write::check_destination(into).map_err(ImportError::Usage)?;
    match into.parent() {
        Some(course) if course.join("_index.md").is_file() => {}
        _ => {
            return Err(ImportError::Usage(format!(
                "`{}` is not inside a course folder (one holding `_index.md`): give `content/<course>/<module>/`",
                into.display()
            )));
        }
    }
    let stem = file
        .file_stem()
        .map_or(String::new(), |s| s.to_string_lossy().into_owned());
    let planned = plan(&text, &shown, &crate::slug::title_from_name(&stem))?;
    super::write::write(Path::new("."), into, &planned.files).map_err(ImportError::Usage)?;
    Ok(planned.outcome)
}

/// The module's files (paths relative to it) and the outcome, all in memory.
struct Planned {
    files: BTreeMap<String, Output>,
    outcome: GiftImport,
}

fn plan(text: &str, path: &str, fallback_title: &str) -> Result<Planned, ImportError> {
    let items = parse::parse(text).map_err(|errors| {
        ImportError::Book(
            errors
                .into_iter()
                .map(|e| Diagnostic::error(path, e.at.line, e.at.column, e.message))
                .collect(),
        )
    })?;
    let converted = convert::convert(&items, fallback_title);
    let mut notes: Vec<Diagnostic> = converted
        .notes
        .iter()
        .map(|(line, message)| Diagnostic::warning(path, *line, 1, message.clone()))
        .collect();
    let mut files = BTreeMap::new();
    let module_title = converted.parent_title.as_deref().unwrap_or(fallback_title);
    files.insert(
        "_index.md".to_string(),
        Output::Text(front_matter(module_title)),
    );
    let (mut lessons, mut questions) = (0, 0);
    for lesson in &converted.lessons {
        let mut page = front_matter(&lesson.title);
        for block in &lesson.blocks {
            match refused(block) {
                Some(why) => notes.push(Diagnostic::warning(
                    path,
                    block.line,
                    1,
                    format!("question left out: khoa's quiz parser refuses it: {why}"),
                )),
                None => {
                    page.push('\n');
                    page.push_str(&block.markdown());
                    page.push('\n');
                    questions += 1;
                }
            }
        }
        lessons += 1;
        let slug = crate::slug::slugify(&lesson.title);
        let slug = if slug.is_empty() {
            "cau-hoi".to_string()
        } else {
            slug
        };
        files.insert(format!("{lessons:02}-{slug}.md"), Output::Text(page));
    }
    notes.sort_by_key(|d| d.line);
    Ok(Planned {
        files,
        outcome: GiftImport {
            lessons,
            questions,
            notes,
        },
    })
}

/// Front matter with `title` as a YAML (JSON) string, and an empty line after it.
fn front_matter(title: &str) -> String {
    let quoted = serde_json::to_string(title).unwrap_or_else(|_| "\"\"".into());
    format!("---\ntitle: {quoted}\n---\n")
}

/// Why khoa's quiz parser refuses `block`, if it does.
fn refused(block: &convert::Block) -> Option<String> {
    let links = crate::links::LinkMap::default();
    let highlighter = crate::highlight::Highlighter::new();
    let page = crate::markdown::PageInput {
        path: "",
        url: "l.html",
        ..crate::markdown::PageInput::standalone("", &links, &highlighter)
    };
    let compiled = crate::quiz::compile_quiz(&crate::quiz::Block {
        attributes: &block.attributes,
        attributes_column: 1,
        body: &block.body,
        fence_line: 1,
        page: &page,
    });
    let errors: Vec<String> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    (!errors.is_empty()).then(|| errors.join("; "))
}

#[cfg(test)]
mod tests;
