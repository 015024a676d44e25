//! `khoa pack`: the published site (or one course with the home page and shared files) as one
//! zip file that volunteers pass around over USB or chat apps; unzipped, it opens from `file://`.
//! The only user of the `zip` crate.
//!
//! Deterministic: entries in path order, every timestamp the zip format's earliest (1980-01-01),
//! the same permissions for every file, so one site always gives the same bytes. The file is
//! written beside its target and renamed into place only when complete
//! ([`crate::write::write_file_atomically`]): there is never half a zip at that name.

use crate::output::Outputs;
use crate::write::{self, WriteError};
use std::io::{Seek, Write};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Extensions of files that are compressed already: stored as they are.
const COMPRESSED: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "mp3", "mp4", "m4a", "ogg", "webm", "zip", "gz",
    "br", "woff", "woff2", "pdf",
];

/// Writes every file of `outputs` into the zip at `out`.
pub fn write_zip(outputs: &Outputs, out: &Path) -> Result<(), WriteError> {
    write::write_file_atomically(out, |file| {
        zip_into(outputs, file)?;
        Ok(())
    })
}

/// The zip of `outputs` written to `sink`.
pub fn zip_into(outputs: &Outputs, sink: impl Write + Seek) -> std::io::Result<()> {
    let mut zip = ZipWriter::new(sink);
    for (path, bytes) in outputs.iter() {
        zip.start_file(path, options_for(path))
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}

fn options_for(path: &str) -> SimpleFileOptions {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    let method = if COMPRESSED.contains(&extension.to_ascii_lowercase().as_str()) {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    };
    SimpleFileOptions::default()
        .compression_method(method)
        .compression_level(if method == CompressionMethod::Deflated {
            Some(9)
        } else {
            None
        })
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn site() -> Outputs {
        let mut outputs = Outputs::new();
        outputs.insert("index.html", "<p>Trang chủ</p>".repeat(50));
        outputs.insert("c/hinh.png", vec![7u8; 300]);
        outputs.insert("_khoa/khoa.1234abcd.css", "body{}");
        outputs
    }

    fn zipped(outputs: &Outputs) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        zip_into(outputs, &mut bytes).unwrap();
        bytes.into_inner()
    }

    #[test]
    fn the_zip_holds_every_file_sorted_and_is_the_same_every_time() {
        let bytes = zipped(&site());
        assert_eq!(bytes, zipped(&site()));
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect();
        assert_eq!(
            names,
            ["_khoa/khoa.1234abcd.css", "c/hinh.png", "index.html"]
        );
        let mut page = String::new();
        archive
            .by_name("index.html")
            .unwrap()
            .read_to_string(&mut page)
            .unwrap();
        assert_eq!(page, "<p>Trang chủ</p>".repeat(50));
        let image = archive.by_name("c/hinh.png").unwrap();
        assert_eq!(image.compression(), CompressionMethod::Stored);
        assert_eq!(image.last_modified(), Some(DateTime::default()));
    }

    #[test]
    fn a_failed_write_leaves_no_half_zip_and_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site.zip");
        std::fs::write(&out, "old").unwrap();
        let failed = write::write_file_atomically(&out, |file| {
            file.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&out).unwrap(), b"old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
        write_zip(&site(), &out).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), zipped(&site()));
    }
}
