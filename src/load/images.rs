//! Reads the bytes of every PNG and JPEG asset (in parallel), so that rendering can make their
//! smaller copies without touching the filesystem.

use crate::diagnostic::Diagnostic;
use crate::model::Asset;
use rayon::prelude::*;

/// Fills `bytes` of each resizable asset; one that cannot be read is an error at its path.
pub(super) fn read_images(assets: &mut [Asset], diagnostics: &mut Vec<Diagnostic>) {
    let problems: Vec<Diagnostic> = assets
        .par_iter_mut()
        .filter(|asset| crate::images::is_resizable(&asset.url))
        .filter_map(|asset| match std::fs::read(&asset.file) {
            Ok(bytes) => {
                asset.bytes = Some(bytes.into());
                None
            }
            Err(e) => Some(Diagnostic::error(
                &asset.source_path,
                0,
                0,
                format!("cannot read: {e}"),
            )),
        })
        .collect();
    diagnostics.extend(problems);
}
