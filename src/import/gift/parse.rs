//! A GIFT parser (Moodle's question format) with the line and column of everything it reads.
//!
//! Follows Moodle's `qformat_gift`: questions are separated by blank lines; lines starting with
//! `//` are comments (`// khoa: …` ones are kept for the importer); `$CATEGORY:` sets the
//! category; the answer block's type is decided as Moodle does (empty: essay, `#`: number, a `~`:
//! choices, no `=`: true/false, `=` with `->`: matching, else short answer). Escapes are
//! `\~ \= \# \{ \} \: \\` and `\n`.

/// A position in the file, 1-based.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A problem that makes the file unreadable, at its position.
#[derive(Debug, PartialEq)]
pub struct GiftError {
    pub at: Pos,
    pub message: String,
}

/// What the file holds, in order.
#[derive(Debug, PartialEq)]
pub enum Item {
    Category { path: String, at: Pos },
    Question(Question),
}

#[derive(Debug, PartialEq)]
pub struct Question {
    pub at: Pos,
    pub title: Option<String>,
    /// `html`, `markdown`, `plain` or `moodle` when written `[format]`.
    pub format: Option<String>,
    /// The text before the answers.
    pub stem: String,
    /// Text after the answers (a missing-word question), if any.
    pub after: Option<String>,
    /// Whether white space separates the answer block from the text before and after it.
    pub spaced: (bool, bool),
    pub answers: Answers,
    /// `####` text.
    pub general_feedback: Option<String>,
    /// The words of `// khoa: …` comments just before it.
    pub khoa: Vec<String>,
}

#[derive(Debug, PartialEq)]
pub enum Answers {
    /// Text without an answer block.
    Description,
    Essay,
    TrueFalse {
        answer: bool,
        feedback: Vec<String>,
    },
    Choices(Vec<Choice>),
    Short(Vec<Choice>),
    Numbers(Vec<NumberAnswer>),
    Match(Vec<(String, String)>),
}

/// A `=` or `~` answer.
#[derive(Debug, PartialEq)]
pub struct Choice {
    pub at: Pos,
    /// Written with `=`.
    pub right: bool,
    /// `%weight%`, in percent.
    pub weight: Option<f64>,
    pub text: String,
    pub feedback: Option<String>,
}

/// An accepted (or, with `~`, a wrong) number.
#[derive(Debug, PartialEq)]
pub struct NumberAnswer {
    pub at: Pos,
    pub right: bool,
    pub weight: Option<f64>,
    pub value: f64,
    pub tolerance: f64,
    pub feedback: Option<String>,
}

/// One character of the file: its value, position, and whether it was escaped.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ch {
    pub(super) c: char,
    pub(super) at: Pos,
    pub(super) escaped: bool,
}

pub(super) type Chars = [Ch];

/// Parses a whole file; every problem is returned, with its position.
pub fn parse(text: &str) -> Result<Vec<Item>, Vec<GiftError>> {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for chunk in chunks(text) {
        match chunk_item(&chunk) {
            Ok(Some(item)) => items.push(item),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// Lines of one question (blank lines apart), comments kept aside.
struct Chunk {
    lines: Vec<(usize, String)>,
    khoa: Vec<String>,
}

fn chunks(text: &str) -> Vec<Chunk> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut current = Chunk {
        lines: Vec::new(),
        khoa: Vec::new(),
    };
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !current.lines.is_empty() {
                out.push(std::mem::replace(
                    &mut current,
                    Chunk {
                        lines: Vec::new(),
                        khoa: Vec::new(),
                    },
                ));
            }
        } else if let Some(comment) = trimmed.strip_prefix("//") {
            if let Some(words) = comment.trim().strip_prefix("khoa:") {
                current
                    .khoa
                    .extend(words.split_whitespace().map(String::from));
            }
        } else {
            current.lines.push((i + 1, line.trim_end().to_string()));
        }
    }
    if !current.lines.is_empty() {
        out.push(current);
    }
    out
}

/// The characters of a chunk with escapes resolved (`\n` becomes a new line).
fn decode(chunk: &Chunk) -> Vec<Ch> {
    let mut out = Vec::new();
    for (n, (line, text)) in chunk.lines.iter().enumerate() {
        if n > 0 {
            let at = Pos {
                line: *line,
                column: 0,
            };
            out.push(Ch {
                c: '\n',
                at,
                escaped: false,
            });
        }
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let at = Pos {
                line: *line,
                column: i + 1,
            };
            let next = chars.get(i + 1).copied();
            match (chars[i], next) {
                ('\\', Some(e @ ('\\' | '~' | '=' | '#' | '{' | '}' | ':' | 'n'))) => {
                    let c = if e == 'n' { '\n' } else { e };
                    out.push(Ch {
                        c,
                        at,
                        escaped: true,
                    });
                    i += 2;
                }
                (c, _) => {
                    out.push(Ch {
                        c,
                        at,
                        escaped: false,
                    });
                    i += 1;
                }
            }
        }
    }
    out
}

