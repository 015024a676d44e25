//! Quiz answer syntax: numbers with tolerance (`= 3.5 ± 0.1`) and gaps in the stem (`[[a|(b)]]`).

/// An accepted number and how far from it an answer may be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    pub tolerance: f64,
}

/// Why an answer line is not a number.
#[derive(Debug, PartialEq)]
pub enum NumberError {
    /// Not written as a number at all (it may be a text answer).
    NotNumber,
    /// Has a `±` / `+-` but the number or tolerance is malformed.
    Malformed,
}

/// Parses `113`, `-2.5`, `3.5 ± 0.1` or `3.5 +- 0.1` (authors write a decimal point).
pub fn number(text: &str) -> Result<Number, NumberError> {
    let split = text
        .split_once('±')
        .or_else(|| text.split_once("+-"))
        .map(|(v, t)| (v.trim(), t.trim()));
    match split {
        Some((value, tolerance)) => match (plain_number(value), plain_number(tolerance)) {
            (Some(value), Some(tolerance)) if tolerance >= 0.0 => Ok(Number { value, tolerance }),
            _ => Err(NumberError::Malformed),
        },
        None => plain_number(text.trim())
            .map(|value| Number {
                value,
                tolerance: 0.0,
            })
            .ok_or(NumberError::NotNumber),
    }
}

fn plain_number(text: &str) -> Option<f64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if all_digits(whole) && all_digits(fraction) {
        text.parse().ok()
    } else {
        None
    }
}

/// `3,5` or `3,5 ± 0,1`: a number written with a decimal comma (ambiguous for an answer key).
pub fn comma_decimal(text: &str) -> bool {
    text.contains(',') && number(&text.replace(',', ".")).is_ok()
}

/// A gap in the stem.
#[derive(Clone, Debug, PartialEq)]
pub enum Gap {
    /// A blank accepting any of these answers.
    Blank(Vec<String>),
    /// A dropdown of `choices`; `correct` is the index of the right one.
    Choice {
        choices: Vec<String>,
        correct: usize,
    },
}

/// A `[[...]]` found in text: byte range (brackets included) and its parsed content.
#[derive(Debug, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub gap: Result<Gap, String>,
}

/// Every `[[...]]` on a single line of `text`, except inside the `skip` byte ranges.
pub fn find_gaps(text: &str, skip: &[std::ops::Range<usize>]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("[[").map(|i| i + from) {
        let Some(close) = text[open + 2..].find("]]").map(|i| i + open + 2) else {
            break;
        };
        let inner = &text[open + 2..close];
        if inner.contains('\n') || skip.iter().any(|r| r.contains(&open)) {
            from = open + 2;
            continue;
        }
        found.push(Found {
            start: open,
            end: close + 2,
            gap: gap(inner),
        });
        from = close + 2;
    }
    found
}

