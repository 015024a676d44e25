//! The only user of the `toml` crate: reads a TOML text into a type, with a located error.

use crate::diagnostic::{Diagnostic, LineIndex};
use serde::de::DeserializeOwned;

/// A value and the byte range it came from (re-exported so callers need not name the crate).
pub type Spanned<T> = toml::Spanned<T>;

/// Parses `text` (the file at `path`) into `T`; an error points at the line and column TOML names.
pub fn parse<T: DeserializeOwned>(text: &str, path: &str) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = match e.span() {
            Some(span) => LineIndex::new(text).position(span.start),
            None => (1, 1),
        };
        let message = e.message().trim_end().replace('\n', " ");
        Diagnostic::error(path, line, column, format!("invalid TOML: {message}"))
    })
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    LineIndex::new(text).position(offset).0
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug)]
    struct Book {
        #[allow(dead_code)]
        title: String,
    }

    #[test]
    fn errors_point_at_the_bad_line_and_column() {
        let error = super::parse::<Book>("\n\ntitle = [1,\n", "book.toml").unwrap_err();
        assert_eq!((error.path.as_str(), error.line), ("book.toml", 3));
        assert!(error.column >= 1);
        assert!(
            error.message.starts_with("invalid TOML"),
            "{}",
            error.message
        );
        let missing = super::parse::<Book>("x = 1\n", "book.toml").unwrap_err();
        assert!(missing.message.contains("title"), "{}", missing.message);
    }
}
