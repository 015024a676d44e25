//! The project configuration, `khoa.yaml` at the project root.

use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::path::Path;

mod language;
mod xapi;
pub use language::Language;
pub use xapi::{XapiActor, XapiAuth, XapiConfig};

/// The file name of the project configuration.
pub const FILE_NAME: &str = "khoa.yaml";

/// Everything `khoa.yaml` may say. Unknown keys are errors.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: Option<String>,
    /// The site's one language (`language: vi`), for a site in one language; `languages` lists
    /// several. After parsing it is always the default language, `languages[0]`.
    pub language: Language,
    /// Every language the site is published in, the default first (`languages: [vi, en]`). After
    /// parsing it is never empty.
    pub languages: Vec<Language>,
    /// The line of `languages:` in `khoa.yaml` (0 when it is not there), for `check`.
    #[serde(skip)]
    pub languages_line: usize,
    /// Short stable id that namespaces learners' browser storage.
    pub site_id: String,
    /// Name of a theme folder under `themes/` whose files override the default theme.
    pub theme: Option<String>,
    /// Absolute URL of the published site; only used for `sitemap.xml` and canonical links.
    pub base_url: Option<String>,
    /// How lessons' Markdown is rendered.
    pub markdown: MarkdownConfig,
    /// The app icon (an SVG or PNG file, relative to the project folder); the theme's
    /// `favicon.svg` when unset. Rasterized into the installable app's icons.
    pub icon: Option<String>,
    /// Where learning records go (an xAPI LRS); no xAPI code reaches any page without it.
    pub xapi: Option<XapiConfig>,
    /// The app's colour (`#0b5cad` or `#08c`): the browser's bar on phones (`<meta
    /// name="theme-color">`), the installed app's title bar and its maskable icon's background.
    pub theme_color: Option<String>,
}

/// The theme colour when `khoa.yaml` sets none: the default theme's accent.
pub const DEFAULT_THEME_COLOR: [u8; 3] = [0x0b, 0x5c, 0xad];

/// The `markdown:` section of `khoa.yaml`.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarkdownConfig {
    pub raw_html: RawHtml,
}

/// What happens to raw HTML written in Markdown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept through an allowlist of elements and attributes; everything else removed with a warning.
    #[default]
    Sanitize,
    /// Shown as text, with a warning (only a few bare inline tags such as `<kbd>` pass).
    Escape,
}

