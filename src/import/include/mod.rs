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
        let line = text[..found].matches('\n').count() + 1;
        let column = text[..found].rfind('\n').map_or(found, |n| found - n - 1) + 1;
        if text[..found].ends_with('\\') {
            result.push_str(&text[rest..found - 1]);
            result.push_str(&text[found..close + 2]);
            rest = close + 2;
            continue;
        }
        result.push_str(&text[rest..found]);
        let inner = text[found + 3..close].trim();
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let at = |message: String| Diagnostic::error(path, line, column, message);
        match name {
            "include" | "rustdoc_include" | "playground" | "playpen" => {
                match included(files, path, args.trim()) {
                    Ok((file, body)) if depth < MAX_DEPTH => {
                        let body = expand_in(files, &file, &body, chapter_dir, depth + 1, out);
                        if name.starts_with("play") {
                            result.push_str(&format!("```rust\n{body}\n```"));
                        } else {
                            result.push_str(&body);
                        }
                    }
                    Ok(_) => out.errors.push(at(format!(
                        "includes nest more than {MAX_DEPTH} deep (does a file include itself?)"
                    ))),
                    Err(message) => out.errors.push(at(message)),
                }
            }
            "quiz" => {
                let quiz = super::join(chapter_dir, args.trim());
                match quiz {
                    Some(quiz) if files.is_file(&quiz) => {
                        result.push_str(&quiz_placeholder(out.quizzes.len()));
                        out.quizzes.push(QuizRef {
                            path: quiz,
                            at: (path.to_string(), line),
                        });
                    }
                    _ => out
                        .errors
                        .push(at(format!("quiz file `{}` does not exist", args.trim()))),
                }
            }
            "title" => out.notes.push(Diagnostic::warning(
                path,
                line,
                column,
                "`{{#title}}` removed: the lesson title comes from SUMMARY.md",
            )),
            _ => {
                out.notes.push(Diagnostic::warning(
                    path,
                    line,
                    column,
                    format!(
                        "`{{{{#{name}}}}}` is not an mdBook directive khoa knows; left as text"
                    ),
                ));
                result.push_str(&text[found..close + 2]);
            }
        }
        rest = close + 2;
    }
    result.push_str(&text[rest..]);
    result
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
