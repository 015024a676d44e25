//! What a page needs to draw each image of the project: its size and the widths of its copies.

use super::{Sizing, variant_url};
use std::collections::HashMap;

/// One image as pages draw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    pub width: u32,
    pub height: u32,
    /// Widths of its copies, narrowest first; empty when it is published as it is.
    pub widths: Vec<u32>,
}

impl Frame {
    /// The copy a browser that ignores `srcset` shows: the widest at most 960 px, else the narrowest.
    pub fn fallback_width(&self) -> Option<u32> {
        let fitting = self.widths.iter().copied().filter(|w| *w <= 960).max();
        fitting.or_else(|| self.widths.first().copied())
    }

    /// The height of the copy `w` pixels wide.
    pub fn height_at(&self, w: u32) -> u32 {
        super::scaled_height(self.width, self.height, w)
    }
}

/// Every image of the site that khoa could read, by output path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pictures {
    by_url: HashMap<String, Frame>,
}

impl Pictures {
    /// The frames of every sized image.
    pub fn of<'a>(sized: impl IntoIterator<Item = (&'a str, &'a Sizing)>) -> Self {
        let by_url = sized
            .into_iter()
            .filter_map(|(url, sizing)| {
                let frame = match sizing {
                    Sizing::Resized {
                        width,
                        height,
                        variants,
                    } => Frame {
                        width: *width,
                        height: *height,
                        widths: variants.iter().map(|v| v.width).collect(),
                    },
                    Sizing::AsIs { width, height } => Frame {
                        width: *width,
                        height: *height,
                        widths: Vec::new(),
                    },
                    Sizing::Unreadable(_) | Sizing::Foreign => return None,
                };
                Some((url.to_string(), frame))
            })
            .collect();
        Pictures { by_url }
    }

    /// Every image's frame, sorted by output path.
    pub fn frames(&self) -> Vec<(&str, &Frame)> {
        let mut frames: Vec<(&str, &Frame)> = self
            .by_url
            .iter()
            .map(|(url, f)| (url.as_str(), f))
            .collect();
        frames.sort_unstable_by_key(|(url, _)| *url);
        frames
    }

    pub fn get(&self, url: &str) -> Option<&Frame> {
        self.by_url.get(url)
    }

    /// The published file a share preview of the image at `url` shows: its widest copy.
    pub fn share_url(&self, url: &str) -> Option<String> {
        let widest = self.get(url)?.widths.last()?;
        Some(variant_url(url, *widest))
    }
}
