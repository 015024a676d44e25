use super::*;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageEncoder, RgbImage, RgbaImage};

/// A photo-like JPEG: gradients and deterministic noise, so it does not compress to nothing.
fn photo(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let image = RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = seed % 40;
        let r = (x * 255 / width + noise).min(255) as u8;
        let g = (y * 255 / height + noise).min(255) as u8;
        image::Rgb([r, g, ((x + y) % 256) as u8])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 92)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn screenshot(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, y| {
        let on = (x / 40 + y / 30) % 2 == 0;
        image::Rgba([
            if on { 240 } else { 20 },
            120,
            60,
            if x < 10 { 128 } else { 255 },
        ])
    });
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

fn resized(sizing: Sizing) -> (u32, u32, Vec<Variant>) {
    match sizing {
        Sizing::Resized {
            width,
            height,
            variants,
        } => (width, height, variants),
        other => panic!("not resized: {other:?}"),
    }
}

#[test]
fn a_wide_photo_gets_jpeg_copies_at_each_narrower_width() {
    let original = photo(1600, 1000);
    let (width, height, variants) = resized(size("c/hinh/anh.jpg", &original));
    assert_eq!((width, height), (1600, 1000));
    let got: Vec<(&str, u32, u32)> = variants
        .iter()
        .map(|v| (v.url.as_str(), v.width, v.height))
        .collect();
    assert_eq!(
        got,
        [
            ("c/hinh/anh.w480.jpg", 480, 300),
            ("c/hinh/anh.w720.jpg", 720, 450),
            ("c/hinh/anh.w960.jpg", 960, 600),
            ("c/hinh/anh.w1440.jpg", 1440, 900),
        ]
    );
    for v in &variants {
        let decoded = image::load_from_memory(&v.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (v.width, v.height));
        assert_eq!(
            image::guess_format(&v.bytes).unwrap(),
            image::ImageFormat::Jpeg
        );
        assert!(v.bytes.len() < original.len());
    }
}

#[test]
fn copies_are_byte_identical_from_one_build_to_the_next() {
    let original = photo(1000, 700);
    let (_, _, first) = resized(size("a.jpg", &original));
    let (_, _, again) = resized(size("a.jpg", &original));
    assert_eq!(first, again);
}

#[test]
fn never_upscaled_and_the_full_width_copy_is_the_original_when_not_smaller() {
    let original = screenshot(600, 400);
    let (_, _, variants) = resized(size("s.png", &original));
    let widths: Vec<u32> = variants.iter().map(|v| v.width).collect();
    assert_eq!(widths, [480, 600]);
    assert!(variants[1].bytes.len() <= original.len());
    let decoded = image::load_from_memory(&variants[0].bytes).unwrap();
    assert!(
        decoded.color().has_alpha(),
        "a PNG copy keeps its transparency"
    );
    assert_eq!(
        image::guess_format(&variants[0].bytes).unwrap(),
        image::ImageFormat::Png
    );
}

#[test]
fn small_images_stay_as_they_are() {
    assert!(matches!(
        size("i.png", &screenshot(480, 900)),
        Sizing::AsIs {
            width: 480,
            height: 900
        }
    ));
}

#[test]
fn other_bytes_are_foreign_and_broken_ones_unreadable_with_a_reason() {
    assert!(matches!(
        size("x.jpg", b"GIF89a\x01\x00\x01\x00"),
        Sizing::Foreign
    ));
    assert!(matches!(size("x.png", b"not an image"), Sizing::Foreign));
    let mut cut = screenshot(600, 400);
    cut.truncate(cut.len() / 2);
    let Sizing::Unreadable(reason) = size("x.png", &cut) else {
        panic!("a truncated PNG is not sized");
    };
    assert!(!reason.is_empty());
}

#[test]
fn copy_names_carry_their_width() {
    assert_eq!(variant_url("c/h/anh.jpg", 480), "c/h/anh.w480.jpg");
    assert_eq!(variant_width("c/h/anh.w480.jpg"), Some(480));
    assert_eq!(variant_width("c/h/anh.jpg"), None);
    assert_eq!(variant_width("c/h/anh.wide.jpg"), None);
    assert!(is_resizable("a/B.JPEG") && is_resizable("b.png"));
    assert!(!is_resizable("a.gif") && !is_resizable("a.svg"));
}

#[test]
fn pictures_name_a_fallback_and_a_share_copy() {
    let original = photo(1600, 1000);
    let sizing = size("c/a.jpg", &original);
    let pictures = Pictures::of([("c/a.jpg", &sizing)]);
    let frame = pictures.get("c/a.jpg").unwrap();
    assert_eq!(frame.fallback_width(), Some(960));
    assert_eq!(frame.height_at(720), 450);
    assert_eq!(
        pictures.share_url("c/a.jpg").as_deref(),
        Some("c/a.w1440.jpg")
    );
}

#[test]
fn a_sizing_reads_back_from_its_stored_bytes_and_spoiled_bytes_are_a_miss() {
    let sizing = size("c/a.png", &screenshot(700, 300));
    let stored = to_stored(&sizing).unwrap();
    assert_eq!(from_stored("c/a.png", &stored), Some(sizing));
    for cut in [0, 1, 9, stored.len() - 1] {
        assert_eq!(from_stored("c/a.png", &stored[..cut]), None, "cut at {cut}");
    }
    let small = size("b.png", &screenshot(100, 50));
    assert_eq!(
        from_stored("b.png", &to_stored(&small).unwrap()),
        Some(small)
    );
    assert_eq!(to_stored(&Sizing::Foreign), None);
}

#[test]
fn the_worker_stands_in_the_copy_a_download_keeps() {
    let (_, core) = crate::theme::DEFAULT_FILES
        .iter()
        .find(|(path, _)| *path == "static/js/offline-core.js")
        .unwrap();
    let core = std::str::from_utf8(core).unwrap();
    assert!(core.contains(&format!(
        "m[2] > {OFFLINE_WIDTH} ? m[1] + {OFFLINE_WIDTH} + m[3]"
    )));
}
