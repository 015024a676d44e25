//! mdBook's `{{#...}}` directives in a chapter: `include` (whole file, `file:anchor`, line
//! ranges), `rustdoc_include`, `playground`, and `quiz` (left as a numbered placeholder for the
//! quiz converter); `\{{#...}}` is a literal. Also removes rustdoc's hidden lines from Rust code.
//!
//! `rustdoc_include` keeps only the lines mdBook shows: mdBook includes the whole file with the
//! lines outside the range or anchor hidden (`# `), and khoa, which has no hidden lines, leaves
//! them out. Lines holding `ANCHOR:` or `ANCHOR_END:` markers never reach a lesson.

use super::{BookFiles, dir_of, scan};
use crate::diagnostic::Diagnostic;

/// mdBook stops following includes this deep.
const MAX_DEPTH: usize = 10;

/// A `{{#quiz file.toml}}` found in a chapter.
#[derive(Debug, PartialEq)]
pub struct QuizRef {
    /// The TOML file, relative to the book root.
    pub path: String,
    /// Where the directive was (file relative to the book root, line).
    pub at: (String, usize),
}

/// A chapter with its directives resolved.
#[derive(Debug, Default)]
pub struct Expanded {
    pub text: String,
    pub quizzes: Vec<QuizRef>,
    /// Directives khoa does not convert (`{{#title}}`, unknown ones), as notes.
    pub notes: Vec<Diagnostic>,
    pub errors: Vec<Diagnostic>,
}

/// The placeholder of quiz `n` in an expanded chapter (private-use characters Markdown keeps).
pub fn quiz_placeholder(n: usize) -> String {
    format!("\u{E010}{n}\u{E011}")
}

/// Resolves the directives of the chapter at `path` (relative to the book root).
pub fn expand(files: &dyn BookFiles, path: &str, text: &str) -> Expanded {
    let mut expanded = Expanded::default();
    let chapter_dir = dir_of(path).to_string();
    expanded.text = expand_in(files, path, text, &chapter_dir, 0, &mut expanded);
    expanded
}

fn expand_in(
    files: &dyn BookFiles,
    path: &str,
    text: &str,
    chapter_dir: &str,
    depth: usize,
    out: &mut Expanded,
) -> String {
    let mut result = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(found) = text[rest..].find("{{#").map(|i| i + rest) {
        let Some(close) = text[found..].find("}}").map(|i| i + found) else {
            break;
        };
        let source = &text[found..close + 2];
        if text[..found].ends_with('\\') {
            result.push_str(&text[rest..found - 1]);
            result.push_str(source);
        } else {
            result.push_str(&text[rest..found]);
            let at = Site {
                path,
                line: text[..found].matches('\n').count() + 1,
                column: text[..found].rfind('\n').map_or(found, |n| found - n - 1) + 1,
                chapter_dir,
                depth,
            };
            result.push_str(&directive(files, &at, source, out));
        }
        rest = close + 2;
    }
    result.push_str(&text[rest..]);
    result
}

/// Where a directive is: its file, line and column, and the include depth there.
struct Site<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    chapter_dir: &'a str,
    depth: usize,
}

/// What the directive `source` (`{{#name args}}`) becomes.
fn directive(files: &dyn BookFiles, at: &Site, source: &str, out: &mut Expanded) -> String {
    let inner = source[3..source.len() - 2].trim();
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let args = args.trim();
    let error = |message: String| Diagnostic::error(at.path, at.line, at.column, message);
    let note = |message: String| Diagnostic::warning(at.path, at.line, at.column, message);
    match name {
        "include" | "rustdoc_include" | "playground" | "playpen" => {
            match included(files, at.path, args) {
                Ok(_) if at.depth >= MAX_DEPTH => out.errors.push(error(format!(
                    "includes nest more than {MAX_DEPTH} deep (does a file include itself?)"
                ))),
                Ok((file, body)) => {
                    let body = expand_in(files, &file, &body, at.chapter_dir, at.depth + 1, out);
                    return match name.starts_with("play") {
                        true => format!("```rust\n{body}\n```"),
                        false => body,
                    };
                }
                Err(message) => out.errors.push(error(message)),
            }
        }
        "quiz" => match super::join(at.chapter_dir, args).filter(|q| files.is_file(q)) {
            Some(quiz) => {
                let placeholder = quiz_placeholder(out.quizzes.len());
                let site = (at.path.to_string(), at.line);
                out.quizzes.push(QuizRef {
                    path: quiz,
                    at: site,
                });
                return placeholder;
            }
            None => out
                .errors
                .push(error(format!("quiz file `{args}` does not exist"))),
        },
        "title" => out.notes.push(note(
            "`{{#title}}` removed: the lesson title comes from SUMMARY.md".into(),
        )),
        _ => {
            out.notes.push(note(format!(
                "`{{{{#{name}}}}}` is not an mdBook directive khoa knows; left as text"
            )));
            return source.to_string();
        }
    }
    String::new()
}

