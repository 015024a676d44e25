//! A GIFT missing-word question (text on both sides of its answers) → a khoa gap `[[...]]`:
//! choices become a drop-down `[[(right)|wrong]]`, short answers a blank `[[one|two]]`.

use super::convert::{stem, stem_text};
use super::parse::{Answers, Question};

/// The quiz body of a missing-word question, a note on what changed, or why it cannot be a gap.
pub fn missing_word(
    q: &Question,
    explanation: Option<&str>,
) -> Result<(String, Option<String>), String> {
    let (gap, note) = match &q.answers {
        Answers::Choices(choices) => {
            let right: Vec<usize> = (0..choices.len())
                .filter(|&i| choices[i].right || choices[i].weight.is_some_and(|w| w >= 100.0))
                .collect();
            let [right] = right[..] else {
                return Err("a drop-down gap needs exactly one right answer".into());
            };
            let texts: Vec<String> = choices
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == right {
                        format!("({})", c.text)
                    } else {
                        c.text.clone()
                    }
                })
                .collect();
            let feedback = choices.iter().any(|c| c.feedback.is_some());
            (
                texts.join("|"),
                feedback.then(|| {
                    "the feedback of its choices is left out (a gap has none)".to_string()
                }),
            )
        }
        Answers::Short(choices) => {
            if choices.iter().any(|c| c.text.contains('*')) {
                return Err("it uses Moodle's `*` wildcard, which khoa does not grade".into());
            }
            let texts: Vec<&str> = choices.iter().map(|c| c.text.as_str()).collect();
            let feedback = choices.iter().any(|c| c.feedback.is_some());
            (
                texts.join("|"),
                feedback.then(|| {
                    "the feedback of its answers is left out (a gap has none)".to_string()
                }),
            )
        }
        _ => return Err("only choices and short answers can be a gap inside a sentence".into()),
    };
    if gap.contains("]]") || gap.contains('\n') || gap_has_bar(&q.answers) {
        return Err("a gap's answers cannot hold `|`, `]]` or a new line".into());
    }
    let space = |spaced: bool| if spaced { " " } else { "" };
    let after = stem_text(q, q.after.as_deref().unwrap_or(""));
    let before = stem(q);
    let (left, right) = (space(q.spaced.0 && !before.is_empty()), space(q.spaced.1));
    let mut body = format!("{before}{left}[[{gap}]]{right}{after}")
        .trim()
        .to_string();
    body.push('\n');
    if let Some(explanation) = explanation {
        body.push_str(&format!("\n{explanation}\n"));
    }
    Ok((body, note))
}

fn gap_has_bar(answers: &Answers) -> bool {
    match answers {
        Answers::Choices(c) | Answers::Short(c) => c.iter().any(|c| c.text.contains('|')),
        _ => false,
    }
}
