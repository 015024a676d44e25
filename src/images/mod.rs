//! Responsive images: smaller copies of the project's photos and screenshots for phones, made
//! from their bytes (the only user of the `image` crate; no filesystem).
//!
//! A PNG or JPEG wider than [`SMALL_WIDTH`] gets copies [`WIDTHS`] wide that are narrower than it,
//! and one at its own width when it is at most 1440 px wide (re-encoded, or the file itself when
//! that is not smaller): never upscaled, EXIF orientation applied, colour profile kept, the same
//! format as the original (JPEG at quality [`JPEG_QUALITY`], PNG at the best compression). Each copy
//! is published beside its original as `name.w480.jpg`; an asset's slug never holds a dot, so no
//! author's file can take that name. Everything here is deterministic: same bytes in, same bytes out.
//!
//! WebP is not made: the maintained pure-Rust encoder (`image-webp`) writes lossless WebP only,
//! which is several times larger than a quality-80 JPEG for a photo.

mod encode;
mod pictures;
mod stored;

pub use pictures::{Frame, Pictures};
pub use stored::{from_stored, to_stored};

/// Widths of the copies made, in pixels (only those narrower than the original).
pub const WIDTHS: [u32; 4] = [480, 720, 960, 1440];
/// An image at most this wide is published as it is.
pub const SMALL_WIDTH: u32 = 480;
/// The widest copy a course download keeps: a 360 px wide phone at twice its pixel density.
/// A page asking for a wider copy offline gets the one of this width (see `worker.js`).
pub const OFFLINE_WIDTH: u32 = 720;
/// How wide a lesson image is drawn: the page column (`main` is 46rem with 1rem of padding on each side).
pub const SIZES: &str = "(max-width: 46rem) calc(100vw - 2rem), 44rem";
/// JPEG quality of the copies.
pub const JPEG_QUALITY: u8 = 80;

/// A smaller copy of an image, with the path it is published at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// What khoa makes of one image file.
#[derive(Debug, PartialEq, Eq)]
pub enum Sizing {
    /// Copies were made (narrowest first); pages use them instead of the original.
    Resized {
        width: u32,
        height: u32,
        variants: Vec<Variant>,
    },
    /// Published as it is (small enough, or animated): only its size is known.
    AsIs { width: u32, height: u32 },
    /// PNG or JPEG bytes khoa could not decode (truncated, corrupt): published as it is, with
    /// this reason.
    Unreadable(String),
    /// Bytes of another kind under a PNG or JPEG name: published as it is, like any other file.
    Foreign,
}

/// Whether khoa reads the file at `url` to make smaller copies (PNG and JPEG, by extension).
pub fn is_resizable(url: &str) -> bool {
    let ext = url
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg"))
}

/// The path of the copy of the image at `url` that is `width` pixels wide: `a/b.jpg` → `a/b.w480.jpg`.
pub fn variant_url(url: &str, width: u32) -> String {
    match url.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.w{width}.{ext}"),
        _ => format!("{url}.w{width}"),
    }
}

/// The width of the copy published at `path`, when `path` names one (`b.w480.jpg` → 480).
pub fn variant_width(path: &str) -> Option<u32> {
    let file = path.rsplit('/').next().unwrap_or(path);
    let mut parts = file.rsplitn(3, '.');
    let (_ext, width, _stem) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = width.strip_prefix('w')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Sizes the image at `url` (its bytes `bytes`): the copies a phone needs, or why there are none.
pub fn size(url: &str, bytes: &[u8]) -> Sizing {
    let decoded = match encode::decode(bytes) {
        Ok(Some(decoded)) => decoded,
        Ok(None) => return Sizing::Foreign,
        Err(reason) => return Sizing::Unreadable(reason),
    };
    let (width, height) = (decoded.image.width(), decoded.image.height());
    if decoded.animated || width <= SMALL_WIDTH {
        return Sizing::AsIs { width, height };
    }
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if width <= WIDTHS[WIDTHS.len() - 1] {
        widths.push(width);
    }
    let mut variants = Vec::with_capacity(widths.len());
    // Widest first, each from the one before: fewer pixels to read at every step.
    let mut source = decoded.image.clone();
    for &w in widths.iter().rev() {
        let h = scaled_height(width, height, w);
        if w != source.width() {
            source = encode::resize(&source, w, h);
        }
        let mut bytes_out = encode::encode(&source, &decoded);
        if w == width && bytes_out.len() >= bytes.len() {
            bytes_out = bytes.to_vec();
        }
        variants.push(Variant {
            url: variant_url(url, w),
            width: w,
            height: h,
            bytes: bytes_out,
        });
    }
    variants.reverse();
    Sizing::Resized {
        width,
        height,
        variants,
    }
}

/// The height of a copy `w` wide of a `width`×`height` image, rounded, at least 1.
fn scaled_height(width: u32, height: u32, w: u32) -> u32 {
    let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width);
    (h as u32).max(1)
}

#[cfg(test)]
mod tests;
