//! `.gz` and `.br` siblings of every text file over 1 KB, for hosts that serve a precompressed
//! file when the browser accepts it (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`).
//! The only user of `flate2` and `brotli`.
//!
//! Deterministic: the gzip header holds no time, no file name and "unknown" as its system, and
//! both encoders run at their best setting with fixed parameters, so one site always gives the
//! same bytes. Each sibling belongs to khoa: an author's file at that name loses with an error.

use crate::diagnostic::Diagnostic;
use crate::output::{Outputs, Owner};
use rayon::prelude::*;
use std::io::Write;

/// Smaller files gain nothing worth a second request path.
pub const MIN_BYTES: usize = 1024;

/// Extensions of the files worth compressing (images other than SVG are compressed already).
const TEXT: &[&str] = &[
    "html",
    "css",
    "js",
    "json",
    "svg",
    "xml",
    "txt",
    "webmanifest",
    "md",
    "csv",
];

/// Adds `<path>.gz` and `<path>.br` next to each text file of `outputs` over [`MIN_BYTES`].
pub fn add_siblings(outputs: &mut Outputs) -> Vec<Diagnostic> {
    let chosen: Vec<(String, Vec<u8>)> = outputs
        .iter()
        .filter(|(path, bytes)| worth_compressing(path, bytes.len()))
        .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
        .collect();
    let compressed: Vec<(String, Vec<u8>, Vec<u8>)> = chosen
        .into_par_iter()
        .map(|(path, bytes)| (path, gzip(&bytes), brotli(&bytes)))
        .collect();
    let mut problems = Vec::new();
    for (path, gz, br) in compressed {
        let owner = || Owner::Khoa("a precompressed copy");
        problems.extend(outputs.add(format!("{path}.gz"), owner(), gz));
        problems.extend(outputs.add(format!("{path}.br"), owner(), br));
    }
    problems
}

fn worth_compressing(path: &str, len: usize) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    len > MIN_BYTES && TEXT.contains(&extension.to_ascii_lowercase().as_str())
}

/// gzip at level 9 with a header that says nothing of when or where it was made.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .operating_system(255)
        .write(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.try_finish())
        .expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

/// Brotli at quality 11 with a 4 MiB window (the format's default, which every browser reads).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .expect("compressing in memory cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn text(len: usize) -> String {
        (0..len)
            .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
            .collect()
    }

    #[test]
    fn text_files_over_1_kb_get_both_siblings_that_decode_to_the_original() {
        let mut outputs = Outputs::new();
        let page = text(5000);
        outputs.insert("c/l.html", page.clone());
        outputs.insert("c/small.html", text(MIN_BYTES));
        outputs.insert("c/photo.png", text(5000));
        assert!(add_siblings(&mut outputs).is_empty());
        let paths: Vec<&str> = outputs.iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "c/l.html",
                "c/l.html.br",
                "c/l.html.gz",
                "c/photo.png",
                "c/small.html"
            ]
        );
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(outputs.get("c/l.html.gz").unwrap())
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, page);
        let mut unbrotli = String::new();
        brotli::Decompressor::new(outputs.get("c/l.html.br").unwrap(), 4096)
            .read_to_string(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, page);
    }

    #[test]
    fn compression_is_deterministic_and_the_gzip_header_is_fixed() {
        let page = text(3000);
        assert_eq!(gzip(page.as_bytes()), gzip(page.as_bytes()));
        assert_eq!(brotli(page.as_bytes()), brotli(page.as_bytes()));
        let gz = gzip(page.as_bytes());
        // ID1 ID2 CM FLG, MTIME (4 bytes), XFL, OS: no name, no time, unknown system.
        assert_eq!(&gz[..4], &[0x1f, 0x8b, 8, 0]);
        assert_eq!(&gz[4..8], &[0, 0, 0, 0]);
        assert_eq!(gz[9], 255);
    }

    #[test]
    fn an_authors_file_cannot_take_a_siblings_name() {
        let mut outputs = Outputs::new();
        outputs.insert("c/notes.txt", text(2000));
        let owner = Owner::Author("content/c/notes.txt.gz".into());
        assert!(outputs.add("c/notes.txt.gz", owner, "old").is_empty());
        let problems = add_siblings(&mut outputs);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("a precompressed copy"),
            "{problems:?}"
        );
        assert_ne!(outputs.get("c/notes.txt.gz"), Some(&b"old"[..]));
    }
}