/// Reads what an include names: `file`, `file:anchor`, `file:N`, `file:N:M`, `file::M`, `file:N:`.
fn included(files: &dyn BookFiles, from: &str, args: &str) -> Result<(String, String), String> {
    let mut parts = args.splitn(3, ':');
    let name = parts.next().unwrap_or("").trim();
    let selector: Vec<&str> = parts.collect();
    let file = super::join(dir_of(from), name)
        .filter(|f| files.is_file(f))
        .ok_or_else(|| format!("included file `{name}` does not exist"))?;
    let text = files.read(&file)?;
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let kept: Vec<&str> = match selector.as_slice() {
        [] | [""] => lines,
        [one] => match one.trim().parse::<usize>() {
            Ok(n) => lines
                .into_iter()
                .skip(n.saturating_sub(1))
                .take(1)
                .collect(),
            Err(_) => anchored(&lines, one.trim())
                .ok_or_else(|| format!("anchor `{}` not found in `{name}`", one.trim()))?,
        },
        [from_line, to_line] => {
            let number = |s: &str, default: usize| {
                let s = s.trim();
                if s.is_empty() {
                    Ok(default)
                } else {
                    s.parse::<usize>()
                        .map_err(|_| format!("`{s}` is not a line number in `{args}`"))
                }
            };
            let start = number(from_line, 1)?.max(1);
            let end = number(to_line, usize::MAX)?;
            let count = end.saturating_sub(start - 1);
            lines.into_iter().skip(start - 1).take(count).collect()
        }
        _ => unreachable!("splitn(3) gives at most two selector parts"),
    };
    let body: Vec<&str> = kept.into_iter().filter(|l| !is_anchor_line(l)).collect();
    Ok((file, body.join("\n")))
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, or `None` if the anchor is missing.
fn anchored<'a>(lines: &[&'a str], name: &str) -> Option<Vec<&'a str>> {
    let start = lines
        .iter()
        .position(|l| marker(l, "ANCHOR:") == Some(name))?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| marker(l, "ANCHOR_END:") == Some(name))
        .map_or(lines.len(), |i| start + 1 + i);
    Some(lines[start + 1..end].to_vec())
}

/// The anchor name after `tag` on `line` (`// ANCHOR: name` → `name`).
fn marker<'a>(line: &'a str, tag: &str) -> Option<&'a str> {
    let at = line.find(tag)?;
    let rest = line[at + tag.len()..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn is_anchor_line(line: &str) -> bool {
    marker(line, "ANCHOR:").is_some() || marker(line, "ANCHOR_END:").is_some()
}

/// Removes rustdoc's hidden lines (`# code`, a lone `#`) from Rust code blocks and turns `##`
/// into `#`, as mdBook does when it shows a Rust block.
pub fn strip_hidden_rust_lines(markdown: &str) -> String {
    let scanned = scan::scan(markdown);
    let mut result = String::with_capacity(markdown.len());
    let mut from = 0;
    for block in scanned.code_blocks.iter().filter(|b| is_rust(&b.info)) {
        result.push_str(&markdown[from..block.range.start]);
        let source = &markdown[block.range.clone()];
        let count = source.split_inclusive('\n').count();
        for (i, line) in source.split_inclusive('\n').enumerate() {
            let inner = !block.fenced || (i > 0 && i + 1 < count);
            let code = line.trim_start();
            let indent = &line[..line.len() - code.len()];
            if inner && (code.starts_with("# ") || code.trim_end() == "#") {
                continue;
            }
            if inner && code.starts_with("##") {
                result.push_str(indent);
                result.push_str(&code[1..]);
            } else {
                result.push_str(line);
            }
        }
        from = block.range.end;
    }
    result.push_str(&markdown[from..]);
    result
}

fn is_rust(info: &str) -> bool {
    info.split([',', ' '])
        .next()
        .is_some_and(|lang| lang == "rust")
}

#[cfg(test)]
mod tests;
