//! mdbook-quiz TOML files (`{{#quiz file.toml}}`) → khoa quiz blocks, one block per question.
//!
//! `MultipleChoice` becomes a choice question (`type=multiple` when `answer.answer` is a list; the
//! prompt is the stem, distractors the wrong options, `context` the explanation; `answerIndex` and
//! `sortAnswers` keep the order with `shuffle=false`). `ShortAnswer` becomes `type=text` with the
//! answer and its alternatives. `Tracing` becomes a gap question on its program: a drop-down "does
//! it compile" and a blank for the output or the error line. A question that cannot be converted is
//! skipped with a note at its line; nothing is dropped silently.

mod block;
mod tracing;

use super::toml_file::{self, Spanned};
use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
struct QuizFile {
    #[serde(default)]
    questions: Vec<Spanned<Raw>>,
    #[serde(default)]
    multipart: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    #[serde(rename = "type")]
    kind: Option<String>,
    id: Option<String>,
    multipart: Option<String>,
    #[serde(default)]
    prompt: RawPrompt,
    #[serde(default)]
    answer: RawAnswer,
    context: Option<String>,
    prompt_explanation: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawPrompt {
    prompt: Option<String>,
    #[serde(default)]
    distractors: Vec<String>,
    answer_index: Option<usize>,
    sort_answers: Option<bool>,
    program: Option<String>,
    response: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawAnswer {
    answer: Option<OneOrMany>,
    #[serde(default)]
    alternatives: Vec<String>,
    does_compile: Option<bool>,
    stdout: Option<String>,
    line_number: Option<usize>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// What the conversion of one quiz file needs from the rest of the import.
pub struct Context<'a> {
    /// The TOML file, relative to the book root.
    pub path: &'a str,
    /// The course's language (`vi` or `en`): Tracing questions are worded in it.
    pub language: &'a str,
    /// The language of Tracing programs (`rust` unless book.toml says otherwise).
    pub code_language: &'a str,
    /// Question ids already used in the course.
    pub ids: &'a mut BTreeSet<String>,
    /// Rewrites the links of a piece of Markdown for the lesson the quiz lands in.
    pub relink: &'a dyn Fn(&str) -> String,
}

/// The blocks of one quiz file, how many of each kind, and what was not converted.
#[derive(Debug, Default)]
pub struct Converted {
    pub blocks: Vec<String>,
    pub counts: BTreeMap<&'static str, usize>,
    pub notes: Vec<Diagnostic>,
}

/// A question converted: the block's attributes (without `id`) and body, and its kind for counts.
struct Question {
    attributes: String,
    body: String,
    kind: &'static str,
}

/// Converts the quiz file `text`; invalid TOML is a located error.
pub fn convert(text: &str, cx: &mut Context) -> Result<Converted, Diagnostic> {
    let file: QuizFile = toml_file::parse(text, cx.path)?;
    let stem = cx.path.rsplit('/').next().unwrap_or("quiz");
    let stem = crate::slug::component_slug(stem.trim_end_matches(".toml"), "quiz");
    let mut out = Converted::default();
    for (n, spanned) in file.questions.iter().enumerate() {
        let line = toml_file::line_of(text, spanned.span().start);
        let raw = spanned.get_ref();
        let mut note = |message: String| {
            out.notes
                .push(Diagnostic::warning(cx.path, line, 1, message))
        };
        let Some(question) = question(raw, n, cx, &mut note) else {
            continue;
        };
        let id = unique_id(raw.id.as_deref(), &stem, n, cx.ids, &mut note);
        let shared = raw.multipart.as_deref().and_then(|group| {
            let found = file.multipart.get(group);
            if found.is_none() {
                note(format!(
                    "multipart group `{group}` is not described in `[multipart]`"
                ));
            }
            found
        });
        let block = block_of(&question, &id, shared, raw.context.as_deref(), cx);
        out.blocks.push(block);
        *out.counts.entry(question.kind).or_default() += 1;
    }
    Ok(out)
}

/// Converts one question by its type, or says why it cannot be converted.
fn question(raw: &Raw, n: usize, cx: &Context, note: &mut dyn FnMut(String)) -> Option<Question> {
    if raw.prompt_explanation == Some(true) {
        note("`promptExplanation` (asking learners to justify an answer) is not converted".into());
    }
    match raw.kind.as_deref() {
        Some("MultipleChoice") => multiple_choice(raw, cx, note),
        Some("ShortAnswer") => short_answer(raw, cx, note),
        Some("Tracing") => tracing_question(raw, cx, note),
        Some(other) => {
            note(format!(
                "question {} has the unknown type `{other}`; skipped",
                n + 1
            ));
            None
        }
        None => {
            note(format!("question {} has no `type`; skipped", n + 1));
            None
        }
    }
}

/// The quiz block: the multipart context, the question, its context as the explanation.
fn block_of(
    question: &Question,
    id: &str,
    shared: Option<&String>,
    context: Option<&str>,
    cx: &Context,
) -> String {
    let mut body = String::new();
    if let Some(shared) = shared {
        body.push_str(&format!("{}\n\n", block::literal(&(cx.relink)(shared))));
    }
    body.push_str(&question.body);
    if let Some(context) = context.filter(|c| !c.trim().is_empty()) {
        body.push_str(&format!("\n\n{}", block::literal(&(cx.relink)(context))));
    }
    block::fenced(&format!("id={id}{}", question.attributes), &body)
}

fn tracing_question(raw: &Raw, cx: &Context, note: &mut dyn FnMut(String)) -> Option<Question> {
    let input = tracing::Input {
        program: raw.prompt.program.as_deref(),
        does_compile: raw.answer.does_compile,
        stdout: raw.answer.stdout.as_deref(),
        line_number: raw.answer.line_number,
        language: cx.language,
        code_language: cx.code_language,
    };
    let converted = tracing::convert(&input).map_err(&mut *note).ok()?;
    if let Some(message) = converted.note {
        note(message);
    }
    Some(Question {
        attributes: converted.attributes,
        body: converted.body,
        kind: "Tracing",
    })
}

fn multiple_choice(raw: &Raw, cx: &Context, note: &mut dyn FnMut(String)) -> Option<Question> {
    let prompt = stem(raw, cx, note)?;
    let (answers, multiple) = match &raw.answer.answer {
        Some(OneOrMany::One(answer)) => (vec![answer.clone()], false),
        Some(OneOrMany::Many(answers)) => (answers.clone(), true),
        None => (Vec::new(), false),
    };
    let answers: Vec<String> = answers
        .into_iter()
        .filter(|a| !a.trim().is_empty())
        .collect();
    if answers.is_empty() {
        note("MultipleChoice question has no `answer.answer`; skipped".into());
        return None;
    }
    let mut seen: BTreeSet<String> = answers
        .iter()
        .map(|a| block::one_line(a).to_lowercase())
        .collect();
    let mut options: Vec<(String, bool)> = answers.into_iter().map(|a| (a, true)).collect();
    for distractor in &raw.prompt.distractors {
        if distractor.trim().is_empty() || !seen.insert(block::one_line(distractor).to_lowercase())
        {
            note(format!(
                "distractor `{}` is empty or repeats another option; left out",
                block::one_line(distractor)
            ));
            continue;
        }
        options.push((distractor.clone(), false));
    }
    let mut attributes = String::new();
    if let (Some(index), false) = (raw.prompt.answer_index, multiple) {
        let answer = options.remove(0);
        options.insert(index.min(options.len()), answer);
        attributes.push_str(" shuffle=false");
    } else if raw.prompt.sort_answers == Some(true) {
        options.sort_by(|a, b| a.0.cmp(&b.0));
        attributes.push_str(" shuffle=false");
    }
    if multiple {
        attributes.push_str(" type=multiple");
    }
    let list: Vec<String> = options
        .iter()
        .map(|(text, correct)| {
            let marker = if *correct { "- [x] " } else { "- [ ] " };
            block::item(marker, &block::literal(&(cx.relink)(text)))
        })
        .collect();
    Some(Question {
        attributes,
        body: format!("{prompt}\n\n{}", list.join("\n")),
        kind: if multiple {
            "MultipleChoice (several answers)"
        } else {
            "MultipleChoice (one answer)"
        },
    })
}

fn short_answer(raw: &Raw, cx: &Context, note: &mut dyn FnMut(String)) -> Option<Question> {
    let prompt = stem(raw, cx, note)?;
    let first = match &raw.answer.answer {
        Some(OneOrMany::One(answer)) => vec![answer.clone()],
        Some(OneOrMany::Many(answers)) => answers.clone(),
        None => Vec::new(),
    };
    let mut accepted: Vec<String> = Vec::new();
    for answer in first.iter().chain(&raw.answer.alternatives) {
        let answer = block::one_line(answer);
        if !answer.is_empty() && !accepted.contains(&answer) {
            accepted.push(answer);
        }
    }
    if accepted.is_empty() {
        note("ShortAnswer question has no `answer.answer`; skipped".into());
        return None;
    }
    if let Some(response @ ("long" | "code")) = raw.prompt.response.as_deref() {
        note(format!(
            "ShortAnswer `response = \"{response}\"` becomes a one-line text answer"
        ));
    }
    let lines: Vec<String> = accepted.iter().map(|a| format!("= {a}")).collect();
    Some(Question {
        attributes: " type=text".into(),
        body: format!("{prompt}\n\n{}", lines.join("\n")),
        kind: "ShortAnswer",
    })
}

/// The prompt as a stem, or a note when there is none.
fn stem(raw: &Raw, cx: &Context, note: &mut dyn FnMut(String)) -> Option<String> {
    match raw
        .prompt
        .prompt
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        Some(prompt) => Some(block::literal(&(cx.relink)(prompt))),
        None => {
            note("question has no `prompt.prompt`; skipped".into());
            None
        }
    }
}

/// The question's own id when khoa can store progress under it, else `<file>-<n>`; never reused.
fn unique_id(
    own: Option<&str>,
    stem: &str,
    index: usize,
    ids: &mut BTreeSet<String>,
    note: &mut dyn FnMut(String),
) -> String {
    let own = own
        .map(str::to_lowercase)
        .filter(|id| crate::config::is_storage_id(id));
    let base = own.unwrap_or_else(|| format!("{stem}-{}", index + 1));
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    if id != base {
        note(format!(
            "question id `{base}` is used twice in the course; this one becomes `{id}`"
        ));
    }
    id
}

#[cfg(test)]
mod tests;
