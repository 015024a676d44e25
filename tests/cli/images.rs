//! Images sized for phones: smaller copies of wide PNG and JPEG files, `<img>` with `srcset`,
//! `sizes`, `width`, `height`, lazy loading after the first, the original published only when a
//! page links to it, and the course download keeping only the copies a phone needs.

use crate::Project;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use std::io::Write;

/// An RGB PNG `width`×`height` with gradients and a pattern (so its copies are not trivial).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0);
        for x in 0..width {
            let stripe = if (x / 7 + y / 5) % 3 == 0 { 90 } else { 0 };
            raw.extend([(x % 256) as u8, (y % 256) as u8, stripe]);
        }
    }
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::fast());
    zlib.write_all(&raw).unwrap();
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (b"IHDR", header),
        (b"IDAT", zlib.finish().unwrap()),
        (b"IEND", Vec::new()),
    ] {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(&data);
        out.extend(kind);
        out.extend(&data);
        out.extend(crc.sum().to_be_bytes());
    }
    out
}

fn lesson(body: &str) -> Project {
    Project::course(&[("l.md", &format!("---\ntitle: Bài\n---\n{body}"))])
}

/// The `<img …>` tags of `html`.
fn images(html: &str) -> Vec<String> {
    html.match_indices("<img ")
        .map(|(at, _)| html[at..at + html[at..].find('>').unwrap() + 1].to_string())
        .collect()
}

#[test]
fn a_wide_image_is_drawn_from_smaller_copies_sized_for_the_page_column() {
    let project =
        lesson("![Màn hình đầu](hinh/a.png)\n\nChữ.\n\n![Màn hình sau](hinh/a.png \"Sau\")\n")
            .bytes("content/c/hinh/a.png", &png(1200, 800));
    let run = project.build().ok();
    let imgs = images(&run.main("c/l.html"));
    assert_eq!(
        imgs[0],
        "<img src=\"hinh/a.w960.png\" srcset=\"hinh/a.w480.png 480w, hinh/a.w720.png 720w, \
hinh/a.w960.png 960w, hinh/a.w1200.png 1200w\" sizes=\"(max-width: 46rem) calc(100vw - 2rem), 44rem\" \
width=\"960\" height=\"640\" alt=\"Màn hình đầu\" decoding=\"async\" />"
    );
    assert!(
        imgs[1].contains(" title=\"Sau\" loading=\"lazy\" decoding=\"async\""),
        "every image after the first loads lazily: {}",
        imgs[1]
    );
    for (file, width) in [
        ("a.w480.png", 480),
        ("a.w720.png", 720),
        ("a.w1200.png", 1200),
    ] {
        let bytes = std::fs::read(project.path("public/c/hinh").join(file)).unwrap();
        let got = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        assert_eq!(got, width, "{file}");
    }
    assert!(
        !run.exists("c/hinh/a.png"),
        "no page links to the original, so it is not published"
    );
}

#[test]
fn the_original_is_published_when_a_lesson_links_to_it() {
    let project = lesson("![Ảnh](a.jpg.png)\n\n[Tải ảnh gốc](a.jpg.png)\n")
        .bytes("content/c/a.jpg.png", &png(900, 600));
    let run = project.build().ok();
    assert!(run.exists("c/a-jpg.png"), "the original, for the link");
    assert!(run.exists("c/a-jpg.w480.png"));
    assert!(run.main("c/l.html").contains("href=\"a-jpg.png\""));
}

#[test]
fn small_images_and_svg_stay_as_they_are_with_their_size() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";
    let project = lesson("![Nhỏ](nho.png)\n\n![Vẽ](ve.svg)\n")
        .bytes("content/c/nho.png", &png(480, 300))
        .file("content/c/ve.svg", svg);
    let run = project.build().ok();
    let imgs = images(&run.main("c/l.html"));
    assert_eq!(
        imgs[0],
        "<img src=\"nho.png\" width=\"480\" height=\"300\" alt=\"Nhỏ\" decoding=\"async\" />"
    );
    assert_eq!(imgs[1], "<img src=\"ve.svg\" alt=\"Vẽ\" />");
    assert!(run.exists("c/nho.png") && !run.exists("c/nho.w480.png"));
}

#[test]
fn a_course_download_keeps_the_copies_a_phone_picks_and_not_the_original() {
    let project = lesson("![Ảnh](a.png)\n").bytes("content/c/a.png", &png(1600, 900));
    let run = project.build().ok();
    let list: serde_json::Value = serde_json::from_str(&run.page("_offline/c.json")).unwrap();
    let paths: Vec<&str> = list["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f[0].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"c/a.w480.png") && paths.contains(&"c/a.w720.png"));
    for left_out in ["c/a.w960.png", "c/a.w1440.png", "c/a.png"] {
        assert!(!paths.contains(&left_out), "{left_out} in {paths:?}");
    }
    assert!(run.exists("c/a.w1440.png"));
}

#[test]
fn copies_are_the_same_bytes_from_one_build_to_the_next() {
    let project = lesson("![Ảnh](a.png)\n").bytes("content/c/a.png", &png(1000, 700));
    project.build().ok();
    let first = project.tree("public");
    project.build().ok();
    assert_eq!(first, project.tree("public"));
}

#[test]
fn raw_html_images_keep_the_original() {
    let project =
        lesson("<img src=\"a.png\" alt=\"Ảnh\">\n").bytes("content/c/a.png", &png(800, 600));
    let run = project.build().ok();
    assert!(run.exists("c/a.png"));
}

#[test]
fn copies_from_the_build_cache_are_the_same_bytes_as_copies_made_anew() {
    let project = lesson("![Ảnh](a.png)\n\n![Nhỏ](b.png)\n")
        .bytes("content/c/a.png", &png(1000, 700))
        .bytes("content/c/b.png", &png(300, 200));
    project.run(&["build", "--out", "a", "--no-cache"]).ok();
    let without = project.tree("a");
    assert!(!project.path(".khoa-cache").exists());
    project.run(&["build", "--out", "b"]).ok();
    let kept = std::fs::read_dir(project.path(".khoa-cache/images"))
        .unwrap()
        .count();
    assert!(kept > 0, "the copies are kept in the cache");
    project.run(&["build", "--out", "c"]).ok();
    assert!(
        without == project.tree("b"),
        "filling the cache changed the output"
    );
    assert!(
        without == project.tree("c"),
        "copies read from the cache differ"
    );
    assert!(without.iter().any(|(p, _)| p.ends_with("a.w480.png")));
}
