//! The answer block of a GIFT question, between `{` and `}`: its type decided as Moodle's
//! `qformat_gift` decides it, its answers with weights and feedback, and the `####` feedback.

use super::parse::{
    Answers, Chars, Choice, GiftError, Pos, error, find, skip_space, starts, text_of,
};

/// The answers between `{` and `}` and the `####` general feedback.
pub(super) fn answer_block(
    chars: &Chars,
    open: Pos,
) -> Result<(Answers, Option<String>), GiftError> {
    let general = (0..chars.len()).find(|&k| starts(chars, k, "####"));
    let (body, general) = match general {
        Some(k) => (&chars[..k], Some(text_of(&chars[k + 4..]))),
        None => (chars, None),
    };
    let start = skip_space(body, 0);
    let unescaped = |c: char| body.iter().any(|ch| ch.c == c && !ch.escaped);
    let answers = if start == body.len() {
        Answers::Essay
    } else if body[start].c == '#' && !body[start].escaped {
        Answers::Numbers(super::numbers::numbers(&body[start + 1..], body[start].at)?)
    } else if unescaped('~') {
        Answers::Choices(choices(body)?)
    } else if !unescaped('=') {
        true_false(&body[start..])?
    } else if contains_arrow(body) {
        Answers::Match(pairs(body)?)
    } else {
        Answers::Short(choices(body)?)
    };
    if matches!(answers, Answers::Essay)
        && general.is_none()
        && chars.iter().any(|c| !c.c.is_whitespace())
    {
        return Err(error(open, "unreadable answer block"));
    }
    Ok((answers, general))
}

fn contains_arrow(chars: &Chars) -> bool {
    (0..chars.len()).any(|k| starts(chars, k, "->"))
}

/// Splits at unescaped `=` and `~`: each piece starts with its mark.
pub(super) fn pieces(chars: &Chars) -> Result<Vec<&Chars>, GiftError> {
    let start = skip_space(chars, 0);
    let marks: Vec<usize> = (start..chars.len())
        .filter(|&k| matches!(chars[k].c, '=' | '~') && !chars[k].escaped)
        .collect();
    if marks.first() != Some(&start) {
        return Err(error(
            chars[start].at,
            "an answer must start with `=` (right) or `~` (wrong)",
        ));
    }
    let mut out = Vec::new();
    for (n, &k) in marks.iter().enumerate() {
        let end = marks.get(n + 1).copied().unwrap_or(chars.len());
        out.push(&chars[k..end]);
    }
    Ok(out)
}

/// `%weight%` at the start of `chars`, and what follows it.
pub(super) fn weight(chars: &Chars) -> Result<(Option<f64>, &Chars), GiftError> {
    let i = skip_space(chars, 0);
    if chars.get(i).is_none_or(|c| c.c != '%') {
        return Ok((None, &chars[i..]));
    }
    let close = find(chars, i + 1, '%')
        .ok_or_else(|| error(chars[i].at, "the weight opened with `%` is not closed"))?;
    let text = text_of(&chars[i + 1..close]);
    match text.parse::<f64>() {
        Ok(w) if (-100.0..=100.0).contains(&w) => Ok((Some(w), &chars[close + 1..])),
        _ => Err(error(
            chars[i].at,
            format!("weight `%{text}%` must be a percentage from -100 to 100"),
        )),
    }
}

/// Text and the `#` feedback after it.
pub(super) fn with_feedback(chars: &Chars) -> (String, Option<String>) {
    match find(chars, 0, '#') {
        Some(k) => (text_of(&chars[..k]), Some(text_of(&chars[k + 1..]))),
        None => (text_of(chars), None),
    }
}

fn choices(chars: &Chars) -> Result<Vec<Choice>, GiftError> {
    let mut out = Vec::new();
    for piece in pieces(chars)? {
        let (weight, rest) = weight(&piece[1..])?;
        let (text, feedback) = with_feedback(rest);
        if text.is_empty() {
            return Err(error(
                piece[0].at,
                format!("empty answer after `{}`", piece[0].c),
            ));
        }
        out.push(Choice {
            at: piece[0].at,
            right: piece[0].c == '=',
            weight,
            text,
            feedback,
        });
    }
    Ok(out)
}

fn pairs(chars: &Chars) -> Result<Vec<(String, String)>, GiftError> {
    let mut out = Vec::new();
    for piece in pieces(chars)? {
        let Some(arrow) = (1..piece.len()).find(|&k| starts(piece, k, "->")) else {
            return Err(error(
                piece[0].at,
                "a matching pair needs `->`: write `=left -> right`",
            ));
        };
        let right = text_of(&piece[arrow + 2..]);
        if right.is_empty() {
            return Err(error(piece[0].at, "a matching pair has nothing after `->`"));
        }
        out.push((text_of(&piece[1..arrow]), right));
    }
    Ok(out)
}

fn true_false(chars: &Chars) -> Result<Answers, GiftError> {
    let mut parts = Vec::new();
    let mut from = 0;
    while let Some(k) = find(chars, from, '#') {
        parts.push(text_of(&chars[from..k]));
        from = k + 1;
    }
    parts.push(text_of(&chars[from..]));
    let answer = match parts[0].as_str() {
        "T" | "TRUE" => true,
        "F" | "FALSE" => false,
        other => {
            return Err(error(
                chars[0].at,
                format!("`{other}` is not an answer: write `=right ~wrong`, `{{T}}` or `{{F}}`"),
            ));
        }
    };
    Ok(Answers::TrueFalse {
        answer,
        feedback: parts.split_off(1),
    })
}
