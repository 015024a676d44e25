//! Output names a file system refuses: Windows-reserved names and names over 255 bytes.

use super::source_of;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::output::Outputs;
use crate::slug;
use std::collections::HashMap;

/// Longest output path component, in bytes: the usual file-name limit (ext4, APFS, NTFS).
pub const MAX_NAME_BYTES: usize = 255;

/// Safety net behind the slugs: no output path component may be a name Windows refuses, or
/// longer than [`MAX_NAME_BYTES`] (writing it would fail with an OS error).
pub(super) fn check_output_names(
    site: &Site,
    outputs: &Outputs,
    sources: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (url, _) in outputs.iter() {
        for component in url.split('/') {
            let message = if slug::is_windows_reserved(component) {
                format!(
                    "output `{url}` contains `{component}`, a name Windows refuses (con, prn, aux, nul, com1…, lpt1…); rename the file"
                )
            } else if component.len() > MAX_NAME_BYTES {
                format!(
                    "output `{url}` has a name of {} bytes (at most {MAX_NAME_BYTES}, the file-system limit); shorten the file or folder name",
                    component.len()
                )
            } else {
                continue;
            };
            diagnostics.push(Diagnostic::error(
                source_of(site, sources, url),
                0,
                0,
                message,
            ));
            break;
        }
    }
}
