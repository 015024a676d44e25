//! `khoa serve`: compile in memory, watch the project, and serve the last good build over HTTP
//! with live reload. It never writes to disk (`public/` is untouched).
//!
//! Steps: start the watcher first (so an edit made during the first build is not lost), build,
//! bind and print the URL, then run one build worker thread (wait for a debounced burst of
//! changes, rebuild from the previous build kept in memory (`compile::Reuse`), publish) beside the HTTP server (tokio, in `http`). A failed build keeps
//! the last good outputs and shows its errors in the terminal and on every page. Since nothing is
//! on disk, Ctrl-C (the default SIGINT action) stops it with nothing left behind.

mod http;
mod path;
mod preview;
mod reload;
mod watch;

use crate::cache::{BuildCache, CacheSettings};
use crate::compile::{self, CompileError, CompileOptions, Compiled, Reuse};
use crate::diagnostic::Diagnostic;
use crate::publish::PublishOptions;
use crate::render::Early;
use preview::Preview;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `khoa serve` was asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The project folder (holding `khoa.yaml`).
    pub root: PathBuf,
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the preview in the default browser.
    pub open: bool,
    /// Poll for changes instead of using the native watcher.
    pub poll: bool,
    /// The persistent build cache, saved after every good build.
    pub cache: CacheSettings,
}

/// Runs the preview server until the process is stopped. `Err` is a usage or I/O problem.
pub fn serve(options: &ServeOptions) -> Result<(), String> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| format!("cannot open `{}`: {e}", options.root.display()))?;
    let (changes, _) = watch::spawn(root.clone(), options.poll)?;
    let cache = Arc::new(BuildCache::open(&options.cache));
    let preview = Arc::new(Preview::new());
    let mut reuse = Reuse::new();
    // The watcher started before the first build: it sees every change after that build's reads.
    reuse.watched();
    let early = preview.clone();
    reuse.when_pages_ready(Box::new(move |early_pages| match early_pages {
        Early::Pages(pages) => early.publish_early(pages),
        Early::Withdrawn => early.withdraw_early(),
    }));
    let mut builder = Builder {
        options: CompileOptions {
            root,
            include_drafts: true,
            publish: PublishOptions::default(),
            only_course: None,
            default_language_only: false,
            cache: cache.clone(),
        },
        preview,
        reuse,
        cache_saved: false,
    };
    if let Err(CompileError::Project(message)) = builder.build("Built") {
        return Err(message);
    }
    let listener = TcpListener::bind((options.host.as_str(), options.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.host, options.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let url = announce(address);
    if options.open {
        open_browser(&url);
    }
    let preview = builder.preview.clone();
    std::thread::Builder::new()
        .name("khoa-build".into())
        .spawn(move || {
            loop {
                let changed = changes.wait();
                builder.reuse.files_changed(&builder.options.root, changed);
                let _ = builder.build("Rebuilt");
            }
        })
        .map_err(|e| format!("cannot start the build worker: {e}"))?;
    http::serve_forever(listener, preview, &options.host, http::Limits::default())
}

/// Prints the URL (and a warning when the preview is reachable from other machines); returns it.
fn announce(address: SocketAddr) -> String {
    let host = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let url = format!("http://{}/", SocketAddr::new(host, address.port()));
    if !address.ip().is_loopback() {
        eprintln!(
            "warning: listening on {address}: this preview, including drafts and quiz answers, \
is reachable from the network."
        );
    }
    println!("Serving the preview at {url} (Ctrl-C to stop)");
    url
}

/// Compiles the project and publishes the result; the one build worker and the first build use it.
struct Builder {
    options: CompileOptions,
    preview: Arc<Preview>,
    /// The previous build, kept so that a rebuild re-reads, re-renders and re-hashes only what
    /// changed (and highlighted code survives every rebuild).
    reuse: Reuse,
    /// Whether the build cache was saved. Only the first good build saves it: a later one finds
    /// most pages in `reuse` and uses few cache entries, and saving would prune the others.
    cache_saved: bool,
}

impl Builder {
    /// One full build, published to the preview and reported in the terminal. `verb` starts the
    /// success line ("Rebuilt in 12 ms …"), which tests count.
    fn build(&mut self, verb: &str) -> Result<(), CompileError> {
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            compile::compile_reusing(&self.options, Some(&mut self.reuse))
        }));
        if outcome.is_err() {
            self.reuse.forget(); // a panic may have left it half updated
        }
        let elapsed = || started.elapsed().as_millis();
        let errors = match outcome {
            Ok(Ok(compiled)) => match self.publish(compiled, started) {
                Ok(line) => {
                    println!("{verb} in {} ms {line}", elapsed());
                    return Ok(());
                }
                Err(errors) => errors,
            },
            Ok(Err(CompileError::Config(diagnostics))) => report(&diagnostics, &self.options.root),
            Ok(Err(CompileError::Project(message))) => {
                eprintln!("error: {message}");
                self.preview.publish_failed(vec![message.clone()]);
                return Err(CompileError::Project(message));
            }
            Err(_) => vec!["internal error: the build panicked (please report it)".to_string()],
        };
        eprintln!(
            "Build failed in {} ms with {} error(s); still serving the last good build.",
            elapsed(),
            errors.len()
        );
        self.preview.publish_failed(errors);
        Ok(())
    }

    /// Publishes a compiled site if it has no errors; returns where the time went, or the errors.
    fn publish(&mut self, compiled: Compiled, started: Instant) -> Result<String, Vec<String>> {
        let total = started.elapsed();
        let errors = report(&compiled.diagnostics, &self.options.root);
        if !errors.is_empty() {
            return Err(errors);
        }
        let t = compiled.rendered.timings;
        let phases = [
            compiled.load_time,
            t.markdown,
            t.templates,
            t.whole_course,
            t.search,
            t.assets,
        ];
        let rest = total.saturating_sub(phases.iter().sum());
        let early = self.preview.shown_early().map_or(String::new(), |at| {
            let shown = at.saturating_duration_since(started);
            format!("the edited page shown after {}; ", ms(shown))
        });
        let line = format!(
            "({early}{} files; load {}, markdown {}, templates {}, print pages {}, search {}, checks and assets {})",
            compiled.rendered.outputs.len(),
            ms(compiled.load_time),
            ms(t.markdown),
            ms(t.templates),
            ms(t.whole_course),
            ms(t.search),
            ms(rest + t.assets)
        );
        let base_url = compiled.site.config.base_url.clone();
        let outputs = compiled.rendered.outputs;
        self.preview.publish_good(outputs, compiled.names, base_url);
        if !self.cache_saved {
            self.cache_saved = true;
            if let Err(e) = self.options.cache.finish() {
                eprintln!("warning: cannot update the build cache: {e}");
            }
        }
        Ok(line)
    }
}

fn ms(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

/// Prints every diagnostic as `build` and `check` do (source line and caret) and returns each
/// error in that same form for the overlay.
fn report(diagnostics: &[Diagnostic], root: &Path) -> Vec<String> {
    eprint!("{}", crate::report::human(diagnostics, root));
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            crate::report::human(std::slice::from_ref(d), root)
                .trim_end()
                .to_string()
        })
        .collect()
}

/// Opens `url` in the default browser (with `opener`, on a thread of its own so a slow launcher
/// never delays serving); a failure is only a warning.
fn open_browser(url: &str) {
    let url = url.to_string();
    std::thread::spawn(move || {
        if let Err(e) = opener::open_browser(&url) {
            eprintln!("warning: cannot open a browser ({e}); open {url} yourself.");
        }
    });
}
