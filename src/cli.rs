//! The command line: parses arguments with clap, runs a command, and maps the outcome to an exit code.
//!
//! Exit codes: 0 success, 1 problems in the content, 2 usage or I/O problems. The only user of
//! clap and clap_complete (`khoa completions SHELL`).

use crate::compile::{self, CompileError, CompileOptions, Compiled};
use crate::diagnostic::{self, Diagnostic};
use crate::publish::PublishOptions;
use crate::report::{self, Format};
use crate::write;
use clap::{CommandFactory, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Exit code: everything went well.
pub const EXIT_OK: i32 = 0;
/// Exit code: the content has errors.
pub const EXIT_CONTENT: i32 = 1;
/// Exit code: bad usage or an I/O problem.
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "khoa",
    version,
    about = "Turns a folder of Markdown courses into a fast, portable static course website."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site from content/ into public/ (atomically: a failed build changes nothing).
    Build {
        /// The project folder (holding khoa.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder; relative paths are taken from the project folder.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Replace the output folder even if khoa did not create it; never the project or a folder
        /// above it, content/, themes/, home, the root, or a folder with a khoa.yaml or a .git of
        /// its own.
        #[arg(long)]
        force: bool,
        /// Also publish pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print where the build spent its time.
        #[arg(long)]
        timings: bool,
        /// Also write `.gz` and `.br` copies of text files over 1 KB, for hosts that serve them.
        #[arg(long)]
        precompress: bool,
        /// How to print problems: `human` (with the source line) or `json` (one object per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Check every course and report all problems at once; writes nothing.
    Check {
        /// The project folder (holding khoa.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems: `human` (with the source line) or `json` (one object per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Also check pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Preview the site with live reload: builds in memory (drafts included), never writes public/.
    Serve {
        /// The project folder (holding khoa.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but loopback exposes drafts and quiz answers.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of using the native file watcher.
        #[arg(long)]
        poll: bool,
    },
    /// Bring a course written for another tool into a new khoa project.
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
    /// Pack the site (or one course, with the home page and shared files) into one zip file that
    /// opens from file:// once unzipped. Written whole or not at all.
    Pack {
        /// The project folder (holding khoa.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Pack only the course with this id.
        #[arg(long)]
        course: Option<String>,
        /// The zip to write (default: <site_id>.zip, or <site_id>-<course>.zip, in the project
        /// folder); relative paths are taken from the project folder.
        #[arg(long)]
        out: Option<PathBuf>,
        /// How to print problems: `human` (with the source line) or `json` (one object per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Create a new project in DIR that builds at once.
    Init {
        /// Folder to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// Print a completion script for your shell (bash, zsh, fish or powershell) to stdout.
    Completions {
        /// The shell to complete khoa's commands and options in.
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// Shells `khoa completions` writes a script for.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Subcommand, Debug)]
enum ImportFrom {
    /// An mdBook (book.toml, SUMMARY.md, mdbook-quiz quizzes) → a new project in DEST.
    Mdbook {
        /// The book's folder (holding book.toml).
        src: PathBuf,
        /// The new project's folder (must not exist or be empty).
        dest: PathBuf,
    },
}

/// Runs khoa with the process arguments and returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Build {
            root,
            out,
            force,
            drafts,
            timings,
            precompress,
            format,
        } => build(BuildArgs {
            out: root.join(out),
            root,
            force,
            drafts,
            timings,
            precompress,
            format,
        }),
        Command::Check {
            root,
            format,
            deny_warnings,
            drafts,
        } => check(&root, format, deny_warnings, drafts),
        Command::Serve {
            root,
            port,
            host,
            open,
            poll,
        } => match crate::serve::serve(&crate::serve::ServeOptions {
            root,
            host,
            port,
            open,
            poll,
        }) {
            Ok(()) => EXIT_OK,
            Err(e) => usage_error(&e),
        },
        Command::Import {
            from: ImportFrom::Mdbook { src, dest },
        } => import_mdbook(&src, &dest),
        Command::Pack {
            root,
            course,
            out,
            format,
        } => pack(&root, course, out, format),
        Command::Init { dir } => match crate::init::init(&dir) {
            Ok(()) => {
                println!("{}", next_steps(&dir));
                EXIT_OK
            }
            Err(e) => usage_error(&e),
        },
        Command::Completions { shell } => {
            completions(shell);
            EXIT_OK
        }
    }
}

/// What `khoa init` prints: the same steps as the README's "Getting khoa".
fn next_steps(dir: &Path) -> String {
    let dir = dir.display();
    format!(
        "Created a khoa project in {dir}. Next steps:\n  cd {dir}\n  khoa serve --open    preview with live reload while you write\n  khoa check           report every problem as path:line:col\n  khoa build           write the site into public/\n(No `khoa` command? From khoa's source folder run `cargo install --path .`, or use `cargo run --release --` instead of `khoa`.)"
    )
}

/// Writes the completion script for `shell` to stdout.
fn completions(shell: Shell) {
    use clap_complete::Shell as Target;
    let target = match shell {
        Shell::Bash => Target::Bash,
        Shell::Zsh => Target::Zsh,
        Shell::Fish => Target::Fish,
        Shell::Powershell => Target::PowerShell,
    };
    clap_complete::generate(target, &mut Cli::command(), "khoa", &mut std::io::stdout());
}

struct BuildArgs {
    root: PathBuf,
    out: PathBuf,
    force: bool,
    drafts: bool,
    timings: bool,
    precompress: bool,
    format: Format,
}

fn build(args: BuildArgs) -> i32 {
    let started = Instant::now();
    let compiled = match compile::compile(&CompileOptions {
        root: args.root.clone(),
        include_drafts: args.drafts,
        publish: PublishOptions {
            precompress: args.precompress,
        },
        only_course: None,
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
    if let Err(e) = write::write(
        &compiled.rendered.outputs,
        &args.out,
        &args.root,
        args.force,
    ) {
        return usage_error(&e.to_string());
    }
    let write_time = write_started.elapsed();
    eprintln!(
        "Built {}, {}, {} into {} in {:.2?}",
        report::count(compiled.site.courses.len(), "course"),
        report::count(compiled.site.lessons().count(), "lesson"),
        report::count(compiled.rendered.outputs.len(), "file"),
        args.out.display(),
        started.elapsed()
    );
    if args.timings {
        print_timings(&compiled, write_time);
    }
    EXIT_OK
}

fn print_timings(compiled: &Compiled, write: std::time::Duration) {
    let t = compiled.rendered.timings;
    eprintln!("  load       {:>9.1?}", compiled.load_time);
    eprintln!(
        "  markdown   {:>9.1?}  (highlighting: {:.1?} CPU over all threads)",
        t.markdown, t.highlight_cpu
    );
    eprintln!("  templates  {:>9.1?}", t.templates);
    eprintln!("  search     {:>9.1?}", t.search);
    eprintln!("  assets     {:>9.1?}", t.assets);
    eprintln!("  write      {:>9.1?}", write);
}

/// `khoa pack`: compiles like `build` (drafts left out), then zips the outputs.
fn pack(root: &Path, course: Option<String>, out: Option<PathBuf>, format: Format) -> i32 {
    let compiled = match compile::compile(&CompileOptions {
        root: root.to_path_buf(),
        include_drafts: false,
        publish: PublishOptions::default(),
        only_course: course.clone(),
    }) {
        Ok(compiled) => compiled,
        Err(e) => return compile_error(e, root, format),
    };
    print_diagnostics(&compiled.diagnostics, root, format);
    if diagnostic::error_count(&compiled.diagnostics) > 0 {
        let lessons = compiled.site.lessons().count();
        eprintln!("{}", report::summary(&compiled.diagnostics, lessons));
        eprintln!("Pack failed; nothing was written.");
        return EXIT_CONTENT;
    }
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
fn check(root: &Path, format: Format, deny_warnings: bool, drafts: bool) -> i32 {
    let compiled = match compile::compile(&CompileOptions {
        root: root.to_path_buf(),
        include_drafts: drafts,
        publish: PublishOptions::default(),
        only_course: None,
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
    let warnings = diagnostics.len() - errors;
    if errors > 0 || (deny_warnings && warnings > 0) {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}

/// Prints diagnostics: for people on stderr, as JSON lines on stdout.
fn print_diagnostics(diagnostics: &[Diagnostic], root: &Path, format: Format) {
    match format {
        Format::Human => eprint!("{}", report::human(diagnostics, root)),
        Format::Json => print!("{}", report::json(diagnostics)),
    }
}

fn compile_error(error: CompileError, root: &Path, format: Format) -> i32 {
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
fn import_mdbook(src: &Path, dest: &Path) -> i32 {
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

fn usage_error(message: &str) -> i32 {
    eprintln!("error: {message}");
    EXIT_USAGE
}
