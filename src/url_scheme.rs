//! URL schemes as a browser reads them (`java\tscript:` is `javascript:`), and which of them would
//! run script: shared by `links` (authors' links) and `document` (front matter `extra` values).

/// `data:image/…` as a browser reads it. Even an SVG is safe here: an `<img>` never runs its script.
pub fn is_image_data(link: &str) -> bool {
    as_browser_reads(link)
        .to_ascii_lowercase()
        .starts_with("data:image/")
}

/// `text` as the WHATWG URL parser sees it: leading and trailing controls and spaces stripped,
/// tabs and line breaks removed anywhere (so `java\tscript:` is `javascript:`).
fn as_browser_reads(text: &str) -> String {
    text.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme of an absolute URL as a browser reads it, lowercased (`JavaScript:` → `javascript`).
pub fn scheme_of(link: &str) -> Option<String> {
    let link = as_browser_reads(link);
    let (scheme, _) = link.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// The scheme of `text` if a browser would run or render it as a document of the site's origin
/// were it placed in a link: `javascript:`, `vbscript:` or a `data:` URL that is not an image.
/// For free text (front matter `extra`) that a theme may put in an `href`.
pub fn script_scheme(text: &str) -> Option<String> {
    let scheme = scheme_of(text)?;
    let runs = matches!(scheme.as_str(), "javascript" | "vbscript")
        || (scheme == "data" && !is_image_data(text));
    runs.then_some(scheme)
}