fn chunk_item(chunk: &Chunk) -> Result<Option<Item>, GiftError> {
    let (first_line, first) = &chunk.lines[0];
    let column = first.len() - first.trim_start().len() + 1;
    let at = Pos {
        line: *first_line,
        column,
    };
    if let Some(path) = first.trim_start().strip_prefix("$CATEGORY:") {
        if let Some((line, _)) = chunk.lines.get(1) {
            return Err(GiftError {
                at: Pos {
                    line: *line,
                    column: 1,
                },
                message: "put a blank line between `$CATEGORY:` and the question after it".into(),
            });
        }
        let path = path.trim().to_string();
        return Ok(Some(Item::Category { path, at }));
    }
    let chars = decode(chunk);
    question(&chars, chunk.khoa.clone(), at).map(|q| Some(Item::Question(q)))
}

pub(super) fn text_of(chars: &Chars) -> String {
    chars
        .iter()
        .map(|c| c.c)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Index of the first unescaped `target` at or after `from`.
pub(super) fn find(chars: &Chars, from: usize, target: char) -> Option<usize> {
    (from..chars.len()).find(|&i| chars[i].c == target && !chars[i].escaped)
}

pub(super) fn skip_space(chars: &Chars, mut i: usize) -> usize {
    while i < chars.len() && chars[i].c.is_whitespace() && !chars[i].escaped {
        i += 1;
    }
    i
}

pub(super) fn error(at: Pos, message: impl Into<String>) -> GiftError {
    GiftError {
        at,
        message: message.into(),
    }
}

fn question(chars: &Chars, khoa: Vec<String>, at: Pos) -> Result<Question, GiftError> {
    let mut i = skip_space(chars, 0);
    let mut title = None;
    if starts(chars, i, "::") {
        let close = (i + 2..chars.len().saturating_sub(1))
            .find(|&k| starts(chars, k, "::"))
            .ok_or_else(|| {
                error(
                    chars[i].at,
                    "the title opened with `::` is not closed with `::`",
                )
            })?;
        title = Some(text_of(&chars[i + 2..close]));
        i = skip_space(chars, close + 2);
    }
    let mut format = None;
    for name in ["html", "markdown", "plain", "moodle"] {
        if starts(chars, i, &format!("[{name}]")) {
            format = Some(name.to_string());
            i = skip_space(chars, i + name.len() + 2);
        }
    }
    let Some(open) = find(chars, i, '{') else {
        if let Some(close) = find(chars, i, '}') {
            return Err(error(
                chars[close].at,
                "`}` without its `{`: write `\\}` for the character",
            ));
        }
        let stem = text_of(&chars[i..]);
        return Ok(Question {
            at,
            title,
            format,
            stem,
            after: None,
            spaced: (true, true),
            answers: Answers::Description,
            general_feedback: None,
            khoa,
        });
    };
    let close = find(chars, open + 1, '}').ok_or_else(|| {
        error(
            chars[open].at,
            "the answers opened with `{` are never closed with `}` (a blank line ends a question)",
        )
    })?;
    if let Some(nested) = find(chars, open + 1, '{').filter(|&k| k < close) {
        return Err(error(
            chars[nested].at,
            "`{` inside an answer block: write `\\{` for the character",
        ));
    }
    let after = text_of(&chars[close + 1..]);
    if let Some(second) = find(chars, close + 1, '{') {
        return Err(error(
            chars[second].at,
            "a second answer block: GIFT allows one per question (split the blanks into one question each)",
        ));
    }
    if let Some(stray) = find(chars, close + 1, '}') {
        return Err(error(
            chars[stray].at,
            "`}` without its `{`: write `\\}` for the character",
        ));
    }
    let (answers, general_feedback) =
        super::answers::answer_block(&chars[open + 1..close], chars[open].at)?;
    let space = |k: Option<&Ch>| k.is_none_or(|c| c.c.is_whitespace());
    Ok(Question {
        at,
        title,
        format,
        stem: text_of(&chars[i..open]),
        after: Some(after).filter(|a| !a.is_empty()),
        spaced: (
            space(open.checked_sub(1).and_then(|k| chars.get(k))),
            space(chars.get(close + 1)),
        ),
        answers,
        general_feedback,
        khoa,
    })
}

pub(super) fn starts(chars: &Chars, i: usize, word: &str) -> bool {
    let mut k = i;
    for w in word.chars() {
        match chars.get(k) {
            Some(ch) if ch.c == w && !ch.escaped => k += 1,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests;
