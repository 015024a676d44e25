//! The Markdown dialect khoa reads: the pulldown-cmark extensions shared by pages and quiz bodies.

use pulldown_cmark::Options;

/// Tables, footnotes, strikethrough, task lists, definition lists and GFM blockquote tags.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// [`options`] plus `{#id .class}` after headings: pages have headings, quiz bodies do not.
pub fn page_options() -> Options {
    options() | Options::ENABLE_HEADING_ATTRIBUTES
}