/// Parses the inside of `[[...]]`.
pub fn gap(inner: &str) -> Result<Gap, String> {
    if inner.trim().is_empty() {
        return Err("empty gap `[[]]`: write the accepted answer inside".into());
    }
    if inner.trim() == "?" {
        return Err("`[[?]]` makes a hint only at the start of a line".into());
    }
    let parts: Vec<&str> = inner.split('|').map(str::trim).collect();
    let empty = |p: &&str| {
        p.is_empty()
            || p.strip_prefix('(')
                .and_then(|p| p.strip_suffix(')'))
                .is_some_and(|p| p.trim().is_empty())
    };
    if parts.iter().any(empty) {
        return Err(format!("gap `[[{inner}]]` has an empty answer between `|`"));
    }
    let is_marked = |p: &&str| p.len() > 2 && p.starts_with('(') && p.ends_with(')');
    let marked: Vec<usize> = (0..parts.len()).filter(|&i| is_marked(&parts[i])).collect();
    if marked.len() > 1 {
        return Err(format!(
            "dropdown gap `[[{inner}]]` marks several choices with parentheses: mark exactly one"
        ));
    }
    if !marked.is_empty() && parts.len() > super::MAX_CHOICES {
        return Err(format!(
            "dropdown gap has {} choices (at most {}): keep the likely wrong answers, or make it a text gap `[[answer]]`",
            parts.len(),
            super::MAX_CHOICES
        ));
    }
    let choices: Vec<String> = parts
        .iter()
        .map(|p| match is_marked(p) {
            true => p[1..p.len() - 1].trim().to_string(),
            false => p.to_string(),
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let duplicate = choices.iter().find(|c| !seen.insert(crate::fold::lower(c)));
    if let (Some(duplicate), false) = (duplicate, marked.is_empty()) {
        return Err(format!("gap `[[{inner}]]` lists `{duplicate}` twice"));
    }
    match marked.as_slice() {
        [] => Ok(Gap::Blank(choices)),
        [_] if choices.len() < 2 => Err(format!(
            "dropdown gap `[[{inner}]]` needs at least two choices separated by `|`"
        )),
        [correct, ..] => Ok(Gap::Choice {
            choices,
            correct: *correct,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_and_without_tolerance() {
        let n = |v, t| {
            Ok(Number {
                value: v,
                tolerance: t,
            })
        };
        assert_eq!(number("113"), n(113.0, 0.0));
        assert_eq!(number("3.5 ± 0.1"), n(3.5, 0.1));
        assert_eq!(number("3.5 +- 0.1"), n(3.5, 0.1));
        assert_eq!(number("-2"), n(-2.0, 0.0));
        assert_eq!(number("2 bước"), Err(NumberError::NotNumber));
        assert_eq!(number("3,5"), Err(NumberError::NotNumber));
        assert_eq!(number("1e5"), Err(NumberError::NotNumber));
        assert_eq!(number("3.5 ± abc"), Err(NumberError::Malformed));
        assert_eq!(number("3.5 ± -1"), Err(NumberError::Malformed));
        assert_eq!(number("x +- 1"), Err(NumberError::Malformed));
        assert!(comma_decimal("3,5") && comma_decimal("3,5 ± 0,1") && comma_decimal("-0,25"));
        assert!(!comma_decimal("3.5") && !comma_decimal("a, b") && !comma_decimal("1,2,3"));
    }

    #[test]
    fn gaps_blank_alternatives_and_dropdowns() {
        assert_eq!(gap("VNeID"), Ok(Gap::Blank(vec!["VNeID".into()])));
        assert_eq!(
            gap("VNeID|vneid id"),
            Ok(Gap::Blank(vec!["VNeID".into(), "vneid id".into()]))
        );
        assert_eq!(
            gap("1|(2)|3"),
            Ok(Gap::Choice {
                choices: vec!["1".into(), "2".into(), "3".into()],
                correct: 1
            })
        );
        assert!(gap(" ").unwrap_err().contains("empty gap"));
        assert!(gap("a||b").unwrap_err().contains("empty answer"));
        assert!(gap("(a)|(b)").unwrap_err().contains("exactly one"));
        assert!(gap("(a)").unwrap_err().contains("two choices"));
        assert!(gap("(a)|A").unwrap_err().contains("twice"));
        assert!(gap("a|A").is_ok(), "redundant blank answers are harmless");
        assert!(gap("a|()|c").unwrap_err().contains("empty answer"));
        assert!(gap("a|( )").unwrap_err().contains("empty answer"));
    }

    #[test]
    fn finds_gaps_outside_code() {
        let text = "Là [[VNeID]] và `[[code]]` và [[]]";
        let code_start = text.find('`').unwrap();
        let code = code_start..code_start + 10;
        let found = find_gaps(text, std::slice::from_ref(&code));
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].start..found[0].end], "[[VNeID]]");
        assert!(found[1].gap.is_err());
    }
}
