//! `khoa export gift --course ID`: a course's questions as a GIFT file for Moodle's question bank.
//!
//! Flow: the project is compiled like `build` (any error: nothing is written) → [`collect`] reads
//! every quiz block of the course in its authored form → [`question`] writes each as GIFT
//! ([`text`] escapes it), one `$CATEGORY: <course>/<module>` per module → the file is written
//! whole or not at all. What has no GIFT form (order questions, hints) is a located warning.

mod collect;
mod question;
mod text;

use crate::compile::{self, CompileError, CompileOptions};
use crate::diagnostic::{self, Diagnostic};
use crate::model::{Course, Site};
use question::Exported;
use std::path::{Path, PathBuf};

/// What to export.
pub struct GiftOptions {
    /// The project folder.
    pub root: PathBuf,
    pub course: String,
    /// The folder to write `<course>.gift` into (relative to the project folder).
    pub out: PathBuf,
}

/// A course as GIFT.
#[derive(Debug)]
pub struct Gift {
    pub text: String,
    /// GIFT questions written (a stem with several gaps counts one per gap).
    pub questions: usize,
    /// What was left out, at its `path:line`.
    pub warnings: Vec<Diagnostic>,
}

/// What an export did.
pub struct GiftOutcome {
    pub gift: Gift,
    pub file: PathBuf,
    /// Problems of the project (warnings only; errors stop the export).
    pub project: Vec<Diagnostic>,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum ExportError {
    /// Not a project, no such course, or an I/O problem (exit code 2).
    Usage(String),
    /// The project has errors (exit code 1); every problem found.
    Content(Vec<Diagnostic>),
}

/// Compiles the project and writes the course's GIFT file.
pub fn export_gift(options: &GiftOptions) -> Result<GiftOutcome, ExportError> {
    let compiled = compile::compile(&CompileOptions {
        root: options.root.clone(),
        include_drafts: false,
        publish: Default::default(),
        only_course: None,
        default_language_only: false,
        // A one-off export neither reads nor fills the build cache.
        cache: std::sync::Arc::new(crate::cache::BuildCache::disabled()),
    })
    .map_err(|e| match e {
        CompileError::Project(message) => ExportError::Usage(message),
        CompileError::Config(problems) => ExportError::Content(problems),
    })?;
    if diagnostic::error_count(&compiled.diagnostics) > 0 {
        return Err(ExportError::Content(compiled.diagnostics));
    }
    let site = &compiled.site;
    let Some(course) = site.courses.iter().find(|c| c.id == options.course) else {
        let ids: Vec<&str> = site.courses.iter().map(|c| c.id.as_str()).collect();
        return Err(ExportError::Usage(format!(
            "no course has the id `{}` (courses: {})",
            options.course,
            ids.join(", ")
        )));
    };
    let gift = course_gift(site, course);
    if gift.questions == 0 {
        let left_out = gift.warnings.iter().map(|d| d.to_string());
        let left_out: Vec<String> = left_out.collect();
        return Err(ExportError::Usage(format!(
            "course `{}` has no question GIFT can hold; nothing was written{}",
            course.id,
            left_out
                .iter()
                .map(|w| format!("\n  {w}"))
                .collect::<String>()
        )));
    }
    let dir = options.root.join(&options.out);
    let file = dir.join(format!("{}.gift", course.id));
    write_whole(&dir, &file, &gift.text).map_err(ExportError::Usage)?;
    Ok(GiftOutcome {
        gift,
        file,
        project: compiled.diagnostics,
    })
}

fn write_whole(dir: &Path, file: &Path, text: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    crate::write::write_file_atomically(file, |f| std::io::Write::write_all(f, text.as_bytes()))
        .map_err(|e| e.to_string())
}

/// The GIFT text of `course`: one category per module that has questions.
pub fn course_gift(site: &Site, course: &Course) -> Gift {
    let mut text = format!(
        "// {} ({}): exported by khoa for Moodle's question bank.\n\n",
        one_line(&course.title),
        course.id
    );
    let mut questions = 0;
    let mut warnings = Vec::new();
    for (module, lessons) in course
        .modules
        .iter()
        .zip(collect::course_quizzes(site, course))
    {
        let mut category = String::new();
        for found in &lessons {
            let path = &found.lesson.source.path;
            for quiz in &found.quizzes {
                if !quiz.hints.is_empty() {
                    let message = format!(
                        "the hints of question `{}` have no GIFT form; they are left out",
                        quiz.id
                    );
                    warnings.push(Diagnostic::warning(path, quiz.line, 1, message));
                }
                match question::export(quiz) {
                    Exported::Questions(list) => {
                        questions += list.len();
                        for q in list {
                            category.push_str(&q);
                            category.push_str("\n\n");
                        }
                    }
                    Exported::LeftOut(why) => {
                        let message =
                            format!("question `{}` is left out of the GIFT file: {why}", quiz.id);
                        warnings.push(Diagnostic::warning(path, quiz.line, 1, message));
                    }
                }
            }
        }
        if !category.is_empty() {
            let mut path = text::category_segment(&course.title);
            if let Some(title) = &module.title {
                path = format!("{path}/{}", text::category_segment(title));
            }
            text.push_str(&format!("$CATEGORY: {path}\n\n{category}"));
        }
    }
    Gift {
        text,
        questions,
        warnings,
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