impl SiteConfig {
    /// Reads and validates `khoa.yaml` from `text`; problems are reported against `path`.
    pub fn parse(text: &str, path: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let mut config: SiteConfig = yaml::parse(text)
            .map_err(|e| vec![Diagnostic::error(path, e.line, e.column, e.message)])?;
        let mut problems = Vec::new();
        if config.title.trim().is_empty() {
            problems.push(Diagnostic::error(path, 1, 1, "missing `title`"));
        }
        if config.site_id.is_empty() {
            problems.push(Diagnostic::error(
                path,
                1,
                1,
                "missing `site_id` (a short stable id such as `ky-nang-so-hcm`; it keeps learners' progress apart from other sites)",
            ));
        } else if !is_storage_id(&config.site_id) {
            problems.push(Diagnostic::error(
                path,
                line_of_key(text, "site_id"),
                1,
                format!(
                    "`site_id` {:?} may only hold a-z, 0-9, `-` and `_`",
                    config.site_id
                ),
            ));
        }
        if let Some(base) = &config.base_url {
            if !(base.starts_with("https://") || base.starts_with("http://")) {
                problems.push(Diagnostic::error(
                    path,
                    line_of_key(text, "base_url"),
                    1,
                    "`base_url` must be an absolute http(s) URL",
                ));
            }
            config.base_url = Some(base.trim_end_matches('/').to_string() + "/");
        }
        if let Some(icon) = config.icon.as_ref().filter(|i| icon_format(i).is_none()) {
            problems.push(Diagnostic::error(
                path,
                line_of_key(text, "icon"),
                1,
                format!("`icon` {icon:?} must be an `.svg` or `.png` file"),
            ));
        }
        problems.extend(config.settle_languages(text, path));
        if let Some(xapi) = &mut config.xapi {
            problems.extend(xapi.validate(text, path));
        }
        if let Some(colour) = &config.theme_color {
            match parse_colour(colour) {
                Some(rgb) => config.theme_color = Some(hex(rgb)),
                None => problems.push(Diagnostic::error(
                    path,
                    line_of_key(text, "theme_color"),
                    1,
                    format!("`theme_color` {colour:?} must be a hex colour such as \"#0b5cad\" or \"#08c\" (quoted: YAML reads `#` as a comment)"),
                )),
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// Makes `language` and `languages` agree: `languages` alone sets the default (its first),
    /// `language` alone is a one-language site, neither is Vietnamese only. Both must agree on the
    /// default, and a language may be listed once.
    fn settle_languages(&mut self, text: &str, path: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let line = line_of_key(text, "languages:");
        let written = text.lines().any(|l| l.starts_with("languages:"));
        self.languages_line = if written { line } else { 0 };
        let language_set = text.lines().any(|l| l.starts_with("language:"));
        if self.languages.is_empty() && written {
            problems.push(Diagnostic::error(path, line, 1, "`languages` is empty: list the site's languages, the default first, as in `languages: [vi, en]`"));
        }
        for (i, language) in self.languages.iter().enumerate() {
            if self.languages[..i].contains(language) {
                problems.push(Diagnostic::error(
                    path,
                    line,
                    1,
                    format!("`languages` lists `{language}` twice"),
                ));
            }
        }
        match self.languages.first() {
            None => self.languages = vec![self.language],
            Some(&first) if language_set && first != self.language => {
                problems.push(Diagnostic::error(
                    path,
                    line_of_key(text, "language:"),
                    1,
                    format!("`language: {}` disagrees with `languages`, whose first (the default language) is `{first}`: keep only `languages`", self.language),
                ));
            }
            Some(&first) => self.language = first,
        }
        problems
    }

    /// Whether the site is published in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The theme colour as red, green and blue.
    pub fn theme_colour(&self) -> [u8; 3] {
        let set = self.theme_color.as_deref().and_then(parse_colour);
        set.unwrap_or(DEFAULT_THEME_COLOR)
    }

    /// The theme colour as CSS writes it (`#0b5cad`).
    pub fn theme_colour_css(&self) -> String {
        hex(self.theme_colour())
    }

    /// Reads `khoa.yaml` under `root`.
    pub fn load(root: &Path) -> Result<Result<SiteConfig, Vec<Diagnostic>>, std::io::Error> {
        let text = std::fs::read_to_string(root.join(FILE_NAME))?;
        Ok(SiteConfig::parse(&text, FILE_NAME))
    }
}

/// The kind of picture an icon file holds, judged by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconFormat {
    Svg,
    Png,
}

/// The format of the icon at `path`, or `None` if khoa cannot read that kind of file.
pub fn icon_format(path: &str) -> Option<IconFormat> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".svg") {
        Some(IconFormat::Svg)
    } else if lower.ends_with(".png") {
        Some(IconFormat::Png)
    } else {
        None
    }
}

