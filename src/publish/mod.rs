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

use crate::diagnostic::Diagnostic;
use crate::output::Outputs;
pub use hashed::hashed_name;
pub use headers::HEADERS_FILE;

/// How to publish.
#[derive(Clone, Copy, Debug, Default)]
pub struct PublishOptions {
    /// Also write `.gz` and `.br` siblings of text files over 1 KB.
    pub precompress: bool,
}

/// Hashed names, then `_headers`, then (if asked) the precompressed siblings.
/// `base_url` is the site's own absolute URL (from `khoa.yaml`), after which a reference to a
/// `_khoa/` file is followed too.
pub fn publish(
    outputs: Outputs,
    options: PublishOptions,
    base_url: Option<&str>,
) -> (Outputs, Vec<Diagnostic>) {
    let (mut outputs, _, mut problems) = hashed::hash_names(outputs, base_url);
    let file = headers::headers_file(&outputs);
    problems.extend(outputs.add(
        HEADERS_FILE,
        crate::output::Owner::Khoa("the hosting headers"),
        file,
    ));
    if options.precompress {
        problems.extend(precompress::add_siblings(&mut outputs));
    }
    (outputs, problems)
}
