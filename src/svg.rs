//! Script in SVG (and other XML) files: an SVG opened directly (not through `<img>`) is a document
//! of the site and runs its script with the site's rights, so `<script>`, `on*=` handlers,
//! `javascript:` URLs and the tricks that smuggle them in are found here, each with its byte
//! offset and the reason.
//!
//! The file is read with quick-xml, the XML tokenizer the Rust ecosystem uses, as a browser reads
//! it: element and attribute names without their prefix, attribute values with entities (also
//! those the file declares) expanded. A file that is not well-formed XML is refused too, since
//! a browser still runs what comes before the error.

use crate::url_scheme::script_scheme;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// One reason an SVG could run script, at byte `offset` of its text.
#[derive(Debug, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    pub message: String,
}

/// Why each kind of finding is refused; every message ends with it.
const WHY: &str = "it runs with the site's rights when a learner opens the file directly";

/// Attributes whose value a browser loads or follows as a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "formaction", "data"];

/// Every way `text` (an SVG file) could run script.
pub fn check(text: &str) -> Vec<Finding> {
    let mut scan = Scan {
        findings: Vec::new(),
        entities: Vec::new(),
    };
    let mut reader = Reader::from_str(text);
    loop {
        let start = position(&reader);
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(element) | Event::Empty(element)) => scan.element(&element, start),
            Ok(Event::DocType(doctype)) => scan.doctype(&doctype, start),
            Ok(Event::PI(pi)) if is_xslt(pi.target(), pi.content()) => scan.found(
                start,
                format!("an XSLT stylesheet can write script into the file: {WHY}; remove it"),
            ),
            Ok(_) => {}
            Err(error) => {
                let offset = usize::try_from(reader.error_position()).unwrap_or(start);
                scan.found(
                    offset,
                    format!(
                        "the SVG is not well-formed XML ({error}); a browser still runs what comes before the error, so khoa cannot vouch for it: fix or export it again"
                    ),
                );
                break;
            }
        }
    }
    scan.findings
}

struct Scan {
    findings: Vec<Finding>,
    /// Entities the file declares in its DOCTYPE, expanded in attribute values.
    entities: Vec<(String, String)>,
}

impl Scan {
    fn found(&mut self, offset: usize, message: String) {
        self.findings.push(Finding { offset, message });
    }

    /// `start` is the offset of the element's `<`.
    fn element(&mut self, element: &BytesStart, start: usize) {
        let raw: &str = element;
        let name = element.local_name().as_ref().to_lowercase();
        if name == "script" {
            self.found(
                start,
                format!("a `<script>` element: {WHY}; remove the script"),
            );
        }
        for attribute in element.attributes().with_checks(false) {
            let Ok(attribute) = attribute else {
                self.found(start, "an attribute of this element cannot be read".into());
                continue;
            };
            let key = attribute.key.local_name().as_ref().to_string();
            let name_len = element.name().as_ref().len();
            let at =
                start + 1 + name_len + raw[name_len..].find(attribute.key.as_ref()).unwrap_or(0);
            let entities = &self.entities;
            let resolve = |name: &str| {
                entities
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.as_str())
            };
            let value =
                attribute.normalized_value_with(quick_xml::XmlVersion::Implicit1_0, 8, resolve);
            match value {
                Ok(value) => {
                    if let Some(message) = refused_attribute(&key, &value) {
                        self.found(at, message);
                    }
                }
                Err(error) => self.found(
                    at,
                    format!(
                        "the value of `{key}` cannot be read ({error}), so khoa cannot check it"
                    ),
                ),
            }
        }
    }

    /// Keeps the entities the DOCTYPE declares; refuses those that could hide markup or a URL.
    fn doctype(&mut self, doctype: &str, start: usize) {
        let mut rest = doctype;
        while let Some(found) = rest.find("<!ENTITY") {
            rest = rest[found + "<!ENTITY".len()..].trim_start();
            match entity(rest) {
                Some((name, value, after)) => {
                    self.entities.push((name.to_string(), value.to_string()));
                    rest = after;
                }
                None => {
                    self.found(
                        start,
                        "the DOCTYPE declares an entity that is external, a parameter or holds markup; khoa cannot check what it expands to: remove the DOCTYPE".into(),
                    );
                    return;
                }
            }
        }
    }
}

/// Why an attribute `key="value"` could run script, if it could.
fn refused_attribute(key: &str, value: &str) -> Option<String> {
    let key = key.to_lowercase();
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    if key.starts_with("on") {
        return Some(format!(
            "`{key}` is an event handler: {WHY}; remove the attribute"
        ));
    }
    if key == "srcdoc" || (key == "attributename" && squeezed.starts_with("on")) {
        return Some(format!(
            "`{key}=\"{value}\"` can add script: {WHY}; remove the attribute"
        ));
    }
    if squeezed.contains("javascript:") || squeezed.contains("vbscript:") {
        return Some(format!("`{key}` holds a script URL: {WHY}; remove it"));
    }
    if URL_ATTRIBUTES.contains(&key.as_str()) && script_scheme(value).is_some() {
        return Some(format!(
            "`{key}` holds a `data:` URL that is not an image: {WHY}; link to a file instead"
        ));
    }
    None
}

/// `name "value"` (or `'value'`) at the start of `text`, and what follows; `None` for parameter
/// and external entities and values that hold markup or references.
fn entity(text: &str) -> Option<(&str, &str, &str)> {
    let name_end = text.find(char::is_whitespace)?;
    let name = &text[..name_end];
    let rest = text[name_end..].trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let close = rest[1..].find(quote)? + 1;
    let value = &rest[1..close];
    let plain = !name.starts_with('%') && !value.contains(['<', '&', '%']);
    plain.then(|| (name, value, &rest[close + 1..]))
}

fn is_xslt(target: &str, content: &str) -> bool {
    target.eq_ignore_ascii_case("xml-stylesheet") && content.to_lowercase().contains("xsl")
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests;
