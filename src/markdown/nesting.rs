//! How deep container blocks (quotes, lists, items, footnotes) nest: deeper than [`MAX_NESTING`]
//! gets one warning, since deep nesting is slow to lay out on cheap phones.

use super::State;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// Deeper nesting of container blocks (quotes, lists, items) gets a warning: slow on cheap phones.
pub const MAX_NESTING: usize = 16;

impl State<'_, '_> {
    /// Warns once, at the first block that goes deeper than [`MAX_NESTING`], with the deepest level.
    pub(super) fn check_nesting(&mut self, events: &[(Event, Range<usize>)]) {
        let mut depth = 0;
        let mut too_deep: Option<(usize, usize)> = None;
        for (event, range) in events {
            match event {
                Event::Start(tag) if is_container(tag) => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        let at = too_deep.map_or(range.start, |(_, at)| at);
                        too_deep = Some((depth.max(too_deep.map_or(0, |(d, _)| d)), at));
                    }
                }
                Event::End(tag) if is_container_end(tag) => depth -= 1,
                _ => {}
            }
        }
        if let Some((deepest, at)) = too_deep {
            let message = format!(
                "blocks are nested {deepest} deep (over {MAX_NESTING}); flatten the lists or quotes, deep nesting is slow on cheap phones"
            );
            self.warn(&(at..at), &message);
        }
    }
}

fn is_container(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListDefinition
    )
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListDefinition
    )
}
