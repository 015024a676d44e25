//! One khoa question as GIFT: `::id::[markdown]stem {answers}` with per-option feedback after `#`
//! and the explanation after `####`, or the reason it has no GIFT form.

use super::text::{escape, escape_answer, number};
use crate::quiz::{Gap, SourceAnswer, SourceOption, SourceQuiz, StemPart, stem_parts};

/// What a question becomes.
#[derive(Debug, PartialEq)]
pub enum Exported {
    /// GIFT questions (several for a stem with several gaps), each without its trailing blank line.
    Questions(Vec<String>),
    /// No GIFT form; the reason.
    LeftOut(String),
}

/// Moodle accepts only these grades (its `question_bank::fraction_options_full`): the weight of
/// each right option when `n` of them share 100 %, written as Moodle writes them.
fn share_of_hundred(n: usize) -> Option<&'static str> {
    const SHARES: [&str; 10] = [
        "100", "50", "33.33333", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10",
    ];
    match n {
        1..=10 => Some(SHARES[n - 1]),
        20 => Some("5"),
        _ => None,
    }
}

/// The GIFT form of `quiz`.
pub fn export(quiz: &SourceQuiz) -> Exported {
    let explanation = general_feedback(&quiz.explanation);
    let stem = escape(&quiz.stem);
    let answers = match &quiz.answer {
        SourceAnswer::Choices { options, multiple } => match choices(options, *multiple) {
            Ok(answers) => answers,
            Err(why) => return Exported::LeftOut(why),
        },
        SourceAnswer::Text(accepted) => match short_answers(accepted) {
            Ok(answers) => answers,
            Err(why) => return Exported::LeftOut(why),
        },
        SourceAnswer::Number(numbers) => numbers_answer(numbers),
        SourceAnswer::Match { pairs, distractors } => matching(pairs, distractors),
        SourceAnswer::Order(_) => {
            return Exported::LeftOut(
                "order questions have no GIFT form (Moodle's GIFT has no ordering type)".into(),
            );
        }
        SourceAnswer::Gaps(gaps) => return gap_questions(quiz, gaps, &explanation),
    };
    let head = head(quiz, &quiz.id);
    Exported::Questions(vec![format!("{head}{stem} {{\n{answers}{explanation}}}")])
}

/// Comment line with what GIFT cannot say but khoa needs to grade alike (Moodle ignores
/// comments), then the title and format.
fn head(quiz: &SourceQuiz, title: &str) -> String {
    let mut extras = Vec::new();
    if quiz.points != 1 {
        extras.push(format!("points={}", quiz.points));
    }
    if quiz.fold {
        extras.push("fold=true".into());
    }
    if !quiz.shuffle {
        extras.push("shuffle=false".into());
    }
    let comment = if extras.is_empty() {
        String::new()
    } else {
        format!("// khoa: {}\n", extras.join(" "))
    };
    format!("{comment}::{}::[markdown]", escape(title))
}

fn general_feedback(explanation: &str) -> String {
    if explanation.trim().is_empty() {
        String::new()
    } else {
        format!("####{}\n", escape(explanation))
    }
}

fn feedback(option: &SourceOption) -> String {
    option
        .feedback
        .as_deref()
        .map_or(String::new(), |f| format!("#{}", escape(f)))
}

/// `=right ~wrong` for one right option; `~%w%right ~%-w%wrong` with the right weights summing
/// to 100 for check boxes, so ticking every box never earns full marks.
fn choices(options: &[SourceOption], multiple: bool) -> Result<String, String> {
    let right = options.iter().filter(|o| o.correct).count();
    let share = share_of_hundred(right).filter(|_| multiple);
    if multiple && share.is_none() {
        return Err(format!(
            "{right} right options cannot share 100 % in grades Moodle accepts (1 to 10, or 20)"
        ));
    }
    let mut out = String::new();
    for option in options {
        let mark = match (share, option.correct) {
            (None, true) => "=".to_string(),
            (None, false) => "~".to_string(),
            (Some(w), true) => format!("~%{w}%"),
            (Some(w), false) => format!("~%-{w}%"),
        };
        let text = escape_answer(&option.text);
        out.push_str(&format!("{mark}{text}{}\n", feedback(option)));
    }
    Ok(out)
}

/// `=one =two`; an answer with `->` would make Moodle read the question as matching.
fn short_answers(accepted: &[String]) -> Result<String, String> {
    if let Some(arrow) = accepted.iter().find(|a| a.contains("->")) {
        return Err(format!(
            "the text answer `{arrow}` holds `->`, which GIFT reads as a matching question"
        ));
    }
    Ok(accepted
        .iter()
        .map(|a| format!("={}\n", escape(a)))
        .collect())
}

/// `#value:tolerance`, or `#=v:t =v:t` for several accepted numbers.
fn numbers_answer(numbers: &[(f64, f64)]) -> String {
    let one =
        |(value, tolerance): &(f64, f64)| format!("{}:{}", number(*value), number(*tolerance));
    match numbers {
        [single] => format!("#{}\n", one(single)),
        _ => {
            let all: Vec<String> = numbers.iter().map(|n| format!("={}", one(n))).collect();
            format!("#{}\n", all.join(" "))
        }
    }
}

/// `=left -> right`, and `= -> right` for a right side no left side takes.
fn matching(pairs: &[(String, String)], distractors: &[String]) -> String {
    let mut out = String::new();
    for (left, right) in pairs {
        out.push_str(&format!("={} -> {}\n", escape(left), escape(right)));
    }
    for right in distractors {
        out.push_str(&format!("= -> {}\n", escape(right)));
    }
    out
}

/// One missing-word question per gap (gift-pegjs refuses two blanks in one question): the other
/// gaps show as `(…)`. A lone gap keeps the question's id; gap `k` of several is `<id>-gap-k`.
fn gap_questions(quiz: &SourceQuiz, gaps: &[Gap], explanation: &str) -> Exported {
    let parts = stem_parts(&quiz.stem);
    let mut questions = Vec::new();
    for (k, gap) in gaps.iter().enumerate() {
        let answers = match gap_answers(gap) {
            Ok(answers) => answers,
            Err(why) => return Exported::LeftOut(why),
        };
        let mut text = String::new();
        for part in &parts {
            match part {
                StemPart::Text(t) => text.push_str(&escape_inline(t)),
                StemPart::Gap(n) if *n == k => {
                    text.push_str(&format!("{{\n{answers}{explanation}}}"))
                }
                StemPart::Gap(_) => text.push_str("(…)"),
            }
        }
        let title = match gaps.len() {
            1 => quiz.id.clone(),
            _ => format!("{}-gap-{}", quiz.id, k + 1),
        };
        questions.push(format!("{}{}", head(quiz, &title), text.trim()));
    }
    Exported::Questions(questions)
}

/// Text between gaps: escaped like any text, keeping the spaces around it.
fn escape_inline(text: &str) -> String {
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let middle = escape(text);
    match middle.is_empty() {
        true => " ".repeat(usize::from(!text.is_empty())),
        false => format!(
            "{}{middle}{}",
            if lead.is_empty() { "" } else { " " },
            if trail.is_empty() { "" } else { " " }
        ),
    }
}

fn gap_answers(gap: &Gap) -> Result<String, String> {
    match gap {
        Gap::Blank(accepted) => short_answers(accepted),
        Gap::Choice { choices, correct } => Ok(choices
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mark = if i == *correct { '=' } else { '~' };
                format!("{mark}{}\n", escape_answer(c))
            })
            .collect()),
    }
}

#[cfg(test)]
mod tests;
