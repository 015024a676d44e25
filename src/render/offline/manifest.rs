//! The web app manifest (`manifest.webmanifest`) and its icons, so a browser can install the site
//! as an app that opens on its home page, offline too.
//!
//! Every URL in the manifest is relative to it (it sits at the site root), so the app works at a
//! domain root, under a sub-path and on a mirror. The icons come from `icon:` in `khoa.yaml` or,
//! without it, from the theme's `favicon.svg`, drawn by [`crate::icon`] at 192 and 512 px, plus a
//! maskable 512 px one on the theme colour.

use super::MANIFEST_PATH;
use crate::cache::{BuildCache, CacheKey, Namespace};
use crate::config::{IconFormat, icon_format};
use crate::diagnostic::Diagnostic;
use crate::escape::script_json;
use crate::icon::{self, Shape};
use crate::model::Site;
use crate::output::{Outputs, Owner, STATIC_PREFIX};
use crate::theme::Theme;
use rayon::prelude::*;
use serde_json::json;

/// Drawn icons in the build cache, keyed by their source, format, theme colour, size and shape:
/// drawing the three (PNG-encoded) is some 8 ms of a rebuild after a one-lesson change, on one
/// thread. Bump the version when the drawing (resvg's version, the maskable icon's margin) changes.
pub const CACHE: Namespace = Namespace {
    name: "icons",
    version: "resvg-0.49/1",
};

/// The longest name a launcher shows under an icon without cutting it.
const SHORT_NAME_CHARS: usize = 12;

/// (file name under `_khoa/icons/`, size, shape, `purpose` in the manifest).
/// A maskable icon is drawn on the theme colour (`Shape::Maskable`).
const ICONS: [(&str, u32, bool, &str); 3] = [
    ("icon-192.png", 192, false, "any"),
    ("icon-512.png", 512, false, "any"),
    ("maskable-512.png", 512, true, "maskable"),
];

/// The icons drawn by the previous build and what they were drawn from: `serve` keeps them, so
/// that the icons are drawn again only when their source changes.
#[derive(Default)]
pub struct KnownIcons {
    source: Vec<u8>,
    /// The source's format and the theme colour (maskable icons are drawn on it).
    format: String,
    drawn: Vec<Result<Vec<u8>, String>>,
}

/// Adds the icons and the manifest; a problem with the project's icon is reported at its file.
pub fn add(
    site: &Site,
    theme: &Theme,
    outputs: &mut Outputs,
    diagnostics: &mut Vec<Diagnostic>,
    known: Option<&mut KnownIcons>,
    cache: &BuildCache,
) {
    let Some((source, format, bytes)) = icon_source(site, theme, diagnostics) else {
        return;
    };
    let mut none = KnownIcons::default();
    let known = known.unwrap_or(&mut none);
    let colour = site.config.theme_colour();
    let format_name = format!("{format:?} {colour:?}");
    if known.source != bytes || known.format != format_name || known.drawn.is_empty() {
        known.drawn = ICONS
            .par_iter()
            .map(|&(_, size, maskable, _)| {
                let shape = if maskable {
                    Shape::Maskable(colour)
                } else {
                    Shape::Plain
                };
                let key = CacheKey::of(&[
                    &bytes,
                    format_name.as_bytes(),
                    &size.to_le_bytes(),
                    &[u8::from(maskable)],
                ]);
                if let Some(png) = cache.get(&CACHE, &key) {
                    return Ok(png);
                }
                let drawn = icon::render(&bytes, format, size, shape);
                if let Ok(png) = &drawn {
                    cache.put(&CACHE, &key, png);
                }
                drawn
            })
            .collect();
        known.source = bytes;
        known.format = format_name;
    }
    let mut listed = Vec::new();
    for ((name, size, _, purpose), drawn) in ICONS.into_iter().zip(&known.drawn) {
        match drawn.clone() {
            Ok(png) => {
                let path = format!("{STATIC_PREFIX}icons/{name}");
                listed.push(json!({ "src": path, "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": purpose }));
                diagnostics.extend(outputs.add(path, Owner::Khoa("an app icon"), png));
            }
            Err(problem) => return diagnostics.push(Diagnostic::error(&source, 0, 0, problem)),
        }
    }
    let owner = Owner::Khoa("the web app manifest");
    diagnostics.extend(outputs.add(MANIFEST_PATH, owner, manifest(site, &listed)));
}

/// The icon's source path (for problems), format and bytes.
fn icon_source(
    site: &Site,
    theme: &Theme,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, IconFormat, Vec<u8>)> {
    let Some(icon) = &site.icon else {
        let (_, bytes) = theme.statics().find(|(path, _)| *path == "favicon.svg")?;
        return Some(("favicon.svg".into(), IconFormat::Svg, bytes.to_vec()));
    };
    let format = icon_format(&icon.source_path)?;
    match std::fs::read(&icon.file) {
        Ok(bytes) => Some((icon.source_path.clone(), format, bytes)),
        Err(e) => {
            let problem = Diagnostic::error(&icon.source_path, 0, 0, format!("cannot read: {e}"));
            diagnostics.push(problem);
            None
        }
    }
}

fn manifest(site: &Site, icons: &[serde_json::Value]) -> String {
    let config = &site.config;
    let mut manifest = json!({
        "name": config.title,
        "short_name": short_name(&config.title),
        "lang": config.language.code(),
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": config.theme_colour_css(),
        "icons": icons,
    });
    if let Some(description) = &config.description {
        manifest["description"] = json!(description);
    }
    script_json(&manifest)
}

/// The title, or as many of its first words as fit under an icon (its first letters if even the
/// first word is too long).
fn short_name(title: &str) -> String {
    let mut short = String::new();
    for word in title.split_whitespace() {
        let longer = if short.is_empty() {
            word.to_string()
        } else {
            format!("{short} {word}")
        };
        if longer.chars().count() > SHORT_NAME_CHARS {
            break;
        }
        short = longer;
    }
    if short.is_empty() {
        short = title.chars().take(SHORT_NAME_CHARS).collect();
    }
    short
}

#[cfg(test)]
mod tests {
    use super::{ICONS, short_name};
    use crate::output::STATIC_PREFIX;
    use crate::render::views::SITE_ICON;

    #[test]
    fn the_share_previews_icon_is_a_png_app_icon() {
        let drawn = ICONS.map(|(name, ..)| format!("{STATIC_PREFIX}icons/{name}"));
        assert!(drawn.contains(&SITE_ICON.to_string()));
        assert!(SITE_ICON.ends_with(".png"));
    }

    #[test]
    fn a_short_name_fits_under_an_icon() {
        assert_eq!(short_name("Kỹ năng số"), "Kỹ năng số");
        assert_eq!(short_name("Kỹ năng số cho mọi người"), "Kỹ năng số");
        assert_eq!(short_name("Supercalifragilistic"), "Supercalifra");
    }
}
