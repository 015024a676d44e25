//! Syntax highlighting at build time: the one place that knows syntect.
//!
//! Code is emitted with a handful of short token classes (`k` keyword, `s` string, `c` comment,
//! `n` number/constant, `f` function, `t` type, `a` attribute/tag, `v` variable) instead of
//! syntect's long scope names, so the CSS stays tiny and a theme can restyle it. Results are cached
//! by (language, code) for the duration of one build, and between builds in the persistent build
//! cache (namespace [`CACHE`], keyed by the language, the code and the class table).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

use crate::cache::{BuildCache, CacheKey, Namespace};
use crate::escape::{html as escape, html_into as escape_into};

/// Highlighted blocks in the build cache. Bump the version when the syntax set (syntect's version
/// or its syntaxes) or the markup written for a token changes.
pub const CACHE: Namespace = Namespace {
    name: "highlight",
    version: "syntect-5.3.0-default-newlines/1",
};

/// Scope prefixes and the token class they get, most specific first.
const CLASSES: &[(&str, &str)] = &[
    ("comment", "c"),
    ("string", "s"),
    ("constant.numeric", "n"),
    ("constant.language", "n"),
    ("constant.character", "s"),
    ("constant.other", "n"),
    ("keyword.operator", ""),
    ("keyword", "k"),
    ("storage", "k"),
    ("entity.name.function", "f"),
    ("support.function", "f"),
    ("variable.function", "f"),
    ("entity.name.type", "t"),
    ("entity.name.class", "t"),
    ("support.type", "t"),
    ("support.class", "t"),
    ("entity.name.tag", "k"),
    ("entity.other.attribute-name", "a"),
    ("variable.parameter", "v"),
    ("variable.other.member", ""),
    ("punctuation", ""),
];

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn class_table() -> &'static [(Scope, &'static str)] {
    static TABLE: OnceLock<Vec<(Scope, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        CLASSES
            .iter()
            .filter_map(|(name, class)| Some((Scope::new(name).ok()?, *class)))
            .collect()
    })
}

/// Highlights code blocks, caching results within one build and in the build cache. Safe to
/// share between threads.
pub struct Highlighter {
    cache: Mutex<HashMap<(String, String), String>>,
    persistent: Arc<BuildCache>,
    /// Nanoseconds spent highlighting, summed over threads (for `--timings`).
    nanos: AtomicU64,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::with_cache(Arc::new(BuildCache::disabled()))
    }
}

impl Highlighter {
    /// A highlighter without a persistent cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// A highlighter that reads and fills `persistent` (namespace [`CACHE`]).
    pub fn with_cache(persistent: Arc<BuildCache>) -> Self {
        Highlighter {
            cache: Mutex::default(),
            persistent,
            nanos: AtomicU64::new(0),
        }
    }

    /// Time spent highlighting so far, summed over threads.
    pub fn cpu_time(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }

    /// A complete `<pre>` block for `code` in `language` (plain escaped code if the language is unknown).
    pub fn block(&self, language: &str, code: &str) -> String {
        if self.persistent.is_enabled() {
            // The build cache keeps its shards in memory and counts what each build uses.
            return self.stored_or_render(language, code);
        }
        let key = (language.to_string(), code.to_string());
        if let Some(hit) = self
            .cache
            .lock()
            .map(|c| c.get(&key).cloned())
            .ok()
            .flatten()
        {
            return hit;
        }
        let html = self.stored_or_render(language, code);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, html.clone());
        }
        html
    }
}

thread_local! {
    /// The keys of the blocks highlighted on this thread while [`recording_used`] runs.
    static USED: std::cell::RefCell<Option<Vec<CacheKey>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `render` (one page's Markdown, on this thread) and returns, with its result, the build
/// cache keys of the blocks it highlighted. A page later taken whole from the pages cache hands
/// them to [`keep_used`], so that its blocks outlive builds that never highlight them (a build
/// that changes one lesson), ready for one that renders every page again (a lesson added).
pub fn recording_used<T>(render: impl FnOnce() -> T) -> (T, Vec<CacheKey>) {
    let outer = USED.replace(Some(Vec::new()));
    let result = render();
    let used = USED.replace(outer).unwrap_or_default();
    (result, used)
}

/// Marks the highlighted blocks of `keys` as used by this build, so the build cache keeps them.
pub fn keep_used(cache: &BuildCache, keys: &[CacheKey]) {
    for key in keys {
        cache.read(&CACHE, key, |_| Some(()));
    }
}

impl Highlighter {
    fn stored_or_render(&self, language: &str, code: &str) -> String {
        let key = CacheKey::of(&[language.as_bytes(), code.as_bytes(), class_table_text()]);
        USED.with_borrow_mut(|used| used.as_mut().map(|used| used.push(key)));
        let stored = self.persistent.get(&CACHE, &key);
        if let Some(html) = stored.and_then(|bytes| String::from_utf8(bytes).ok()) {
            return html;
        }
        let started = Instant::now();
        let html = render_block(language, code);
        self.nanos
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        self.persistent.put(&CACHE, &key, html.as_bytes());
        html
    }
}

/// The class table as text: part of every cache key, so that editing it invalidates the cache.
fn class_table_text() -> &'static [u8] {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| format!("{CLASSES:?}")).as_bytes()
}

fn find_syntax(language: &str) -> Option<&'static SyntaxReference> {
    let set = syntax_set();
    let token = match language.to_ascii_lowercase().as_str() {
        "" | "text" | "plain" | "txt" => return None,
        "sh" | "shell" | "console" | "zsh" => "bash".to_string(),
        "jsonc" | "json5" => "json".to_string(),
        "ts" | "typescript" => "js".to_string(),
        "yml" => "yaml".to_string(),
        "md" => "markdown".to_string(),
        other => other.to_string(),
    };
    set.find_syntax_by_token(&token)
}

