//! Quiz attributes: reads the `key=value` pairs after `quiz` on the opening fence line.

use super::Problems;

/// A question type named by the `type` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Single,
    Multiple,
    Text,
    Number,
    Order,
    Match,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "single" => Kind::Single,
            "multiple" => Kind::Multiple,
            "text" => Kind::Text,
            "number" => Kind::Number,
            "order" => Kind::Order,
            "match" => Kind::Match,
            _ => return None,
        })
    }
}

/// An attribute value with the character column where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub column: usize,
}

/// The attributes of one quiz block.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attrs {
    pub id: Option<At<String>>,
    pub kind: Option<At<Kind>>,
    pub points: Option<u32>,
    pub shuffle: Option<At<bool>>,
    pub fold: Option<At<bool>>,
}

/// Parses `info` (the text after `quiz`); `column` is the file column of its first character.
pub fn parse(info: &str, column: usize, problems: &mut Problems) -> Attrs {
    let mut attrs = Attrs::default();
    for (start, token) in tokens(info, column, problems) {
        let Some((key, value)) = token.split_once('=') else {
            problems.at_fence(
                start,
                format!("`{token}` is not an attribute: write `key=value`"),
            );
            continue;
        };
        let quoted = unquote(value);
        let value_column = start + key.chars().count() + 1 + usize::from(quoted != value);
        let value = quoted;
        set(&mut attrs, key, value, (start, value_column), problems);
    }
    attrs
}

fn set(attrs: &mut Attrs, key: &str, value: &str, at: (usize, usize), p: &mut Problems) {
    let (start, column) = at;
    let duplicate = match key {
        "id" => {
            check_id(value, column, p);
            let old = attrs.id.replace(At {
                value: value.to_string(),
                column: start,
            });
            old.is_some()
        }
        "type" => match Kind::parse(value) {
            Some(kind) => attrs
                .kind
                .replace(At {
                    value: kind,
                    column,
                })
                .is_some(),
            None => {
                let message = format!(
                    "unknown quiz type `{value}`: use single, multiple, text, number, order or match"
                );
                p.at_fence(column, message);
                false
            }
        },
        "points" => match value.parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => attrs.points.replace(n).is_some(),
            _ => {
                let message = format!("`points={value}` must be a whole number from 1 to 1000");
                p.at_fence(column, message);
                false
            }
        },
        "shuffle" | "fold" => match value {
            "true" | "false" => {
                let flag = Some(At {
                    value: value == "true",
                    column: start,
                });
                let slot = if key == "shuffle" {
                    &mut attrs.shuffle
                } else {
                    &mut attrs.fold
                };
                std::mem::replace(slot, flag).is_some()
            }
            _ => {
                p.at_fence(column, format!("`{key}={value}` must be `true` or `false`"));
                false
            }
        },
        _ => {
            let message =
                format!("unknown quiz attribute `{key}`: use id, type, points, shuffle or fold");
            p.at_fence(start, message);
            false
        }
    };
    if duplicate {
        p.at_fence(start, format!("attribute `{key}` is given twice"));
    }
}

fn check_id(id: &str, column: usize, problems: &mut Problems) {
    let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if id.is_empty() {
        problems.at_fence(column, "`id` is empty");
    } else if let Some((i, c)) = id.char_indices().find(|(_, c)| !valid(*c)) {
        let message = format!(
            "question id `{id}` contains `{c}`: use only a-z, 0-9, `-` and `_` (progress is stored under it)"
        );
        problems.at_fence(column + id[..i].chars().count(), message);
    }
}

/// Splits `info` into tokens separated by spaces; double quotes group spaces. Yields (column, token).
fn tokens(info: &str, column: usize, problems: &mut Problems) -> Vec<(usize, String)> {
    let mut result = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut quoted = false;
    for (i, c) in info.chars().enumerate() {
        if c.is_whitespace() && !quoted {
            result.extend(current.take());
            continue;
        }
        if c == '"' {
            quoted = !quoted;
        }
        current
            .get_or_insert_with(|| (column + i, String::new()))
            .1
            .push(c);
    }
    if quoted {
        let start = current.as_ref().map_or(column, |c| c.0);
        problems.at_fence(start, "a quoted attribute value is not closed with `\"`");
    }
    result.extend(current);
    result
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}
