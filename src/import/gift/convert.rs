//! GIFT questions → khoa quiz blocks: one lesson per category, each question a ```` ```quiz ````
//! block with its id from the GIFT title (slugged) or generated, and a note at the GIFT line for
//! whatever khoa cannot hold (essays, descriptions, wrong numbers, partial credit, wildcards).

use super::parse::{Answers, Choice, Item, Question};
use std::collections::HashSet;

/// A lesson to write: its title and its questions.
#[derive(Debug, PartialEq)]
pub struct Lesson {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// One quiz block: the GIFT line it comes from, its fence attributes and its body.
#[derive(Debug, PartialEq)]
pub struct Block {
    pub line: usize,
    pub attributes: String,
    pub body: String,
}

impl Block {
    /// The block as Markdown, fenced with more backticks than it holds.
    pub fn markdown(&self) -> String {
        let fence = "`".repeat(longest_backtick_run(&self.body).max(2) + 1);
        format!(
            "{fence}quiz {}\n{}\n{fence}",
            self.attributes,
            self.body.trim_end()
        )
    }
}

/// What a GIFT file became, and a note (GIFT line, message) for each thing changed or left out.
#[derive(Debug, Default, PartialEq)]
pub struct Converted {
    pub lessons: Vec<Lesson>,
    pub notes: Vec<(usize, String)>,
    /// The first category's parent, a title for the module.
    pub parent_title: Option<String>,
}

/// Converts parsed GIFT; `fallback_title` names questions found before any `$CATEGORY:`.
pub fn convert(items: &[Item], fallback_title: &str) -> Converted {
    let mut out = Converted::default();
    let mut ids = HashSet::new();
    for item in items {
        match item {
            Item::Category { path, .. } => {
                let segments = category_segments(path);
                if out.parent_title.is_none() && segments.len() > 1 {
                    out.parent_title = segments.get(segments.len() - 2).cloned();
                }
                let title = segments
                    .last()
                    .cloned()
                    .unwrap_or_else(|| fallback_title.into());
                out.lessons.push(Lesson {
                    title,
                    blocks: Vec::new(),
                });
            }
            Item::Question(q) => {
                if out.lessons.is_empty() {
                    let title = fallback_title.to_string();
                    out.lessons.push(Lesson {
                        title,
                        blocks: Vec::new(),
                    });
                }
                let lesson = out.lessons.last_mut().expect("a lesson was pushed");
                match block(q, &lesson.title, &mut ids, &mut out.notes) {
                    Some(block) => lesson.blocks.push(block),
                    None => continue,
                }
            }
        }
    }
    out.lessons.retain(|l| !l.blocks.is_empty());
    out
}

/// Moodle's category path: `/` separates, `//` is a slash; a leading context (`$course$`) and
/// the `top` category under it are not part of the name.
fn category_segments(path: &str) -> Vec<String> {
    let mut segments: Vec<String> = path
        .replace("//", "\u{0}")
        .split('/')
        .map(|s| s.replace('\u{0}', "/").trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if segments
        .first()
        .is_some_and(|s| s.len() > 1 && s.starts_with('$') && s.ends_with('$'))
    {
        segments.remove(0);
        if segments.first().is_some_and(|s| s == "top") {
            segments.remove(0);
        }
    }
    segments
}

fn block(
    q: &Question,
    lesson: &str,
    ids: &mut HashSet<String>,
    notes: &mut Vec<(usize, String)>,
) -> Option<Block> {
    let line = q.at.line;
    let what = q
        .title
        .as_deref()
        .map_or(String::new(), |t| format!(" `{t}`"));
    let body = match body(q) {
        Ok((body, note)) => {
            if let Some(note) = note {
                notes.push((line, format!("question{what}: {note}")));
            }
            body
        }
        Err(why) => {
            notes.push((line, format!("question{what} is left out: {why}")));
            return None;
        }
    };
    let id = unique_id(q.title.as_deref(), lesson, ids);
    let mut attributes = format!("id={id}");
    for word in &q.khoa {
        match word.split_once('=') {
            Some(("points" | "fold" | "shuffle", _)) => attributes.push_str(&format!(" {word}")),
            _ => notes.push((
                line,
                format!("`// khoa: {word}` is not a quiz attribute khoa carries; ignored"),
            )),
        }
    }
    if let Answers::Short(choices) = &q.answers
        && q.after.is_none()
        && choices
            .iter()
            .all(|c| crate::quiz::looks_like_number(&c.text))
    {
        attributes.push_str(" type=text");
    }
    if matches!(q.answers, Answers::Match(_)) {
        attributes.push_str(" type=match");
    }
    if matches!(&q.answers, Answers::Choices(c) if c.iter().all(|c| !c.right)) {
        attributes.push_str(" type=multiple");
    }
    Some(Block {
        line,
        attributes,
        body,
    })
}

/// The id from the title (slugged), else `<lesson>-q<n>`; never one already given.
fn unique_id(title: Option<&str>, lesson: &str, ids: &mut HashSet<String>) -> String {
    let base = title.map(crate::slug::slugify).filter(|s| !s.is_empty());
    let base = base.unwrap_or_else(|| {
        let lesson = crate::slug::slugify(lesson);
        format!(
            "{}q",
            if lesson.is_empty() {
                String::new()
            } else {
                format!("{lesson}-")
            }
        )
    });
    let numbered = title.is_none_or(|t| crate::slug::slugify(t).is_empty());
    let mut n = 1;
    let mut id = if numbered {
        format!("{base}{n}")
    } else {
        base.clone()
    };
    while !ids.insert(id.clone()) {
        n += 1;
        id = if numbered {
            format!("{base}{n}")
        } else {
            format!("{base}-{n}")
        };
    }
    id
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// The quiz block's body and a note on what changed, or why the question cannot be one.
fn body(q: &Question) -> Result<(String, Option<String>), String> {
    let explanation = q.general_feedback.as_deref().filter(|f| !f.is_empty());
    if q.after.is_some() {
        return super::gaps::missing_word(q, explanation);
    }
    let (answers, note) = match &q.answers {
        Answers::Description => {
            return Err("a description (text without answers) is no question in khoa".into());
        }
        Answers::Essay => {
            return Err("essay questions have no khoa form (khoa grades in the browser)".into());
        }
        Answers::TrueFalse { answer, feedback } => true_false(*answer, feedback),
        Answers::Choices(choices) => options(choices),
        Answers::Short(choices) => short(choices)?,
        Answers::Numbers(numbers) => {
            let right: Vec<String> = numbers
                .iter()
                .filter(|n| n.right)
                .map(|n| match n.tolerance {
                    0.0 => format!("= {}", n.value),
                    t => format!("= {} ± {t}", n.value),
                })
                .collect();
            if right.is_empty() {
                return Err("it accepts no number (every answer is `~`)".into());
            }
            let dropped = numbers.len() - right.len();
            let note = (dropped > 0)
                .then(|| format!("{dropped} wrong numbers (`~`) and their feedback are left out"));
            (right.join("\n"), note)
        }
        Answers::Match(pairs) => {
            let lines: Vec<String> = pairs
                .iter()
                .map(|(l, r)| format!("- {} -> {}", l.replace('\n', " "), r))
                .collect();
            (lines.join("\n"), None)
        }
    };
    let mut body = format!("{}\n\n{answers}\n", stem(q));
    if let Some(explanation) = explanation {
        body.push_str(&format!("\n{explanation}\n"));
    }
    Ok((body, note))
}

pub(super) fn stem(q: &Question) -> String {
    stem_text(q, &q.stem)
}

/// Text of the question in Markdown: `[markdown]` and `[html]` keep their lines, other formats
/// are one paragraph (Moodle joins their lines).
pub(super) fn stem_text(q: &Question, text: &str) -> String {
    match q.format.as_deref() {
        Some("html") | Some("markdown") => text.to_string(),
        _ => text.replace('\n', " "),
    }
}

fn true_false(answer: bool, feedback: &[String]) -> (String, Option<String>) {
    let (wrong, right) = (feedback.first(), feedback.get(1));
    let option = |label: &str, correct: bool| {
        let mark = if correct { "x" } else { " " };
        let fb = if correct { right } else { wrong }.filter(|f| !f.is_empty());
        format!(
            "- [{mark}] {label}{}",
            fb.map_or(String::new(), |f| quoted(f))
        )
    };
    let lines = [option("True", answer), option("False", !answer)];
    (
        lines.join("\n"),
        Some("a true/false question became a single choice of `True` and `False`".into()),
    )
}

/// `- [x]` options; right is `=` or a positive weight, and any partial credit becomes all or nothing.
fn options(choices: &[Choice]) -> (String, Option<String>) {
    let right = |c: &Choice| c.right || c.weight.is_some_and(|w| w > 0.0);
    let lines: Vec<String> = choices
        .iter()
        .map(|c| {
            let mark = if right(c) { "x" } else { " " };
            let feedback = c.feedback.as_deref().filter(|f| !f.is_empty());
            format!(
                "- [{mark}] {}{}",
                indent(&c.text),
                feedback.map_or(String::new(), quoted)
            )
        })
        .collect();
    let weights: HashSet<String> = choices
        .iter()
        .filter(|c| right(c))
        .map(|c| format!("{:?}", c.weight.filter(|_| !c.right)))
        .collect();
    let partial = weights.len() > 1
        || (choices.iter().any(|c| c.right) && choices.iter().any(|c| !c.right && right(c)));
    let note = partial.then(|| {
        "its partial weights become all or nothing (khoa grades a question right or wrong)".into()
    });
    (lines.join("\n"), note)
}

fn short(choices: &[Choice]) -> Result<(String, Option<String>), String> {
    if let Some(wild) = choices.iter().find(|c| c.text.contains('*')) {
        return Err(format!(
            "the answer `{}` uses Moodle's `*` wildcard, which khoa does not grade",
            wild.text
        ));
    }
    let lines: Vec<String> = choices
        .iter()
        .map(|c| format!("= {}", c.text.replace('\n', " ")))
        .collect();
    let dropped = choices.iter().filter(|c| c.feedback.is_some()).count();
    let note = (dropped > 0)
        .then(|| "the feedback of text answers is left out (khoa shows the explanation)".into());
    Ok((lines.join("\n"), note))
}

/// Continuation lines of a list item, indented under it.
fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}

/// Feedback as a blockquote inside an option.
fn quoted(text: &str) -> String {
    text.lines()
        .map(|l| format!("\n  > {l}").trim_end().to_string())
        .collect()
}

#[cfg(test)]
mod tests;