/// `#rrggbb` or `#rgb` (hex digits in either case) as red, green and blue.
fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match digits.len() {
        6 => Some([
            channel(&digits[0..2])?,
            channel(&digits[2..4])?,
            channel(&digits[4..6])?,
        ]),
        3 => {
            let short = |i: usize| channel(&digits[i..=i]).map(|v| v * 17);
            Some([short(0)?, short(1)?, short(2)?])
        }
        _ => None,
    }
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Whether `id` is usable in storage keys and ids: `[a-z0-9_-]+`.
pub fn is_storage_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| line.starts_with(key))
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_config() {
        let text =
            "title: Học số\nsite_id: hoc-so\nlanguage: en\nbase_url: https://example.org/khoa\n";
        let config = SiteConfig::parse(text, FILE_NAME).unwrap();
        assert_eq!(config.language, Language::EN);
        assert_eq!(config.languages, [Language::EN]);
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://example.org/khoa/")
        );
    }

    #[test]
    fn languages_list_the_default_first_and_agree_with_language() {
        let plain = SiteConfig::parse("title: a\nsite_id: a\n", FILE_NAME).unwrap();
        assert_eq!(
            (plain.language, plain.languages),
            (Language::VI, vec![Language::VI])
        );
        let two =
            SiteConfig::parse("title: a\nsite_id: a\nlanguages: [en, hmn]\n", FILE_NAME).unwrap();
        assert_eq!(two.language, Language::EN);
        assert_eq!(two.languages[1].code(), "hmn");
        assert!(two.is_multilingual());
        let same = "title: a\nsite_id: a\nlanguage: vi\nlanguages: [vi, en]\n";
        assert!(SiteConfig::parse(same, FILE_NAME).is_ok());
        let clash = "title: a\nsite_id: a\nlanguage: en\nlanguages: [vi, en]\n";
        let problems = SiteConfig::parse(clash, FILE_NAME).unwrap_err();
        assert_eq!(problems[0].line, 3);
        assert!(
            problems[0].message.contains("disagrees"),
            "{}",
            problems[0].message
        );
        let twice = "title: a\nsite_id: a\nlanguages: [vi, en, vi]\n";
        assert!(
            SiteConfig::parse(twice, FILE_NAME).unwrap_err()[0]
                .message
                .contains("twice")
        );
        let bad = "title: a\nsite_id: a\nlanguages:\n  - vi\n  - en_GB\n";
        let problems = SiteConfig::parse(bad, FILE_NAME).unwrap_err();
        assert_eq!(problems[0].line, 5, "{problems:?}");
        assert!(
            problems[0].message.contains("language code"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn raw_html_is_sanitized_unless_escape_is_asked() {
        let plain = SiteConfig::parse("title: a\nsite_id: a\n", FILE_NAME).unwrap();
        assert_eq!(plain.markdown.raw_html, RawHtml::Sanitize);
        let text = "title: a\nsite_id: a\nmarkdown:\n  raw_html: escape\n";
        let escaped = SiteConfig::parse(text, FILE_NAME).unwrap();
        assert_eq!(escaped.markdown.raw_html, RawHtml::Escape);
        let wrong = "title: a\nsite_id: a\nmarkdown:\n  raw_html: keep\n";
        assert_eq!(SiteConfig::parse(wrong, FILE_NAME).unwrap_err()[0].line, 4);
    }

    #[test]
    fn unknown_keys_are_errors() {
        let problems =
            SiteConfig::parse("title: a\nsite_id: a\ntheem: x\n", FILE_NAME).unwrap_err();
        assert_eq!(problems[0].line, 3);
    }

    #[test]
    fn a_theme_colour_is_a_hex_colour_written_in_full() {
        let plain = SiteConfig::parse("title: a\nsite_id: a\n", FILE_NAME).unwrap();
        assert_eq!(plain.theme_colour_css(), "#0b5cad");
        let short = SiteConfig::parse("title: a\nsite_id: a\ntheme_color: \"#0F8\"\n", FILE_NAME);
        assert_eq!(short.unwrap().theme_colour(), [0x00, 0xff, 0x88]);
        let full = SiteConfig::parse("title: a\nsite_id: a\ntheme_color: '#1A2b3C'\n", FILE_NAME);
        assert_eq!(full.unwrap().theme_color.as_deref(), Some("#1a2b3c"));
        for bad in ["red", "'#12345'", "'#ggg'", "'1a2b3c'", "'#1a2b3c4d'"] {
            let text = format!("title: a\nsite_id: a\ntheme_color: {bad}\n");
            let problems = SiteConfig::parse(&text, FILE_NAME).unwrap_err();
            assert_eq!((problems[0].line, problems[0].column), (3, 1), "{bad}");
            assert!(problems[0].message.contains("hex colour"), "{bad}");
        }
    }

    #[test]
    fn an_icon_is_an_svg_or_a_png() {
        let config = SiteConfig::parse("title: a\nsite_id: a\nicon: media/Logo.SVG\n", FILE_NAME);
        assert_eq!(config.unwrap().icon.as_deref(), Some("media/Logo.SVG"));
        let problems =
            SiteConfig::parse("title: a\nsite_id: a\nicon: logo.jpg\n", FILE_NAME).unwrap_err();
        assert_eq!(problems[0].line, 3);
        assert!(problems[0].message.contains("`.svg` or `.png`"));
    }

    #[test]
    fn site_id_must_be_storage_safe() {
        let problems = SiteConfig::parse("title: a\nsite_id: Học Số\n", FILE_NAME).unwrap_err();
        assert!(problems[0].message.contains("site_id"));
        assert_eq!(problems[0].line, 2);
    }
}
