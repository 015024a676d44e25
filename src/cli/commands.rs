//! What each command does once its arguments are parsed: build, check, pack and import, and how
//! their problems are printed and mapped to exit codes.

use super::{EXIT_CONTENT, EXIT_OK, EXIT_USAGE};
use crate::cache::{BuildCache, CacheSettings};
use crate::compile::{self, CompileError, CompileOptions, Compiled};
use crate::diagnostic::{self, Diagnostic};
use crate::output::Outputs;
use crate::publish::PublishOptions;
use crate::report::{self, Format};
use crate::{up_to_date, write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

pub(super) struct BuildArgs {
    pub(super) root: PathBuf,
    pub(super) out: PathBuf,
    pub(super) force: bool,
    pub(super) drafts: bool,
    pub(super) timings: bool,
    pub(super) precompress: bool,
    pub(super) format: Format,
    pub(super) cache: CacheSettings,
}

pub(super) fn build(args: BuildArgs) -> i32 {
    let started = Instant::now();
    let cache = Arc::new(BuildCache::open(&args.cache));
    let request = up_to_date::Request {
        root: &args.root,
        out: &args.out,
        drafts: args.drafts,
        precompress: args.precompress,
    };
    let inputs = up_to_date::Inputs::scan(&request, &cache);
    if let Some(code) = inputs
        .as_ref()
        .and_then(|i| nothing_to_do(i, &cache, &args, started))
    {
        return code;
    }
    let mut compiled = match compile::compile(&CompileOptions {
        root: args.root.clone(),
        include_drafts: args.drafts,
        publish: PublishOptions {
            precompress: args.precompress,
        },
        only_course: None,
        default_language_only: false,
        cache: cache.clone(),
    }) {
        Ok(compiled) => compiled,
        Err(e) => return compile_error(e, &args.root, args.format),
    };
    print_diagnostics(&compiled.diagnostics, &args.root, args.format);
    if !compiled.diagnostics.is_empty() {
        let lessons = compiled.site.lessons().count();
        eprintln!("{}", report::summary(&compiled.diagnostics, lessons));
    }
    if diagnostic::error_count(&compiled.diagnostics) > 0 {
        eprintln!("Build failed; nothing was written.");
        return EXIT_CONTENT;
    }
    let write_started = Instant::now();
    let target = match write::Target::accept(&args.out, &args.root, args.force) {
        Ok(target) => target,
        Err(e) => return usage_error(&e.to_string()),
    };
    // Saving the cache and writing the site are both mostly waiting on the file system: they run
    // at once. The stamp, which records the folder as written, is saved after it.
    let (written, saved) = std::thread::scope(|scope| {
        let saving = scope.spawn(|| cache.finish_but(&[&up_to_date::NAMESPACE]));
        let written = write_outputs(
            &compiled.rendered.outputs,
            &target,
            &args,
            inputs.as_ref(),
            &cache,
        );
        (written, saving.join())
    });
    let written = match written {
        Ok(written) => written,
        Err(e) => return usage_error(&e.to_string()),
    };
    let made = up_to_date::Made {
        courses: compiled.site.courses.len(),
        lessons: compiled.site.lessons().count(),
        files: compiled.rendered.outputs.len(),
        warnings: std::mem::take(&mut compiled.diagnostics),
    };
    let write_time = write_started.elapsed();
    let cache_started = Instant::now();
    if let Some(inputs) = inputs {
        inputs.record(&cache, &args.out, &made, written);
    }
    match saved {
        Ok(Ok(later)) => warn_cache(later.finish()),
        Ok(Err(e)) => warn_cache(Err(e)),
        Err(panic) => std::panic::resume_unwind(panic),
    }
    let cache_time = cache_started.elapsed();
    eprintln!(
        "Built {}, {}, {} into {} in {:.2?}",
        report::count(made.courses, "course"),
        report::count(made.lessons, "lesson"),
        report::count(made.files, "file"),
        args.out.display(),
        started.elapsed()
    );
    if args.timings {
        print_timings(&compiled, write_time);
        eprintln!(
            "  cache      {cache_time:>9.1?}  (the stamp saved; the rest of the cache while writing)"
        );
    }
    // The process ends here: freeing every page and output one by one would only delay the exit
    // (some milliseconds for 1,000 lessons, spent after the site is written).
    std::mem::forget(compiled);
    EXIT_OK
}

/// Writes `outputs` into `target`; with `inputs` (the cache is on), returns each file written
/// with its content key, for the stamp, having linked from the old folder each file the last
/// stamp says it already holds.
fn write_outputs(
    outputs: &Outputs,
    target: &write::Target,
    args: &BuildArgs,
    inputs: Option<&up_to_date::Inputs>,
    cache: &BuildCache,
) -> Result<Vec<(String, u128)>, write::WriteError> {
    let Some(inputs) = inputs else {
        target.write(outputs, None)?;
        return Ok(Vec::new());
    };
    // Hashing the new files and listing the old folder use different resources: at once.
    let (keys, before) = rayon::join(
        || write::content_keys(outputs),
        || inputs.held(cache, &args.out),
    );
    let held = before
        .as_ref()
        .map(|before| write::Held { before, now: &keys });
    target.write(outputs, held)?;
    Ok(outputs
        .iter()
        .map(|(path, _)| path.to_string())
        .zip(keys)
        .collect())
}

/// The exit code when nothing changed since the last good build into `args.out`: says so, with
/// that build's warnings, once it has removed what killed builds left beside the folder (as
/// writing would have; a full build leaves that to `write`).
fn nothing_to_do(
    inputs: &up_to_date::Inputs,
    cache: &BuildCache,
    args: &BuildArgs,
    started: Instant,
) -> Option<i32> {
    let made = inputs.unchanged(cache, &args.out)?;
    if let Err(e) = write::clean_debris(&args.out) {
        return Some(usage_error(&e.to_string()));
    }
    print_diagnostics(&made.warnings, &args.root, args.format);
    if !made.warnings.is_empty() {
        eprintln!("{}", report::summary(&made.warnings, made.lessons));
    }
    eprintln!(
        "Nothing changed since the last build: {} holds {}, {}, {} ({:.2?})",
        args.out.display(),
        report::count(made.courses, "course"),
        report::count(made.lessons, "lesson"),
        report::count(made.files, "file"),
        started.elapsed()
    );
    Some(EXIT_OK)
}

pub(super) fn print_timings(compiled: &Compiled, write: std::time::Duration) {
    let t = compiled.rendered.timings;
    eprintln!("  load       {:>9.1?}", compiled.load_time);
    let site = &compiled.site;
    let pages = site.lessons().count() + site.courses.len();
    eprintln!(
        "  markdown   {:>9.1?}  (highlighting: {:.1?} CPU over all threads; {} of {pages} pages from the build cache)",
        t.markdown, t.highlight_cpu, t.pages_from_cache
    );
    eprintln!("  templates  {:>9.1?}", t.templates);
    eprintln!(
        "  print      {:>9.1?}  (print and review pages)",
        t.whole_course
    );
    eprintln!("  search     {:>9.1?}", t.search);
    eprintln!("  assets     {:>9.1?}", t.assets);
    eprintln!("  checks     {:>9.1?}", compiled.checks_time);
    eprintln!(
        "  publish    {:>9.1?}  (hashed names, offline lists, headers)",
        compiled.publish_time
    );
    eprintln!("  write      {:>9.1?}", write);
}

/// Saves what a good build put in the cache and prunes the rest; a failure costs only speed, so
/// it is a warning.
fn finish_cache(cache: &BuildCache) {
    warn_cache(cache.finish());
}

fn warn_cache(saved: std::io::Result<()>) {
    if let Err(e) = saved {
        eprintln!("warning: cannot update the build cache: {e}");
    }
}

/// `khoa pack`: compiles like `build` (drafts left out), then zips the outputs.
pub(super) fn pack(
    root: &Path,
    course: Option<String>,
    out: Option<PathBuf>,
    format: Format,
    cache: &CacheSettings,
) -> i32 {
    let cache = Arc::new(BuildCache::open(cache));
    let options = CompileOptions {
        root: root.to_path_buf(),
        include_drafts: false,
        publish: PublishOptions::default(),
        only_course: course.clone(),
        default_language_only: false,
        cache: cache.clone(),
    };
    let compiled = match compile_without_errors(&options, format, "Pack") {
        Ok(compiled) => compiled,
        Err(code) => return code,
    };
    let site_id = &compiled.site.config.site_id;
    let name = match &course {
        Some(id) => format!("{site_id}-{id}.zip"),
        None => format!("{site_id}.zip"),
    };
    let out = root.join(out.unwrap_or_else(|| PathBuf::from(name)));
    let outputs = &compiled.rendered.outputs;
    if let Err(e) = crate::pack::write_zip(outputs, &out) {
        return usage_error(&e.to_string());
    }
    finish_cache(&cache);
    let size = std::fs::metadata(&out).map_or(0, |m| m.len());
    eprintln!(
        "Packed {} files ({:.1} MB unpacked) into {} ({:.1} MB)",
        outputs.len(),
        outputs.total_bytes() as f64 / 1e6,
        out.display(),
        size as f64 / 1e6
    );
    EXIT_OK
}

/// `khoa check`: compiles in memory, reports every problem, writes nothing.
pub(super) fn check(
    root: &Path,
    format: Format,
    deny_warnings: bool,
    drafts: bool,
    cache: &CacheSettings,
) -> i32 {
    let cache = Arc::new(BuildCache::open(cache));
    let compiled = match compile::compile(&CompileOptions {
        root: root.to_path_buf(),
        include_drafts: drafts,
        publish: PublishOptions::default(),
        only_course: None,
        default_language_only: false,
        cache: cache.clone(),
    }) {
        Ok(compiled) => compiled,
        Err(e) => return compile_error(e, root, format),
    };
    let diagnostics = &compiled.diagnostics;
    print_diagnostics(diagnostics, root, format);
    eprintln!(
        "{}",
        report::summary(diagnostics, compiled.site.lessons().count())
    );
    let errors = diagnostic::error_count(diagnostics);
    if errors == 0 {
        finish_cache(&cache);
    }
    let warnings = diagnostics.len() - errors;
    if errors > 0 || (deny_warnings && warnings > 0) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}

/// Prints diagnostics: for people on stderr, as JSON lines on stdout.
/// Compiles for a command that writes nothing unless the site has no error (`pack`, `export`):
/// prints the diagnostics and, on an error, "`{command}` failed; nothing was written."; the `Err`
/// is the exit code.
pub(super) fn compile_without_errors(
    options: &CompileOptions,
    format: Format,
    command: &str,
) -> Result<Compiled, i32> {
    let root = &options.root;
    let compiled = compile::compile(options).map_err(|e| compile_error(e, root, format))?;
    print_diagnostics(&compiled.diagnostics, root, format);
    if diagnostic::error_count(&compiled.diagnostics) > 0 {
        let lessons = compiled.site.lessons().count();
        eprintln!("{}", report::summary(&compiled.diagnostics, lessons));
        eprintln!("{command} failed; nothing was written.");
        return Err(EXIT_CONTENT);
    }
    Ok(compiled)
}

pub(super) fn print_diagnostics(diagnostics: &[Diagnostic], root: &Path, format: Format) {
    match format {
        Format::Human => eprint!("{}", report::human(diagnostics, root)),
        Format::Json => print!("{}", report::json(diagnostics)),
    }
}

pub(super) fn compile_error(error: CompileError, root: &Path, format: Format) -> i32 {
    match error {
        CompileError::Project(message) => usage_error(&message),
        CompileError::Config(diagnostics) => {
            print_diagnostics(&diagnostics, root, format);
            eprintln!("{}", report::summary(&diagnostics, 0));
            EXIT_CONTENT
        }
    }
}

/// `khoa import mdbook SRC DEST`: prints the import summary; exit 1 if the book or the new
/// project has errors.
pub(super) fn import_mdbook(src: &Path, dest: &Path) -> i32 {
    match crate::import::import_mdbook(src, dest) {
        Ok(outcome) => {
            let errors: Vec<Diagnostic> = outcome
                .check
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            eprint!("{}", report::human(&errors, dest));
            print!("{}", outcome.summary(&dest.display().to_string()));
            if outcome.check_errors > 0 {
                EXIT_CONTENT
            } else {
                println!("Next: khoa serve --root {}", dest.display());
                EXIT_OK
            }
        }
        Err(crate::import::ImportError::Usage(message)) => usage_error(&message),
        Err(crate::import::ImportError::Book(diagnostics)) => {
            eprint!("{}", report::human(&diagnostics, src));
            let count = diagnostics.len();
            let noun = if count == 1 { "problem" } else { "problems" };
            eprintln!("{count} {noun} in the book; nothing was written.");
            EXIT_CONTENT
        }
    }
}

pub(super) fn usage_error(message: &str) -> i32 {
    eprintln!("error: {message}");
    EXIT_USAGE
}

/// `khoa import gift FILE --into DIR`: prints what khoa could not hold, at `FILE:line`.
pub(super) fn import_gift(file: &Path, into: &Path) -> i32 {
    match crate::import::gift::import_gift(file, into) {
        Ok(outcome) => {
            eprint!("{}", report::human(&outcome.notes, Path::new("")));
            println!(
                "Imported {} in {} into {} ({} about what khoa cannot hold)",
                report::count(outcome.questions, "question"),
                report::count(outcome.lessons, "lesson"),
                into.display(),
                report::count(outcome.notes.len(), "warning")
            );
            EXIT_OK
        }
        Err(crate::import::ImportError::Usage(message)) => usage_error(&message),
        Err(crate::import::ImportError::Book(diagnostics)) => {
            eprint!("{}", report::human(&diagnostics, Path::new("")));
            let count = diagnostics.len();
            let noun = if count == 1 { "problem" } else { "problems" };
            eprintln!("{count} {noun} in the GIFT file; nothing was written.");
            EXIT_CONTENT
        }
    }
}
