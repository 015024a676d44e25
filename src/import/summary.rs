//! `SUMMARY.md`: an mdBook's table of contents read line by line into parts, chapters (nested)
//! and drafts, with every problem located at its line and column.
//!
//! The grammar is mdBook's: an optional `# Title`, prefix chapters (`[Title](file.md)`), numbered
//! chapters as list items (`- [Title](file.md)`, nested by indentation) under optional part
//! headings (`# Part`), separators (`---`), suffix chapters, and drafts (`- [Title]()`).

use crate::diagnostic::Diagnostic;

/// One line of the table of contents that matters.
#[derive(Debug, PartialEq)]
pub enum Entry {
    /// `# Part title` after the first chapter or title.
    Part {
        title: String,
        line: usize,
    },
    Chapter(Chapter),
}

/// A chapter, its position in `SUMMARY.md` and its sections.
#[derive(Debug, PartialEq)]
pub struct Chapter {
    pub title: String,
    /// The file, relative to the source folder; `None` for a draft (`[Title]()`).
    pub path: Option<String>,
    pub line: usize,
    /// Column of the file name (of `[` for a draft).
    pub column: usize,
    /// A list item (numbered chapter) rather than a prefix or suffix link.
    pub numbered: bool,
    pub children: Vec<Chapter>,
}

/// Reads `text` (the `SUMMARY.md` at `path`); every malformed line is an error.
pub fn parse(text: &str, path: &str) -> Result<Vec<Entry>, Vec<Diagnostic>> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut errors = Vec::new();
    // Indentation of the open list items, outermost first.
    let mut open: Vec<usize> = Vec::new();
    let mut in_comment = false;
    let mut seen_heading_or_chapter = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if in_comment || trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        let mut error = |column: usize, message: String| {
            errors.push(Diagnostic::error(path, line, column, message));
        };
        if let Some(title) = heading(trimmed) {
            open.clear();
            if seen_heading_or_chapter {
                entries.push(Entry::Part { title, line });
            }
            seen_heading_or_chapter = true;
        } else if is_separator(trimmed) {
            open.clear();
        } else if let Some(rest) = list_item(trimmed) {
            let column = indent + (trimmed.len() - rest.len()) + 1;
            if let Err((column, message)) =
                numbered(&mut entries, &mut open, indent, rest, (line, column))
            {
                error(column, message);
            }
            seen_heading_or_chapter = true;
        } else if trimmed.starts_with('[') {
            open.clear();
            match link(trimmed, line, indent + 1) {
                Ok(chapter) => entries.push(Entry::Chapter(chapter)),
                Err((column, message)) => error(column, message),
            }
            seen_heading_or_chapter = true;
        } else {
            error(
                indent + 1,
                "SUMMARY.md holds only headings, links `[Title](file.md)`, list items `- [Title](file.md)` and `---`".into(),
            );
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// Adds the list item `rest` (at `line`, `column`, indented `indent`) below the open items.
fn numbered(
    entries: &mut Vec<Entry>,
    open: &mut Vec<usize>,
    indent: usize,
    rest: &str,
    (line, column): (usize, usize),
) -> Result<(), (usize, String)> {
    let chapter = link(rest, line, column)?;
    while open.last().is_some_and(|&i| i >= indent) {
        open.pop();
    }
    let chapter = Chapter {
        numbered: true,
        ..chapter
    };
    if !attach(entries, open.len(), chapter) {
        let message =
            "this item is indented under nothing: indent it less, or put a chapter above it";
        return Err((indent + 1, message.into()));
    }
    open.push(indent);
    Ok(())
}

/// Adds `chapter` at nesting `depth` under the last chapter; false if there is no parent there.
fn attach(entries: &mut Vec<Entry>, depth: usize, chapter: Chapter) -> bool {
    if depth == 0 {
        entries.push(Entry::Chapter(chapter));
        return true;
    }
    match entries.last_mut() {
        Some(Entry::Chapter(parent)) => attach_below(parent, depth - 1, chapter),
        _ => false,
    }
}

fn attach_below(parent: &mut Chapter, depth: usize, chapter: Chapter) -> bool {
    if depth == 0 {
        parent.children.push(chapter);
        return true;
    }
    match parent.children.last_mut() {
        Some(last) => attach_below(last, depth - 1, chapter),
        None => false,
    }
}

fn heading(trimmed: &str) -> Option<String> {
    let rest = trimmed.trim_start_matches('#');
    let level = trimmed.len() - rest.len();
    if (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' ')) {
        Some(rest.trim().trim_end_matches('#').trim().to_string())
    } else {
        None
    }
}

fn is_separator(trimmed: &str) -> bool {
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|mark| compact.chars().all(|c| c.to_string() == *mark))
}

