//! Quiz markup: the HTML of a parsed question (a readable form without JavaScript, a `<details>`
//! revealing the answer) and its answer key as JSON for `quiz.js`.
//!
//! CSS classes themes may style: `.quiz` (+ `.quiz-<type>`), `.quiz-stem`, `.quiz-answers`
//! (fieldset), `.quiz-legend`, `.quiz-options`/`.quiz-option`, `.quiz-feedback`, `.quiz-input`,
//! `.quiz-order`/`.quiz-item`/`.quiz-up`/`.quiz-down`, `.quiz-match`/`.quiz-pair`/`.quiz-left`,
//! `.quiz-gap`, `.quiz-hints`/`.quiz-hint`, `.quiz-actions`/`.quiz-check`/`.quiz-retry`/
//! `.quiz-hint-button`, `.quiz-result` (`-right`/`-wrong`), `.quiz-mark` (`-right`/`-wrong`),
//! `.quiz-reveal`/`.quiz-solution`, `.quiz-explanation`, and `.quiz-score` (added by quiz.js).

use super::answers::Gap;
use super::attrs::Attrs;
use super::build::plain;
use super::parse::{Answer, Fragment, GAP_CLOSE, GAP_OPEN, Parsed};
use super::{Block, Question, fnv1a};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::escape::html as escape;
use crate::i18n;
use crate::markdown::{PageInput, PageLink, render_fragment};
use serde_json::{Value, json};
use std::fmt::Write;

/// The `type` a parsed answer has in the page data.
pub fn kind_name(answer: &Answer) -> &'static str {
    match answer {
        Answer::Choices {
            multiple: false, ..
        } => "single",
        Answer::Choices { multiple: true, .. } => "multiple",
        Answer::Text(_) => "text",
        Answer::Number(_) => "number",
        Answer::Order(_) => "order",
        Answer::Match { .. } => "match",
        Answer::Gaps(_) => "gaps",
    }
}

/// Element ids of a question: khoa's reserved prefix, a letter (and index) naming the element,
/// then the question id, so no two questions share an element id: `_khoa-q-<id>` the question, `_khoa-s-<id>` its
/// stem, `_khoa-o<n>-<id>` an option, `_khoa-l<n>-<id>` a match row, `_khoa-i-<id>` a text input.
struct Ctx<'b, 'a> {
    block: &'b Block<'a>,
    lines: LineIndex<'a>,
    /// The question id.
    id: String,
    diagnostics: &'b mut Vec<Diagnostic>,
    links: Vec<PageLink>,
}

impl Ctx<'_, '_> {
    fn t(&self, key: &str) -> String {
        escape(i18n::text(self.block.page.language, key))
    }

    /// Renders a fragment's Markdown with diagnostics and links at their `.md` line and column.
    fn markdown(&mut self, fragment: &Fragment) -> String {
        let (line, column) = self.lines.position(fragment.offset);
        let line_offset = self.block.fence_line + line - 1;
        let page = PageInput {
            text: &fragment.text,
            line_offset,
            lesson_id: "",
            ..*self.block.page
        };
        let (html, diagnostics, links) = render_fragment(&page);
        let body = self.block.body;
        let shift = |file_line: usize| {
            let k = file_line.saturating_sub(line_offset);
            cut_columns(body, fragment, (line, column), k)
        };
        for mut d in diagnostics {
            d.column += shift(d.line);
            self.diagnostics.push(d);
        }
        for mut link in links {
            link.column += shift(link.line);
            self.links.push(link);
        }
        html
    }

    /// A fragment as inline HTML: a lone paragraph loses its `<p>`.
    fn inline(&mut self, fragment: &Fragment) -> String {
        let html = self.markdown(fragment);
        let trimmed = html.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => trimmed.to_string(),
        }
    }

    fn all(&mut self, fragments: &[Fragment]) -> String {
        fragments.iter().map(|f| self.markdown(f)).collect()
    }
}

/// Columns cut from line `k` (1-based) of a fragment that starts at `start` (body line, column):
/// list and task markers, indentation and `>`. Zero when the line is not found in its source.
fn cut_columns(body: &str, fragment: &Fragment, start: (usize, usize), k: usize) -> usize {
    let (Some(k0), Some(first0)) = (k.checked_sub(1), start.0.checked_sub(1)) else {
        return 0;
    };
    let source = body.lines().nth(first0 + k0).unwrap_or("");
    let Some(own) = fragment.text.lines().nth(k0).filter(|l| !l.is_empty()) else {
        return 0;
    };
    let from = match k0 {
        0 => source
            .char_indices()
            .nth(start.1 - 1)
            .map_or(source.len(), |(i, _)| i),
        _ => 0,
    };
    let found = if k0 == 0 {
        source[from..].find(own).map(|i| from + i)
    } else {
        source.ends_with(own).then(|| source.len() - own.len())
    };
    found.map_or(0, |i| source[..i].chars().count())
}

