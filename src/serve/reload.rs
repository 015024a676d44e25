//! Live reload: the script and error overlay injected into HTML responses.
//!
//! Templates know nothing about this. Each page carries the build generation it was served from;
//! the Server-Sent Events stream at [`EVENTS_PATH`] (served by `http::events`) sends the current
//! generation on connect and after every build (once per build: a build whose edited pages were
//! shown early does not send it again when it ends), and the page reloads when they differ, so a build
//! finished between page load and connect is not missed. The script uses a root-relative URL, so
//! it follows whatever host the browser used. It also sets `window.KhoaPreview`, so the runtime
//! registers no service worker in the preview (whose pages change with every save) and removes
//! one left by a site served earlier on the same address.

use super::preview::Snapshot;
use crate::escape::html as escape;

/// Where pages listen for builds.
pub const EVENTS_PATH: &str = "/__khoa/events";

/// `html` with the reload script (and the error overlay, if the latest build failed) before `</body>`.
pub fn inject(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let snippet = snippet(snapshot);
    let at = find_last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn snippet(snapshot: &Snapshot) -> String {
    let mut html = String::new();
    if !snapshot.errors.is_empty() {
        html.push_str(&overlay(&snapshot.errors));
    }
    html.push_str(&format!(
        "<script>window.KhoaPreview=1;(function(){{var g=\"{}\";if(!window.EventSource)return;\
var s=new EventSource(\"{EVENTS_PATH}\");\
s.addEventListener(\"build\",function(e){{if(e.data!==g){{s.close();location.reload();}}}});}})();</script>",
        snapshot.generation
    ));
    html
}

/// The error overlay: fixed at the bottom of the page, every error as escaped text.
fn overlay(errors: &[String]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| escape(e)).collect();
    format!(
        "<div id=\"_khoa-serve-errors\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;\
max-height:50vh;overflow:auto;z-index:2147483647;margin:0;padding:1em;background:#fff4f4;\
color:#5a0000;border-top:4px solid #c00;font:14px/1.45 ui-monospace,monospace\">\
<strong>khoa serve: the latest change does not build; this is the last good build.</strong>\
<pre style=\"margin:.5em 0 0;white-space:pre-wrap\">{}</pre></div>",
        lines.join("\n")
    )
}

fn find_last_body_close(html: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body";
    (0..html.len().saturating_sub(TAG.len() - 1))
        .rev()
        .find(|&i| html[i..i + TAG.len()].eq_ignore_ascii_case(TAG))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(errors: &[&str]) -> Snapshot {
        Snapshot {
            errors: errors.iter().map(|e| e.to_string()).collect(),
            generation: 7,
            ..Snapshot::default()
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_close() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, &snapshot(&[]))).unwrap();
        let script = out.find("<script>").unwrap();
        assert!(script > out.find("<p>x</p>").unwrap());
        assert!(script < out.find("</BODY>").unwrap());
        assert!(
            out.contains("<script>window.KhoaPreview=1;"),
            "no service worker in the preview"
        );
        assert!(out.contains("var g=\"7\""));
        assert!(!out.contains("_khoa-serve-errors"));
    }

    #[test]
    fn the_overlay_lists_errors_as_escaped_text() {
        let errors = ["content/c/a.md:2:1: error: bad <script>alert(1)</script>"];
        let out = String::from_utf8(inject(b"<body></body>", &snapshot(&errors))).unwrap();
        assert!(out.contains("_khoa-serve-errors"));
        assert!(out.contains("content/c/a.md:2:1: error: bad &lt;script&gt;"));
        assert_eq!(out.matches("<script>").count(), 1);
    }

    #[test]
    fn pages_without_a_body_get_the_snippet_at_the_end() {
        let out = String::from_utf8(inject(b"<p>bare", &snapshot(&[]))).unwrap();
        assert!(out.starts_with("<p>bare<script>"));
    }
}
