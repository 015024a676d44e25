//! Publishing: turns the rendered, checked outputs into what a host serves. `hashed` gives every
//! `_khoa/` file a content-hashed name (and rewrites the references), `headers` writes the
//! `_headers` file that tells Netlify and Cloudflare Pages how long to cache what, and
//! `precompress` (on request) adds `.gz` and `.br` siblings to text files.
//!
//! Pure: outputs in, outputs out. Runs in [`crate::compile`] after the checks, so `build`, `serve`
//! and `pack` publish the same names.

mod hashed;
mod headers;
mod precompress;

use crate::cache::BuildCache;
use crate::diagnostic::Diagnostic;
use crate::output::Outputs;
pub use hashed::{KnownReferences, hashed_name, rename};
pub use headers::HEADERS_FILE;
use std::collections::BTreeMap;

/// How to publish.
#[derive(Clone, Copy, Debug, Default)]
pub struct PublishOptions {
    /// Also write `.gz` and `.br` siblings of text files over 1 KB.
    pub precompress: bool,
}

/// The first step: every `_khoa/` file renamed by its content, references rewritten. Returns the
/// outputs, the map from each renamed output's plain name to its published one, and problems.
/// `base_url` is the site's own absolute URL (from `khoa.yaml`), after which a reference to a
/// `_khoa/` file is followed too. `known` holds where the references were in the previous
/// publish's files (`serve`), so that only changed files are searched again.
pub fn hash(
    outputs: Outputs,
    base_url: Option<&str>,
    known: Option<&mut KnownReferences>,
    cache: &BuildCache,
) -> (Outputs, BTreeMap<String, String>, Vec<Diagnostic>) {
    hashed::hash_names(outputs, base_url, known, cache)
}

/// The last step, once every output exists under its published name: `_headers`, then (if
/// asked) the precompressed siblings.
pub fn finish(outputs: &mut Outputs, options: PublishOptions) -> Vec<Diagnostic> {
    let file = headers::headers_file(outputs);
    let mut problems = outputs.add(
        HEADERS_FILE,
        crate::output::Owner::Khoa("the hosting headers"),
        file,
    );
    if options.precompress {
        problems.extend(precompress::add_siblings(outputs));
    }
    problems
}
