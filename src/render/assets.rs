//! The project's files in the output: each image khoa can read sized first (`crate::images`, in
//! parallel, before any page is drawn), then every file copied, a resized image as its smaller
//! copies, with its original only when a page links to that file itself. Copies are kept in the
//! build cache (namespace [`CACHE`]) between builds.

use super::Pages;
use crate::cache::{BuildCache, CacheKey, Namespace};
use crate::diagnostic::Diagnostic;
use crate::images::{self, Pictures, Sizing};
use crate::model::{Asset, Site};
use crate::output::{Outputs, Owner};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Image copies in the build cache. Bump the version when the copies made from the same bytes
/// would change (the `image` crate, the widths, the JPEG quality, the PNG settings, the format).
pub const CACHE: Namespace = Namespace {
    name: "images",
    version: "image-0.25.10/480-720-960-1440/q80/1",
};

/// What rendering made of each image it read, by output path.
pub(super) struct SizedImages<'s> {
    by_url: BTreeMap<&'s str, Sizing>,
}

impl<'s> SizedImages<'s> {
    /// Sizes every PNG and JPEG of `site` whose bytes `load` read; one khoa cannot decode gets a
    /// warning at its path and is published as it is.
    pub(super) fn of(
        site: &'s Site,
        cache: &BuildCache,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let sized: Vec<(&Asset, Sizing)> = site
            .assets
            .par_iter()
            .filter_map(|asset| {
                let bytes = asset.bytes.as_deref()?;
                Some((asset, size_cached(cache, &asset.url, bytes)))
            })
            .collect();
        let mut by_url = BTreeMap::new();
        for (asset, sizing) in sized {
            if let Sizing::Unreadable(reason) = &sizing {
                diagnostics.push(Diagnostic::warning(
                    &asset.source_path,
                    0,
                    0,
                    format!("cannot make smaller copies of this image ({reason}); it is published as it is"),
                ));
            }
            by_url.insert(asset.url.as_str(), sizing);
        }
        SizedImages { by_url }
    }

    /// What pages need to draw each image.
    pub(super) fn pictures(&self) -> Pictures {
        Pictures::of(self.by_url.iter().map(|(url, sizing)| (*url, sizing)))
    }
}

/// [`images::size`] through the build cache: an image's copies are kept by its bytes alone
/// (their names follow from `url`), so a rebuild re-encodes only new or changed images.
fn size_cached(cache: &BuildCache, url: &str, bytes: &[u8]) -> Sizing {
    let key = CacheKey::of(&[bytes]);
    let kept = cache.get(&CACHE, &key);
    if let Some(sizing) = kept.and_then(|kept| images::from_stored(url, &kept)) {
        return sizing;
    }
    let sizing = images::size(url, bytes);
    if let Some(stored) = images::to_stored(&sizing) {
        cache.put(&CACHE, &key, &stored);
    }
    sizing
}

/// Adds every asset of `site` to `outputs`: a resized image as its copies (and its original when
/// a page links to the file itself, or draws it without khoa: raw HTML), any other file as it is.
pub(super) fn add_assets(
    site: &Site,
    sized: SizedImages,
    pages: &Pages,
    outputs: &mut Outputs,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let wanted = originals_wanted(pages);
    let mut sized = sized.by_url;
    let read: Vec<_> = site
        .assets
        .par_iter()
        .filter(|asset| asset.bytes.is_none() && !images::is_resizable(&asset.url))
        .map(|asset| (asset.url.as_str(), std::fs::read(&asset.file)))
        .collect();
    let mut read: BTreeMap<&str, _> = read.into_iter().collect();
    for asset in &site.assets {
        let owner = || Owner::Author(asset.source_path.clone());
        if let Some(Sizing::Resized { variants, .. }) = sized.remove(asset.url.as_str()) {
            for variant in variants {
                diagnostics.extend(outputs.add(variant.url, owner(), variant.bytes));
            }
            if !wanted.contains(asset.url.as_str()) {
                continue;
            }
        }
        let bytes = match (&asset.bytes, read.remove(asset.url.as_str())) {
            (Some(bytes), _) => bytes.to_vec(),
            (None, Some(Ok(bytes))) => bytes,
            (None, Some(Err(e))) => {
                let message = format!("cannot read: {e}");
                diagnostics.push(Diagnostic::error(&asset.source_path, 0, 0, message));
                continue;
            }
            // A PNG or JPEG that `load` could not read: already reported there.
            (None, None) => continue,
        };
        diagnostics.extend(outputs.add(asset.url.clone(), owner(), bytes));
    }
}

/// Files that some page needs as they are: linked to, or drawn other than through their copies.
fn originals_wanted(pages: &Pages) -> HashSet<&str> {
    pages
        .lessons
        .values()
        .chain(pages.intros.values())
        .flat_map(|page| page.links.iter())
        .filter(|link| !link.picture)
        .map(|link| link.url.as_str())
        .collect()
}