fn render_block(language: &str, code: &str) -> String {
    let lang_attr = escape(&language.to_ascii_lowercase());
    let mut html = String::with_capacity(code.len() * 2 + 64);
    if lang_attr.is_empty() {
        html.push_str("<pre class=\"code\"><code>");
    } else {
        html.push_str(&format!(
            "<pre class=\"code\" data-lang=\"{lang_attr}\"><code>"
        ));
    }
    match find_syntax(language) {
        Some(syntax) => highlight_into(&mut html, syntax, code),
        None => escape_into(&mut html, code),
    }
    html.push_str("</code></pre>\n");
    html
}

fn highlight_into(html: &mut String, syntax: &SyntaxReference, code: &str) {
    let set = syntax_set();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    // The class changes only with the stack: found once per scope change, not once per token.
    let mut class = None;
    for line in code.split_inclusive('\n') {
        let Ok(ops) = state.parse_line(line, set) else {
            escape_into(html, line);
            continue;
        };
        let mut start = 0;
        for (offset, op) in ops {
            push_token(html, &line[start..offset], class);
            start = offset;
            if stack.apply(&op).is_err() {
                stack = ScopeStack::new();
            }
            class = token_class(&stack);
        }
        push_token(html, &line[start..], class);
    }
}

fn push_token(html: &mut String, text: &str, class: Option<&str>) {
    if text.is_empty() {
        return;
    }
    match class {
        Some(class) if !text.trim().is_empty() => {
            html.push_str("<span class=\"");
            html.push_str(class);
            html.push_str("\">");
            escape_into(html, text);
            html.push_str("</span>");
        }
        _ => escape_into(html, text),
    }
}

/// The class of the innermost scope that has one; scopes with an empty class are looked through.
fn token_class(stack: &ScopeStack) -> Option<&'static str> {
    thread_local! {
        /// Each scope's class, looked up once per thread: a build meets some hundreds of scopes
        /// in hundreds of thousands of tokens, and the table holds a score of prefixes.
        static CLASSES: std::cell::RefCell<HashMap<Scope, Option<&'static str>>> =
            std::cell::RefCell::default();
    }
    CLASSES.with_borrow_mut(|classes| {
        let mut stack = stack.as_slice().iter().rev();
        stack.find_map(|scope| *classes.entry(*scope).or_insert_with(|| scope_class(*scope)))
    })
}

/// The class of `scope` alone: that of the table's first prefix of it, `None` if there is none
/// or its class is empty.
fn scope_class(scope: Scope) -> Option<&'static str> {
    let (_, class) = class_table()
        .iter()
        .find(|(prefix, _)| prefix.is_prefix_of(scope))?;
    (!class.is_empty()).then_some(*class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_rust_with_short_classes() {
        let html = Highlighter::new().block("rust", "fn main() { let x = \"hi\"; } // note\n");
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"k\">fn</span>"), "{html}");
        assert!(html.contains("<span class=\"s\">"), "{html}");
        assert!(html.contains("<span class=\"c\">"), "{html}");
        assert!(!html.contains("source"), "long scope names leaked: {html}");
    }

    #[test]
    fn unknown_languages_are_plain_escaped_code() {
        let html = Highlighter::new().block("klingon", "<b>&</b>");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"klingon\"><code>&lt;b&gt;&amp;&lt;/b&gt;</code></pre>\n"
        );
    }

    #[test]
    fn hostile_language_names_are_escaped() {
        let html = Highlighter::new().block("\"><script>", "x");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn the_build_cache_gives_back_what_highlighting_made() {
        let dir = tempfile::tempdir().unwrap();
        let settings = crate::cache::CacheSettings::in_dir(dir.path());
        let code = "fn main() { println!(\"{}\", 1 < 2); }\n";
        let first = Arc::new(BuildCache::open(&settings));
        let fresh = Highlighter::with_cache(first.clone()).block("rust", code);
        first.finish().unwrap();
        let second = Highlighter::with_cache(Arc::new(BuildCache::open(&settings)));
        assert_eq!(second.block("rust", code), fresh);
        assert_eq!(
            second.cpu_time(),
            std::time::Duration::ZERO,
            "highlighted again"
        );
    }

    #[test]
    fn results_are_cached() {
        let highlighter = Highlighter::new();
        let first = highlighter.block("python", "print('xin chào')\n");
        assert_eq!(highlighter.cache.lock().unwrap().len(), 1);
        assert_eq!(highlighter.block("python", "print('xin chào')\n"), first);
    }

    /// Every code block of the manual and of a generated course, highlighted as the code before
    /// issue 16's speed-ups did: any change of markup shows here (`KHOA_BLESS_HIGHLIGHT=1` rewrites
    /// the fixture, for a deliberate change that also bumps `CACHE`'s version).
    #[test]
    fn highlighting_matches_the_golden_fixture() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/highlight/");
        let blocks: Vec<(String, String)> =
            serde_json::from_str(include_str!("../tests/fixtures/highlight/blocks.json")).unwrap();
        let highlighter = Highlighter::new();
        let got: Vec<String> = blocks
            .iter()
            .map(|(l, c)| highlighter.block(l, c))
            .collect();
        let path = format!("{dir}expected.json");
        if std::env::var_os("KHOA_BLESS_HIGHLIGHT").is_some() {
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap()).unwrap();
        }
        let expected: Vec<String> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(got.len(), expected.len());
        for ((block, got), want) in blocks.iter().zip(&got).zip(&expected) {
            assert_eq!(got, want, "{block:?}");
        }
    }
}