/// The text after a `- `, `* ` or `+ ` list marker.
fn list_item(trimmed: &str) -> Option<&str> {
    let rest = trimmed.strip_prefix(['-', '*', '+'])?;
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

/// Parses `[Title](path)` at the start of `text` (which starts at `column` of the line).
fn link(text: &str, line: usize, column: usize) -> Result<Chapter, (usize, String)> {
    let not_link = || {
        (
            column,
            "expected a link `[Title](file.md)` (a draft is `[Title]()`)".to_string(),
        )
    };
    if !text.starts_with('[') {
        return Err(not_link());
    }
    let close = closing(text, 0, '[', ']').ok_or_else(not_link)?;
    let title = plain_title(&text[1..close]);
    let after = &text[close + 1..];
    if !after.starts_with('(') {
        return Err(not_link());
    }
    let open = close + 1;
    let chars = |byte: usize| text[..byte].chars().count();
    let end = closing(text, open, '(', ')').ok_or((
        column + chars(open),
        "this link's `(` is never closed".to_string(),
    ))?;
    let rest = text[end + 1..].trim();
    if !rest.is_empty() {
        let at = column + chars(text.len() - text[end + 1..].trim_start().len());
        return Err((at, format!("unexpected text `{rest}` after the link")));
    }
    if title.is_empty() {
        return Err((column, "a chapter needs a title between `[` and `]`".into()));
    }
    let destination = text[open + 1..end].trim();
    let destination = destination
        .strip_prefix('<')
        .and_then(|d| d.strip_suffix('>'))
        .unwrap_or(destination);
    let path_column = column + chars(open + 1);
    let path = if destination.is_empty() {
        None
    } else {
        let decoded = crate::escape::percent_decode_lossy(destination);
        let decoded = decoded.strip_prefix("./").unwrap_or(&decoded).to_string();
        if !decoded.ends_with(".md") {
            return Err((
                path_column,
                format!("chapter `{destination}` is not a Markdown file (`.md`)"),
            ));
        }
        Some(decoded)
    };
    Ok(Chapter {
        title,
        column: if path.is_some() { path_column } else { column },
        path,
        line,
        numbered: false,
        children: Vec::new(),
    })
}

/// Byte index of the bracket that closes the one at `start`, skipping escapes and code spans.
fn closing(text: &str, start: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = text[start..].char_indices();
    let mut in_code = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if !in_code => {
                chars.next();
            }
            '`' => in_code = !in_code,
            c if c == open && !in_code => depth += 1,
            c if c == close && !in_code => {
                depth -= 1;
                if depth == 0 {
                    return Some(start + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A chapter title as plain text: Markdown escapes and code backticks removed.
fn plain_title(markdown: &str) -> String {
    let mut title = String::new();
    let mut chars = markdown.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => title.extend(chars.next()),
            '`' => {}
            c => title.push(c),
        }
    }
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every chapter of `entries`, depth first, in reading order.
    fn chapters(entries: &[Entry]) -> Vec<&Chapter> {
        fn walk<'a>(chapter: &'a Chapter, out: &mut Vec<&'a Chapter>) {
            out.push(chapter);
            for child in &chapter.children {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        for entry in entries {
            if let Entry::Chapter(chapter) = entry {
                walk(chapter, &mut out);
            }
        }
        out
    }

    const SUMMARY: &str = "# Summary

[Lời nói đầu](preface.md)

# Phần một

- [Chương 1](ch1/intro.md)
    - [Mục `1.1`](ch1/a%20b.md)
        - [Sâu](ch1/deep.md)
    - [Bản nháp]()
- [Chương 2](./ch2.md)

<!-- a comment
spanning lines -->
---

[Phụ lục](appendix.md)
";

    #[test]
    fn reads_parts_nested_chapters_drafts_and_suffixes() {
        let entries = parse(SUMMARY, "SUMMARY.md").unwrap();
        assert_eq!(entries.len(), 5, "{entries:#?}");
        let Entry::Chapter(preface) = &entries[0] else {
            panic!()
        };
        assert_eq!(
            (preface.title.as_str(), preface.numbered),
            ("Lời nói đầu", false)
        );
        assert_eq!(preface.column, 15, "columns count characters");
        assert_eq!(
            entries[1],
            Entry::Part {
                title: "Phần một".into(),
                line: 5
            }
        );
        let all = chapters(&entries);
        let titles: Vec<&str> = all.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Lời nói đầu",
                "Chương 1",
                "Mục 1.1",
                "Sâu",
                "Bản nháp",
                "Chương 2",
                "Phụ lục"
            ]
        );
        assert_eq!(all[2].path.as_deref(), Some("ch1/a b.md"));
        assert_eq!(all[4].path, None);
        assert_eq!(all[5].path.as_deref(), Some("ch2.md"));
        assert_eq!((all[1].line, all[1].column), (7, 14));
        assert!(all[1].numbered && !all[6].numbered);
    }

    #[test]
    fn malformed_lines_are_located_errors() {
        let text = "# S\n\n- [Ok](ok.md)\n- Not a link\n- [Pic](pic.png)\nstray words\n  - [Orphan](o.md)\n";
        let errors = parse(text, "src/SUMMARY.md").unwrap_err();
        let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(4, 3), (5, 9), (6, 1)], "{errors:#?}");
        assert!(errors[0].message.contains("expected a link"));
        assert!(errors[1].message.contains("not a Markdown file"));
        let orphan = parse("# S\n\n    - [Orphan](o.md)\n", "S.md");
        assert!(orphan.is_ok(), "a first item may be indented");
        let unclosed = parse("- [A](a.md\n", "S.md").unwrap_err();
        assert!(unclosed[0].message.contains("never closed"));
    }
}
