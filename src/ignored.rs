//! Names that are never content or theme files: hidden files and editor leftovers (swap files,
//! backups, JetBrains and vim save probes). Shared by `load`, `theme` and `serve::watch`.

/// Hidden files and editor leftovers are never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bck")
        || name == "4913"
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_ignored_and_content_is_not() {
        for name in [
            ".l.md.swp",
            "l.md~",
            ".#l.md",
            "4913",
            "l.md___jb_tmp___",
            "l.md___jb_old___",
            "x.tmp",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["l.md", "hinh.png", "_index.md", "tmp.md"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }
}