/// The complete markup of one question and the links inside it.
pub fn html(
    block: &Block,
    question: &Question,
    attrs: &Attrs,
    parsed: &Parsed,
    answer: &Answer,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, Vec<PageLink>) {
    let mut cx = Ctx {
        block,
        lines: LineIndex::new(block.body),
        id: question.id.clone(),
        diagnostics,
        links: Vec::new(),
    };
    let shuffle = attrs.shuffle.as_ref().is_none_or(|s| s.value);
    let fold = attrs.fold.as_ref().is_some_and(|f| f.value);
    let id = &cx.id.clone();
    let mut out = format!(
        "<div class=\"quiz quiz-{kind}\" id=\"_khoa-q-{id}\" data-question=\"{qid}\" data-type=\"{kind}\" data-points=\"{points}\" data-shuffle=\"{shuffle}\">\n",
        kind = question.kind,
        qid = question.id,
        points = question.points,
    );
    let stem = cx.all(&parsed.stem);
    let (controls, data, solution) = answer_html(&mut cx, answer, fold, &stem);
    if !matches!(answer, Answer::Gaps(_)) {
        let _ = writeln!(
            out,
            "<div class=\"quiz-stem\" id=\"_khoa-s-{id}\">{stem}</div>"
        );
    }
    let legend = cx.t(legend_key(answer));
    let _ = writeln!(
        out,
        "<fieldset class=\"quiz-answers\" aria-describedby=\"_khoa-s-{id}\"><legend class=\"quiz-legend\">{legend}</legend>\n{controls}</fieldset>"
    );
    out.push_str(&hints_html(&mut cx, &parsed.hints));
    out.push_str(&actions_html(&cx, !parsed.hints.is_empty()));
    let explanation = cx.all(&parsed.explanation);
    let _ = writeln!(
        out,
        "<details class=\"quiz-reveal\"><summary>{}</summary>\n<div class=\"quiz-solution\"><p class=\"quiz-solution-title\">{}</p>\n{solution}</div>",
        cx.t("quiz_show_answer"),
        cx.t("quiz_answer"),
    );
    if !explanation.is_empty() {
        let _ = writeln!(out, "<div class=\"quiz-explanation\">{explanation}</div>");
    }
    out.push_str("</details>\n");
    let mut data = data;
    data["type"] = json!(question.kind);
    let _ = writeln!(
        out,
        "<script type=\"application/json\" class=\"quiz-data\">{}</script>\n</div>",
        crate::escape::script_json(&data)
    );
    (out, cx.links)
}

fn legend_key(answer: &Answer) -> &'static str {
    match answer {
        Answer::Choices {
            multiple: false, ..
        } => "quiz_pick_one",
        Answer::Choices { multiple: true, .. } => "quiz_pick_many",
        Answer::Text(_) => "quiz_type_text",
        Answer::Number(_) => "quiz_type_number",
        Answer::Order(_) => "quiz_order",
        Answer::Match { .. } => "quiz_match",
        Answer::Gaps(_) => "quiz_gaps",
    }
}

