//! The command line: parses arguments with clap, runs a command, and maps the outcome to an exit code.
//!
//! Exit codes: 0 success, 1 problems in the content, 2 usage or I/O problems. The only user of
//! clap and clap_complete (`khoa completions SHELL`).

mod commands;

use crate::cache::CacheSettings;
use crate::report::Format;
use clap::{Args, CommandFactory, Parser, Subcommand};
use commands::{BuildArgs, build, check, import_mdbook, pack, usage_error};
use std::path::{Path, PathBuf};

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
        #[command(flatten)]
        cache: CacheArgs,
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
        #[command(flatten)]
        cache: CacheArgs,
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
        #[command(flatten)]
        cache: CacheArgs,
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
        #[command(flatten)]
        cache: CacheArgs,
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

/// Where the persistent build cache lives (flattened into build, check, pack and serve).
#[derive(Args, Debug)]
struct CacheArgs {
    /// Keep the build cache in this folder instead of .khoa-cache/ (relative paths are taken
    /// from the project folder).
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Neither read nor write the build cache.
    #[arg(long, conflicts_with = "cache_dir")]
    no_cache: bool,
}

impl CacheArgs {
    fn settings(&self, root: &Path) -> CacheSettings {
        CacheSettings::for_project(root, self.cache_dir.as_deref(), self.no_cache)
    }
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
            cache,
        } => build(BuildArgs {
            out: root.join(out),
            cache: cache.settings(&root),
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
            cache,
        } => check(&root, format, deny_warnings, drafts, &cache.settings(&root)),
        Command::Serve {
            root,
            port,
            host,
            open,
            poll,
            cache,
        } => match crate::serve::serve(&crate::serve::ServeOptions {
            cache: cache.settings(&root),
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
            cache,
        } => pack(&root, course, out, format, &cache.settings(&root)),
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
