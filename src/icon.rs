//! App icons: an SVG or PNG picture drawn into the square PNGs an installable app needs.
//!
//! The only user of resvg (and of the usvg and tiny-skia it re-exports). Pure: bytes in, PNG bytes
//! out, the same bytes for the same input (no time, no randomness in a PNG that tiny-skia writes).
//! An SVG is parsed without fonts or external files: its text is dropped, nothing is fetched.

use crate::config::IconFormat;
use resvg::tiny_skia::{Color, FilterQuality, Pixmap, PixmapPaint, Transform};
use resvg::usvg;

/// Part of a maskable icon's side its picture may fill: launchers crop such icons to a circle of
/// 80 % of the side, and a square picture of 60 % fits in that circle.
const MASKABLE_SHARE: f32 = 0.6;

/// How an icon is drawn.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// The picture fills the square; around it stays transparent.
    Plain,
    /// The picture sits in the middle of a square filled with this colour (RGB), for launchers
    /// that crop icons to their own shape.
    Maskable([u8; 3]),
}

/// Draws `source` into a `size`×`size` PNG, keeping its proportions and centring it.
pub fn render(
    source: &[u8],
    format: IconFormat,
    size: u32,
    shape: Shape,
) -> Result<Vec<u8>, String> {
    let mut canvas = Pixmap::new(size, size).ok_or("the icon size is zero")?;
    let share = match shape {
        Shape::Plain => 1.0,
        Shape::Maskable([r, g, b]) => {
            canvas.fill(Color::from_rgba8(r, g, b, 255));
            MASKABLE_SHARE
        }
    };
    let side = size as f32 * share;
    match format {
        IconFormat::Svg => {
            let tree = usvg::Tree::from_data(source, &usvg::Options::default())
                .map_err(|e| format!("cannot read this SVG: {e}"))?;
            let (w, h) = (tree.size().width(), tree.size().height());
            resvg::render(&tree, fitted(w, h, size, side), &mut canvas.as_mut());
        }
        IconFormat::Png => {
            let picture =
                Pixmap::decode_png(source).map_err(|e| format!("cannot read this PNG: {e}"))?;
            let (w, h) = (picture.width() as f32, picture.height() as f32);
            let paint = PixmapPaint {
                quality: FilterQuality::Bicubic,
                ..PixmapPaint::default()
            };
            let transform = fitted(w, h, size, side);
            canvas.draw_pixmap(0, 0, picture.as_ref(), &paint, transform, None);
        }
    }
    canvas
        .encode_png()
        .map_err(|e| format!("cannot write the icon as PNG: {e}"))
}

/// The transform that scales a `w`×`h` picture to fit a `side` square centred in `size`.
fn fitted(w: f32, h: f32, size: u32, side: f32) -> Transform {
    let scale = side / w.max(h).max(1.0);
    let x = (size as f32 - w * scale) / 2.0;
    let y = (size as f32 - h * scale) / 2.0;
    Transform::from_scale(scale, scale).post_translate(x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &[u8] =
        br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#ff0000"/></svg>"##;

    fn pixel(png: &[u8], x: u32, y: u32) -> [u8; 4] {
        let pixmap = Pixmap::decode_png(png).unwrap();
        let c = pixmap.pixel(x, y).unwrap();
        [c.red(), c.green(), c.blue(), c.alpha()]
    }

    #[test]
    fn an_svg_fills_the_square_and_the_same_input_gives_the_same_bytes() {
        let png = render(SQUARE, IconFormat::Svg, 192, Shape::Plain).unwrap();
        assert_eq!(Pixmap::decode_png(&png).unwrap().width(), 192);
        assert_eq!(pixel(&png, 1, 1), [255, 0, 0, 255]);
        assert_eq!(pixel(&png, 190, 190), [255, 0, 0, 255]);
        assert_eq!(
            png,
            render(SQUARE, IconFormat::Svg, 192, Shape::Plain).unwrap()
        );
    }

    #[test]
    fn a_maskable_icon_keeps_its_picture_inside_the_safe_circle() {
        let png = render(SQUARE, IconFormat::Svg, 512, Shape::Maskable([0, 0, 255])).unwrap();
        assert_eq!(pixel(&png, 5, 5), [0, 0, 255, 255], "background colour");
        assert_eq!(
            pixel(&png, 256, 256),
            [255, 0, 0, 255],
            "picture in the middle"
        );
        assert_eq!(
            pixel(&png, 256, 60),
            [0, 0, 255, 255],
            "inside the 80 % circle"
        );
    }

    #[test]
    fn a_png_is_scaled_to_each_size() {
        let big = render(SQUARE, IconFormat::Svg, 512, Shape::Plain).unwrap();
        let small = render(&big, IconFormat::Png, 192, Shape::Plain).unwrap();
        assert_eq!(Pixmap::decode_png(&small).unwrap().height(), 192);
        assert_eq!(pixel(&small, 96, 96), [255, 0, 0, 255]);
    }

    #[test]
    fn unreadable_pictures_are_reported_not_drawn() {
        let error = render(b"<svg", IconFormat::Svg, 192, Shape::Plain).unwrap_err();
        assert!(error.starts_with("cannot read this SVG"), "{error}");
        let error = render(b"not a png", IconFormat::Png, 192, Shape::Plain).unwrap_err();
        assert!(error.starts_with("cannot read this PNG"), "{error}");
    }
}
