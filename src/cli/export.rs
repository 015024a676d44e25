//! `khoa export FORMAT`: the export formats as a clap subcommand enum, and what each does once
//! parsed (SCORM compiles like `pack --course` and zips; GIFT writes the course's questions).

use super::commands::{compile_without_errors, print_diagnostics, usage_error};
use super::{EXIT_CONTENT, EXIT_OK};
use crate::compile::CompileOptions;
use crate::export::scorm::{self, ScormVersion};
use crate::publish::PublishOptions;
use crate::report::{self, Format};
use clap::Subcommand;
use std::path::{Path, PathBuf};

#[derive(Subcommand, Debug)]
pub(super) enum ExportFormat {
    /// One course as a SCORM package (one SCO launching at the course page) that an LMS imports:
    /// OUT/<course>-scorm12.zip or -scorm2004.zip, written whole or not at all.
    Scorm {
        /// The project folder (holding khoa.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The id of the course to export.
        #[arg(long)]
        course: String,
        /// SCORM 1.2 (every LMS imports it) or 2004 (4th edition).
        #[arg(long, value_enum, default_value_t = Version::V1_2)]
        version: Version,
        /// The folder to write the zip into; relative paths are taken from the project folder.
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        /// How to print problems: `human` (with the source line) or `json` (one object per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// A course's questions as DIR/<course-id>.gift for Moodle's question bank (order questions
    /// and hints have no GIFT form: each is a warning). Written whole or not at all.
    Gift {
        /// The project folder (holding khoa.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The id of the course to export.
        #[arg(long)]
        course: String,
        /// The folder to write into; relative paths are taken from the project folder.
        #[arg(long, default_value = "dist")]
        out: PathBuf,
    },
}

/// The SCORM versions `--version` accepts.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(super) enum Version {
    #[value(name = "1.2")]
    V1_2,
    #[value(name = "2004")]
    V2004,
}

/// Runs `khoa export FORMAT …` and returns the exit code.
pub(super) fn run(format: ExportFormat) -> i32 {
    match format {
        ExportFormat::Scorm {
            root,
            course,
            version,
            out,
            format,
        } => {
            let version = match version {
                Version::V1_2 => ScormVersion::V12,
                Version::V2004 => ScormVersion::V2004,
            };
            export_scorm(&root, &course, version, &root.join(out), format)
        }
        ExportFormat::Gift { root, course, out } => {
            export_gift(crate::export::gift::GiftOptions { root, course, out })
        }
    }
}

fn export_scorm(
    root: &Path,
    course_id: &str,
    version: ScormVersion,
    out_dir: &Path,
    format: Format,
) -> i32 {
    let options = CompileOptions {
        root: root.to_path_buf(),
        include_drafts: false,
        publish: PublishOptions::default(),
        only_course: Some(course_id.to_string()),
        default_language_only: true,
        // A one-off export neither reads nor fills the build cache.
        cache: std::sync::Arc::new(crate::cache::BuildCache::disabled()),
    };
    let compiled = match compile_without_errors(&options, format, "Export") {
        Ok(compiled) => compiled,
        Err(code) => return code,
    };
    let Some(course) = compiled.site.courses.iter().find(|c| c.id == course_id) else {
        return usage_error(&format!("no course has the id `{course_id}`"));
    };
    let outline = crate::render::outline::data_script(course, &compiled.rendered.pages);
    let outputs = compiled.rendered.outputs;
    let package = match scorm::package(outputs, course, outline, version) {
        Ok(package) => package,
        Err(message) => return usage_error(&message),
    };
    if let Err(e) = std::fs::create_dir_all(out_dir) {
        return usage_error(&format!("cannot create `{}`: {e}", out_dir.display()));
    }
    let out = out_dir.join(version.zip_name(course_id));
    if let Err(e) = crate::pack::write_zip(&package, &out) {
        return usage_error(&e.to_string());
    }
    let size = std::fs::metadata(&out).map_or(0, |m| m.len());
    eprintln!(
        "Exported {} as a SCORM package of {} files into {} ({:.1} MB)",
        course.title,
        package.len(),
        out.display(),
        size as f64 / 1e6
    );
    EXIT_OK
}

/// `khoa export gift`: the course's questions as GIFT; warnings name what was left out.
fn export_gift(options: crate::export::gift::GiftOptions) -> i32 {
    use crate::export::gift::{ExportError, export_gift};
    let root = options.root.clone();
    match export_gift(&options) {
        Ok(outcome) => {
            let mut shown = outcome.project;
            shown.extend(outcome.gift.warnings.iter().cloned());
            print_diagnostics(&shown, &root, Format::Human);
            eprintln!(
                "Exported {} to {} ({} about what GIFT cannot hold)",
                report::count(outcome.gift.questions, "GIFT question"),
                outcome.file.display(),
                report::count(outcome.gift.warnings.len(), "warning")
            );
            EXIT_OK
        }
        Err(ExportError::Usage(message)) => usage_error(&message),
        Err(ExportError::Content(diagnostics)) => {
            print_diagnostics(&diagnostics, &root, Format::Human);
            eprintln!("{}", report::summary(&diagnostics, 0));
            eprintln!("Export failed; nothing was written.");
            EXIT_CONTENT
        }
    }
}