/// (controls, answer key, solution HTML); gaps turn the stem itself into the form.
fn answer_html(cx: &mut Ctx, answer: &Answer, fold: bool, stem: &str) -> (String, Value, String) {
    let id = cx.id.clone();
    match answer {
        Answer::Choices { options, multiple } => {
            let input = if *multiple { "checkbox" } else { "radio" };
            let mut html = String::from("<ul class=\"quiz-options\">\n");
            let mut solution = String::from("<ul>");
            for (i, option) in options.iter().enumerate() {
                let text = cx.inline(&option.content);
                let _ = write!(
                    html,
                    "<li class=\"quiz-option\" data-index=\"{i}\"><input type=\"{input}\" id=\"_khoa-o{i}-{id}\" name=\"_khoa-q-{id}\" value=\"{i}\"><label for=\"_khoa-o{i}-{id}\">{text}</label>"
                );
                if let Some(feedback) = &option.feedback {
                    let feedback = cx.markdown(feedback);
                    let _ = write!(html, "<div class=\"quiz-feedback\" hidden>{feedback}</div>");
                }
                html.push_str("</li>\n");
                if option.correct {
                    let _ = write!(solution, "<li>{text}</li>");
                }
            }
            html.push_str("</ul>\n");
            solution.push_str("</ul>\n");
            let correct: Vec<usize> = (0..options.len()).filter(|&i| options[i].correct).collect();
            (html, json!({ "correct": correct }), solution)
        }
        Answer::Text(answers) => {
            let html = text_input(cx, "text");
            let solution = list_of(answers.iter().map(|a| escape(a)));
            (html, json!({ "answers": answers, "fold": fold }), solution)
        }
        Answer::Number(numbers) => {
            let html = text_input(cx, "decimal");
            let solution = list_of(numbers.iter().map(|(_, text)| escape(text)));
            let key: Vec<[f64; 2]> = numbers
                .iter()
                .map(|(n, _)| [n.value, n.tolerance])
                .collect();
            (html, json!({ "numbers": key }), solution)
        }
        Answer::Order(items) => order_html(cx, items),
        Answer::Match { pairs, rights } => match_html(cx, pairs, rights),
        Answer::Gaps(gaps) => gaps_html(cx, gaps, stem, fold),
    }
}

fn text_input(cx: &Ctx, mode: &str) -> String {
    format!(
        "<input type=\"text\" class=\"quiz-input\" id=\"_khoa-i-{}\" inputmode=\"{mode}\" aria-label=\"{}\" autocomplete=\"off\" autocapitalize=\"off\" spellcheck=\"false\">\n",
        cx.id,
        cx.t("quiz_your_answer"),
    )
}

fn list_of(items: impl Iterator<Item = String>) -> String {
    let items: String = items.map(|i| format!("<li>{i}</li>")).collect();
    format!("<ul>{items}</ul>\n")
}

fn order_html(cx: &mut Ctx, items: &[Fragment]) -> (String, Value, String) {
    let texts: Vec<String> = items.iter().map(|f| cx.inline(f)).collect();
    let (up, down) = (cx.t("quiz_up"), cx.t("quiz_down"));
    let mut html = String::from("<ol class=\"quiz-order\">\n");
    // Seeded with the question's former element id so that shown orders stay as published.
    for i in shown_order(&format!("quiz-{}", cx.id), items.len()) {
        let name = escape(&plain(&items[i].text));
        let _ = writeln!(
            html,
            "<li class=\"quiz-item\" data-index=\"{i}\"><span class=\"quiz-item-text\">{}</span><span class=\"quiz-move\" data-js hidden><button type=\"button\" class=\"quiz-up\" aria-label=\"{up}: {name}\">↑</button><button type=\"button\" class=\"quiz-down\" aria-label=\"{down}: {name}\">↓</button></span></li>",
            texts[i]
        );
    }
    html.push_str("</ol>\n");
    let solution = format!(
        "<ol>{}</ol>\n",
        texts
            .iter()
            .map(|t| format!("<li>{t}</li>"))
            .collect::<String>()
    );
    (html, json!({ "count": items.len() }), solution)
}

/// A fixed permutation of `0..n` derived from the question id, never the correct order (n > 1).
fn shown_order(id: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = fnv1a(id) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        order.swap(i, state as usize % (i + 1));
    }
    if n > 1 && order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

fn match_html(
    cx: &mut Ctx,
    pairs: &[(Fragment, usize)],
    rights: &[String],
) -> (String, Value, String) {
    let id = cx.id.clone();
    let choose = cx.t("quiz_choose");
    let options: String = rights
        .iter()
        .enumerate()
        .map(|(i, r)| format!("<option value=\"{i}\">{}</option>", escape(r)))
        .collect();
    let mut html = String::from("<ul class=\"quiz-match\">\n");
    let mut solution = String::from("<ul>");
    for (i, (left, right)) in pairs.iter().enumerate() {
        let left = cx.inline(left);
        let _ = writeln!(
            html,
            "<li class=\"quiz-pair\" data-index=\"{i}\"><span class=\"quiz-left\" id=\"_khoa-l{i}-{id}\">{left}</span> <select class=\"quiz-select\" aria-labelledby=\"_khoa-l{i}-{id}\"><option value=\"\">{choose}</option>{options}</select></li>"
        );
        let _ = write!(solution, "<li>{left} → {}</li>", escape(&rights[*right]));
    }
    html.push_str("</ul>\n");
    solution.push_str("</ul>\n");
    let correct: Vec<usize> = pairs.iter().map(|(_, r)| *r).collect();
    (html, json!({ "correct": correct }), solution)
}

