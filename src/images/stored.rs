//! A [`Sizing`] as bytes, to keep in the build cache, and back: `R` or `A`, width and height,
//! then (for `R`) the number of copies and for each its width, height, length and bytes (little-endian `u32`s). Bytes that do
//! not read back whole are a miss, never a half-read image.

use super::{Sizing, Variant, variant_url};

/// The bytes of `sizing`; `None` for what is not worth keeping (unreadable or foreign files).
pub fn to_stored(sizing: &Sizing) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let word = |out: &mut Vec<u8>, n: u32| out.extend(n.to_le_bytes());
    match sizing {
        Sizing::Resized {
            width,
            height,
            variants,
        } => {
            out.push(b'R');
            word(&mut out, *width);
            word(&mut out, *height);
            word(&mut out, u32::try_from(variants.len()).ok()?);
            for v in variants {
                word(&mut out, v.width);
                word(&mut out, v.height);
                word(&mut out, u32::try_from(v.bytes.len()).ok()?);
                out.extend(&v.bytes);
            }
        }
        Sizing::AsIs { width, height } => {
            out.push(b'A');
            word(&mut out, *width);
            word(&mut out, *height);
        }
        Sizing::Unreadable(_) | Sizing::Foreign => return None,
    }
    Some(out)
}

/// The sizing of the image at `url` kept as `bytes`, or `None` if they do not read back whole.
pub fn from_stored(url: &str, bytes: &[u8]) -> Option<Sizing> {
    let mut reader = Reader(bytes);
    let kind = reader.take(1)?[0];
    let (width, height) = (reader.word()?, reader.word()?);
    let sizing = match kind {
        b'A' => Sizing::AsIs { width, height },
        b'R' => {
            let count = reader.word()?;
            let mut variants = Vec::new();
            for _ in 0..count {
                let (w, h, len) = (reader.word()?, reader.word()?, reader.word()?);
                variants.push(Variant {
                    url: variant_url(url, w),
                    width: w,
                    height: h,
                    bytes: reader.take(len as usize)?.to_vec(),
                });
            }
            Sizing::Resized {
                width,
                height,
                variants,
            }
        }
        _ => return None,
    };
    reader.0.is_empty().then_some(sizing)
}

/// What is left to read.
struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }

    fn word(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}
