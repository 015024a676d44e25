//! The hook through which a later stage replaces fenced blocks (khoa's quizzes) inside Markdown.
//!
//! Markdown knows nothing of quizzes: for each fenced block it asks the page's [`FencedBlocks`]
//! hook, and keeps the HTML, problems, links and question the hook returns, or highlights the
//! block as code when the hook declines it (or the page has none).

use super::{PageInput, PageLink};
use crate::diagnostic::Diagnostic;
use serde::Serialize;

/// A fenced block as Markdown found it, offered to the hook before it is highlighted.
pub struct FencedBlock<'a> {
    /// The first word of the info string (`quiz`, `rust`, …).
    pub language: &'a str,
    /// The rest of the info string (`id=x type=text`).
    pub attributes: &'a str,
    /// File column of the first character of `attributes`.
    pub attributes_column: usize,
    /// The block's content.
    pub body: &'a str,
    /// File line of the opening fence.
    pub fence_line: usize,
    /// The page the block is on (path, language, links, highlighter, hook…).
    pub page: &'a PageInput<'a>,
}

/// What a hook puts in place of a block.
#[derive(Debug, Default)]
pub struct Replacement {
    pub html: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Links inside the block (their anchors are checked with the page's).
    pub links: Vec<PageLink>,
    /// The question the block asks, if any (the page data lists it; its id must be unique).
    pub question: Option<Question>,
}

/// Replaces fenced blocks it recognises; shared by the threads that render pages.
pub trait FencedBlocks: Sync {
    /// The replacement of `block`, or `None` to show it as highlighted code.
    fn replace(&self, block: &FencedBlock) -> Option<Replacement>;
}

/// One question as the runtime and the progress store see it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub points: u32,
    /// `single`, `multiple`, `text`, `number`, `order`, `match` or `gaps`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// File line and column of the question's id (or its fence), for duplicate-id errors.
    #[serde(skip)]
    pub line: usize,
    #[serde(skip)]
    pub column: usize,
    /// What a translation of the question must keep (`4 options, right: 2`; `quiz::shape`).
    #[serde(skip)]
    pub shape: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::{render_lesson, render_lesson_with};
    use std::sync::Mutex;

    /// Replaces ```` ```shout ```` blocks by their text in capitals; records every block offered.
    #[derive(Default)]
    struct Shout {
        offered: Mutex<Vec<String>>,
    }

    impl FencedBlocks for Shout {
        fn replace(&self, block: &FencedBlock) -> Option<Replacement> {
            let seen = format!(
                "{} [{}] at {}:{} in {}",
                block.language,
                block.attributes,
                block.fence_line,
                block.attributes_column,
                block.page.path
            );
            self.offered.lock().unwrap().push(seen);
            if block.language != "shout" {
                return None;
            }
            let page = block.page.path;
            let at = (block.fence_line, block.attributes_column);
            Some(Replacement {
                html: format!("<p class=\"shout\">{}</p>\n", block.body.to_uppercase()),
                diagnostics: vec![Diagnostic::warning(page, at.0, at.1, "too loud")],
                links: Vec::new(),
                question: Some(Question {
                    id: block.attributes.trim_start_matches("id=").to_string(),
                    points: 1,
                    kind: "text",
                    line: at.0,
                    column: at.1,
                    shape: String::new(),
                }),
            })
        }
    }

    const TEXT: &str =
        "# Bài\n\n```shout id=a\nxin chào\n```\n\n```rust\nfn main() {}\n```\n\n    thụt lề\n";

    #[test]
    fn a_hook_replaces_the_blocks_it_knows_and_leaves_the_rest_as_code() {
        let hook = Shout::default();
        let out = render_lesson_with(TEXT, 0, Some(&hook));
        assert!(
            out.html.contains("<p class=\"shout\">XIN CHÀO\n</p>"),
            "{}",
            out.html
        );
        assert!(!out.html.contains("xin chào"), "{}", out.html);
        assert!(out.html.contains("<pre"), "the rust block is code");
        assert!(out.html.contains("thụt lề"), "the indented block is code");
        let offered = hook.offered.into_inner().unwrap();
        assert_eq!(
            offered,
            [
                "shout [id=a] at 3:10 in content/c/l.md",
                "rust [] at 7:1 in content/c/l.md"
            ],
            "fenced blocks only, with their info string and file position"
        );
        let problems: Vec<_> = out.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(problems, ["content/c/l.md:3:10: warning: too loud"]);
        let ids: Vec<_> = out.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["a"]);
        assert!(
            !out.text.contains("XIN"),
            "a replaced block adds no search text"
        );
    }

    #[test]
    fn without_a_hook_every_fenced_block_is_code() {
        let out = render_lesson("```quiz id=a\nCâu?\n\n= 1\n```\n", 0);
        assert!(out.html.contains("<pre"), "{}", out.html);
        assert!(out.questions.is_empty() && out.diagnostics.is_empty());
    }
}