/// Gap questions: the stem itself is the form, each marker replaced by an input or a select.
fn gaps_html(cx: &mut Ctx, gaps: &[Gap], stem: &str, fold: bool) -> (String, Value, String) {
    let id = cx.id.clone();
    let gap_word = cx.t("quiz_gap");
    let mut controls = Vec::with_capacity(gaps.len());
    let mut key = Vec::new();
    let mut solution = String::from("<ol>");
    for (i, gap) in gaps.iter().enumerate() {
        let label = format!("{gap_word} {}", i + 1);
        let control = match gap {
            Gap::Blank(answers) => {
                key.push(json!({ "answers": answers }));
                let _ = write!(solution, "<li>{}</li>", escape(&answers.join(" / ")));
                format!(
                    "<input type=\"text\" class=\"quiz-gap\" data-gap=\"{i}\" aria-label=\"{label}\" size=\"{}\" autocomplete=\"off\" autocapitalize=\"off\" spellcheck=\"false\">",
                    answers
                        .iter()
                        .map(|a| a.chars().count())
                        .max()
                        .unwrap_or(4)
                        .clamp(4, 24)
                )
            }
            Gap::Choice { choices, correct } => {
                key.push(json!({ "choice": correct }));
                let _ = write!(solution, "<li>{}</li>", escape(&choices[*correct]));
                let options: String = choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("<option value=\"{i}\">{}</option>", escape(c)))
                    .collect();
                format!(
                    "<select class=\"quiz-gap\" data-gap=\"{i}\" aria-label=\"{label}\"><option value=\"\">…</option>{options}</select>"
                )
            }
        };
        controls.push(control);
    }
    solution.push_str("</ol>\n");
    let html = fill_gaps(stem, &controls);
    let html = format!("<div class=\"quiz-stem\" id=\"_khoa-s-{id}\">{html}</div>\n");
    (html, json!({ "gaps": key, "fold": fold }), solution)
}

/// The stem with each gap marker replaced by its control, in one pass (replacing markers one by
/// one would copy the stem once per gap).
fn fill_gaps(stem: &str, controls: &[String]) -> String {
    let mut html =
        String::with_capacity(stem.len() + controls.iter().map(String::len).sum::<usize>());
    let mut rest = stem;
    while let Some(open) = rest.find(GAP_OPEN) {
        let after = &rest[open + GAP_OPEN.len_utf8()..];
        let close = after.find(GAP_CLOSE);
        let control = close
            .and_then(|close| after[..close].parse::<usize>().ok())
            .and_then(|n| controls.get(n));
        match (control, close) {
            (Some(control), Some(close)) => {
                html.push_str(&rest[..open]);
                html.push_str(control);
                rest = &after[close + GAP_CLOSE.len_utf8()..];
            }
            _ => {
                html.push_str(&rest[..open + GAP_OPEN.len_utf8()]);
                rest = after;
            }
        }
    }
    html.push_str(rest);
    html
}

fn hints_html(cx: &mut Ctx, hints: &[Fragment]) -> String {
    if hints.is_empty() {
        return String::new();
    }
    let mut html = format!(
        "<details class=\"quiz-hints\" aria-live=\"polite\"><summary>{}</summary>\n",
        cx.t("quiz_hints")
    );
    for hint in hints {
        let _ = writeln!(html, "<div class=\"quiz-hint\">{}</div>", cx.markdown(hint));
    }
    html.push_str("</details>\n");
    html
}

fn actions_html(cx: &Ctx, hints: bool) -> String {
    let hint = if hints {
        format!(
            " <button type=\"button\" class=\"quiz-hint-button\">{}</button>",
            cx.t("quiz_hint")
        )
    } else {
        String::new()
    };
    format!(
        "<div class=\"quiz-actions\" data-js hidden><button type=\"button\" class=\"quiz-check\">{}</button> <button type=\"button\" class=\"quiz-retry\" hidden>{}</button>{hint}</div>\n<p class=\"quiz-result\" role=\"status\" aria-live=\"polite\"></p>\n",
        cx.t("quiz_check"),
        cx.t("quiz_retry"),
    )
}
