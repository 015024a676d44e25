//! Heading attributes (`## Title {#id .class}`): an id and classes made of ASCII letters, digits,
//! `-` and `_` pass; anything else (`onclick=…`, `style=…`, `#bảo"x`) is refused by name and never
//! reaches the HTML, since an attribute there could run script with the site's rights.
//!
//! ASCII, like the ids khoa makes from heading text ([`crate::slug::slugify`]), so an explicit id
//! obeys the same rule as a generated one.

use pulldown_cmark::CowStr;

/// The attributes of one heading as pulldown-cmark found them.
pub struct Written<'a> {
    pub id: Option<CowStr<'a>>,
    pub classes: Vec<CowStr<'a>>,
    pub attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
}

/// What may reach the HTML, and what was refused.
pub struct Checked<'a> {
    pub id: Option<CowStr<'a>>,
    pub classes: Vec<CowStr<'a>>,
    pub refused: Vec<Refused>,
}

/// One refused attribute: the message, and the text that locates it in the source.
#[derive(Debug)]
pub struct Refused {
    pub message: String,
    pub written: String,
}

/// Keeps the valid id and classes of `written` and refuses the rest.
pub fn check(written: Written<'_>) -> Checked<'_> {
    let mut refused = Vec::new();
    let id = written.id.filter(|id| {
        let valid = is_valid_name(id);
        if !valid {
            refused.push(Refused {
                message: format!(
                    "heading id `#{id}` may use only ASCII letters, digits, `-` and `_`; write `#{}`",
                    suggestion(id)
                ),
                written: format!("#{id}"),
            });
        }
        valid
    });
    let mut classes = Vec::new();
    for class in written.classes {
        if is_valid_name(&class) {
            classes.push(class);
        } else {
            refused.push(Refused {
                message: format!(
                    "heading class `.{class}` may use only ASCII letters, digits, `-` and `_`"
                ),
                written: format!(".{class}"),
            });
        }
    }
    for (name, _) in written.attrs {
        refused.push(Refused {
            message: format!(
                "heading attribute `{name}` is not allowed: only `#id` and `.class` are (ASCII letters, digits, `-` and `_`)"
            ),
            written: name.to_string(),
        });
    }
    Checked {
        id,
        classes,
        refused,
    }
}

/// Byte offset in `heading` (the heading's source) of `written` inside its `{…}` block, or of
/// the block's `{`; 0 when neither is found.
pub fn offset_in(heading: &str, written: &str) -> usize {
    let Some(open) = heading.rfind('{') else {
        return 0;
    };
    heading[open..]
        .find(written)
        .map_or(open, |found| open + found)
}

fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A valid id close to `id`: its slug, or `muc` when nothing of it is left.
fn suggestion(id: &str) -> String {
    let slug = crate::slug::slugify(id);
    if slug.is_empty() { "muc".into() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written<'a>(
        id: Option<&'a str>,
        classes: &[&'a str],
        attrs: &[(&'a str, Option<&'a str>)],
    ) -> Written<'a> {
        Written {
            id: id.map(CowStr::from),
            classes: classes.iter().map(|c| CowStr::from(*c)).collect(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (CowStr::from(*k), v.map(CowStr::from)))
                .collect(),
        }
    }

    #[test]
    fn ids_and_classes_of_ascii_words_pass() {
        let checked = check(written(Some("Bai_1-a"), &["note", "x-2"], &[]));
        assert_eq!(checked.id.as_deref(), Some("Bai_1-a"));
        assert_eq!(checked.classes.len(), 2);
        assert!(checked.refused.is_empty());
    }

    #[test]
    fn other_attributes_and_odd_characters_are_refused_by_name() {
        let checked = check(written(
            Some("bảo-mật"),
            &["a\"b"],
            &[("onclick", Some("alert(1)")), ("hidden", None)],
        ));
        assert!(checked.id.is_none() && checked.classes.is_empty());
        let messages: Vec<&str> = checked.refused.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].contains("write `#bao-mat`"), "{}", messages[0]);
        assert!(messages[2].starts_with("heading attribute `onclick` is not allowed"));
        assert!(messages[3].contains("`hidden`"));
    }

    #[test]
    fn a_refused_attribute_is_found_inside_the_last_brace_block() {
        let heading = "## onclick {x} here {#t onclick=alert(1)}";
        assert_eq!(
            offset_in(heading, "onclick"),
            heading.rfind("onclick").unwrap()
        );
        assert_eq!(offset_in(heading, "missing"), heading.rfind('{').unwrap());
        assert_eq!(offset_in("## no block", "x"), 0);
    }
}
