//! The numbers of a GIFT numerical question: `{#3.5:0.1}`, `{#3.4..3.6}`, `{#=3.5:0.1 =7}`.

use super::answers::{pieces, weight, with_feedback};
use super::parse::{GiftError, NumberAnswer, Pos};

type Chars = [super::parse::Ch];

/// Parses what follows `#` in an answer block starting at `hash`.
pub fn numbers(chars: &Chars, hash: Pos) -> Result<Vec<NumberAnswer>, GiftError> {
    let first = chars.iter().find(|c| !c.c.is_whitespace());
    if first.is_some_and(|c| matches!(c.c, '=' | '~') && !c.escaped) {
        let mut out = Vec::new();
        for piece in pieces(chars)? {
            let (weight, rest) = weight(&piece[1..])?;
            let (text, feedback) = with_feedback(rest);
            let (value, tolerance) = number(&text, piece[0].at)?;
            out.push(NumberAnswer {
                at: piece[0].at,
                right: piece[0].c == '=',
                weight,
                value,
                tolerance,
                feedback,
            });
        }
        return Ok(out);
    }
    let (text, feedback) = with_feedback(chars);
    let (value, tolerance) = number(&text, hash)?;
    Ok(vec![NumberAnswer {
        at: hash,
        right: true,
        weight: None,
        value,
        tolerance,
        feedback,
    }])
}

/// `3.5:0.1`, `3.4..3.6` or `3.5` as (value, tolerance).
fn number(text: &str, at: Pos) -> Result<(f64, f64), GiftError> {
    let bad = || GiftError {
        at,
        message: format!("`{text}` is not a number: write `3.5`, `3.5:0.1` or `3.4..3.6`"),
    };
    let parse = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(bad)
    };
    if let Some((low, high)) = text.split_once("..") {
        let (low, high) = (parse(low)?, parse(high)?);
        if high < low {
            return Err(bad());
        }
        return Ok(((low + high) / 2.0, (high - low) / 2.0));
    }
    match text.split_once(':') {
        Some((value, tolerance)) => Ok((parse(value)?, parse(tolerance)?.abs())),
        None => Ok((parse(text)?, 0.0)),
    }
}
