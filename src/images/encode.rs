//! Decoding, resizing and encoding PNG and JPEG bytes with the `image` crate.

use super::JPEG_QUALITY;
use image::codecs::jpeg::{JpegDecoder, JpegEncoder};
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngDecoder, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat};
use std::borrow::Cow;
use std::io::Cursor;

/// A decoded image, upright, with what its copies keep of the original.
pub(super) struct Decoded {
    pub image: DynamicImage,
    pub format: ImageFormat,
    pub icc_profile: Option<Vec<u8>>,
    /// An animated PNG: its copies would keep only the first frame.
    pub animated: bool,
}

/// Decodes PNG or JPEG `bytes`, EXIF orientation applied: `None` for bytes of another kind, the
/// reason when PNG or JPEG bytes cannot be decoded.
pub(super) fn decode(bytes: &[u8]) -> Result<Option<Decoded>, String> {
    let reason = |e: image::ImageError| e.to_string();
    match image::guess_format(bytes) {
        Ok(format @ ImageFormat::Png) => {
            let decoder = PngDecoder::new(Cursor::new(bytes)).map_err(reason)?;
            let animated = decoder.is_apng().map_err(reason)?;
            finish(decoder, format, animated).map(Some)
        }
        Ok(format @ ImageFormat::Jpeg) => {
            let decoder = JpegDecoder::new(Cursor::new(bytes)).map_err(reason)?;
            finish(decoder, format, false).map(Some)
        }
        _ => Ok(None),
    }
}

fn finish(
    mut decoder: impl ImageDecoder,
    format: ImageFormat,
    animated: bool,
) -> Result<Decoded, String> {
    let reason = |e: image::ImageError| e.to_string();
    let icc_profile = decoder.icc_profile().map_err(reason)?;
    let orientation = decoder.orientation().map_err(reason)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(reason)?;
    image.apply_orientation(orientation);
    Ok(Decoded {
        image,
        format,
        icc_profile,
        animated,
    })
}

/// `image` scaled to exactly `width`×`height` (Catmull-Rom: sharp, without ringing halos).
pub(super) fn resize(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    image.resize_exact(width, height, FilterType::CatmullRom)
}

/// `image` encoded in the original's format, with its colour profile.
pub(super) fn encode(image: &DynamicImage, original: &Decoded) -> Vec<u8> {
    let image = eight_bit(image, original.format);
    let icc = original.icc_profile.as_deref();
    let mut out = Vec::new();
    let written = match original.format {
        ImageFormat::Jpeg => write(
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY),
            &image,
            icc,
        ),
        _ => {
            let png =
                PngEncoder::new_with_quality(&mut out, CompressionType::Best, PngFilter::Adaptive);
            write(png, &image, icc)
        }
    };
    // Encoding 8-bit pixels into memory does not fail; should it ever, the copy is left empty
    // rather than half written (the tests decode every copy).
    if written.is_err() {
        out.clear();
    }
    out
}

fn write<E: ImageEncoder>(
    mut encoder: E,
    image: &DynamicImage,
    icc: Option<&[u8]>,
) -> image::ImageResult<()> {
    if let Some(icc) = icc {
        // Both formats carry a profile, so this cannot be refused.
        let _ = encoder.set_icc_profile(icc.to_vec());
    }
    let (width, height) = (image.width(), image.height());
    encoder.write_image(image.as_bytes(), width, height, image.color().into())
}

/// `image` with 8-bit channels (and, for JPEG, no alpha): what both encoders take.
fn eight_bit(image: &DynamicImage, format: ImageFormat) -> Cow<'_, DynamicImage> {
    use DynamicImage as D;
    match image {
        D::ImageLuma8(_) | D::ImageRgb8(_) => Cow::Borrowed(image),
        D::ImageLumaA8(_) | D::ImageRgba8(_) if format != ImageFormat::Jpeg => Cow::Borrowed(image),
        _ if image.color().has_alpha() && format != ImageFormat::Jpeg => {
            Cow::Owned(D::ImageRgba8(image.to_rgba8()))
        }
        _ => Cow::Owned(D::ImageRgb8(image.to_rgb8())),
    }
}
