//! The shape of a question's answer: what a translation must keep so that answers stored for the
//! original still mean the same (which options are right, how many items, pairs and gaps, the
//! numbers), written as a short phrase that `check` can compare and quote. Wording is free.

use super::Gap;
use super::parse::Answer;

/// The shape of `answer`, as `check` quotes it (`4 options, right: 2, 3`).
pub(super) fn shape(answer: &Answer) -> String {
    match answer {
        Answer::Choices { options, .. } => {
            let right: Vec<String> = (0..options.len())
                .filter(|&i| options[i].correct)
                .map(|i| (i + 1).to_string())
                .collect();
            format!("{} options, right: {}", options.len(), right.join(", "))
        }
        Answer::Text(_) => "a typed answer".into(),
        Answer::Number(numbers) => {
            let values: Vec<String> = numbers
                .iter()
                .map(|(n, _)| format!("{}±{}", n.value, n.tolerance))
                .collect();
            format!("the number {}", values.join(" or "))
        }
        Answer::Order(items) => format!("{} items to order", items.len()),
        Answer::Match { pairs, rights } => {
            let right: Vec<String> = pairs.iter().map(|(_, r)| (r + 1).to_string()).collect();
            format!(
                "{} pairs, {} right sides, matched to {}",
                pairs.len(),
                rights.len(),
                right.join(", ")
            )
        }
        Answer::Gaps(gaps) => {
            let kinds: Vec<String> = gaps
                .iter()
                .map(|gap| match gap {
                    Gap::Blank(_) => "blank".to_string(),
                    Gap::Choice { choices, correct } => {
                        format!("{} choices, right: {}", choices.len(), correct + 1)
                    }
                })
                .collect();
            format!("{} gaps ({})", gaps.len(), kinds.join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::answers::Number;
    use crate::quiz::parse::{Choice, Fragment};

    fn text() -> Fragment {
        Fragment {
            text: String::new(),
            offset: 0,
        }
    }

    fn choice(correct: bool) -> Choice {
        Choice {
            content: text(),
            feedback: None,
            correct,
        }
    }

    #[test]
    fn a_shape_keeps_what_stored_answers_depend_on_and_not_the_wording() {
        let options = vec![choice(false), choice(true), choice(true)];
        let multiple = Answer::Choices {
            options,
            multiple: true,
        };
        assert_eq!(shape(&multiple), "3 options, right: 2, 3");
        let other = Answer::Choices {
            options: vec![choice(true), choice(false), choice(true)],
            multiple: true,
        };
        assert_ne!(shape(&multiple), shape(&other));
        assert_eq!(
            shape(&Answer::Text(vec!["Hà Nội".into()])),
            shape(&Answer::Text(vec!["Hanoi".into(), "Ha Noi".into()]))
        );
        let number = |v| {
            Answer::Number(vec![(
                Number {
                    value: v,
                    tolerance: 0.5,
                },
                "x".into(),
            )])
        };
        assert_ne!(shape(&number(3.0)), shape(&number(4.0)));
        let gaps = Answer::Gaps(vec![
            Gap::Blank(vec!["a".into()]),
            Gap::Choice {
                choices: vec!["x".into(), "y".into()],
                correct: 1,
            },
        ]);
        assert_eq!(shape(&gaps), "2 gaps (blank; 2 choices, right: 2)");
        let matched = Answer::Match {
            pairs: vec![(text(), 1), (text(), 0)],
            rights: vec!["a".into(), "b".into(), "c".into()],
        };
        assert_eq!(shape(&matched), "2 pairs, 3 right sides, matched to 2, 1");
    }
}
