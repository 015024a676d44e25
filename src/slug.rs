//! Slugs: ASCII, lowercase, URL- and file-system-safe names derived from titles and file names.

use crate::fold;

/// Names that Windows refuses as file names, with or without an extension.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Folds `text` to `[a-z0-9-]`: `Bài 1: Đường đi` → `bai-1-duong-di`. May return an empty string.
pub fn slugify(text: &str) -> String {
    let folded = fold::fold(text);
    let mut slug = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else if c == '_' || c == '-' || !c.is_alphanumeric() {
            pending_dash = true;
        }
    }
    slug
}

/// The ids other tools give a heading: GitHub's (lowercase) and mdBook's (ASCII letters
/// lowercased, others kept). Letters, digits, `_` and `-` are kept, every space becomes `-`
/// (repeated hyphens are not collapsed) and everything else is dropped: "The `+` Operator" →
/// `the--operator`, "Mật khẩu mạnh" → `mật-khẩu-mạnh`.
pub fn foreign_heading_ids(text: &str) -> [String; 2] {
    let id = |lower: fn(char) -> String| {
        fold::nfc(text.trim())
            .chars()
            .filter_map(|c| {
                if c.is_alphanumeric() || c == '_' || c == '-' {
                    Some(lower(c))
                } else if c.is_whitespace() {
                    Some("-".to_string())
                } else {
                    None
                }
            })
            .collect::<String>()
    };
    [
        id(|c| c.to_lowercase().collect()),
        id(|c| c.to_ascii_lowercase().to_string()),
    ]
}

/// Whether `name` (a file name, with or without extension) is reserved on Windows.
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim_end_matches([' ', '.']);
    WINDOWS_RESERVED.contains(&stem.to_ascii_lowercase().as_str())
        || name.ends_with('.')
        || name.ends_with(' ')
}

/// A slug for a path component: never empty, never a Windows-reserved name (`con` → `con-1`).
pub fn component_slug(text: &str, fallback: &str) -> String {
    let slug = slugify(text);
    let slug = if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    };
    if is_windows_reserved(&slug) {
        format!("{slug}-1")
    } else {
        slug
    }
}

/// Splits an ordering prefix off a file or folder name: `02-mat-khau` → `(Some(2), "mat-khau")`.
pub fn split_order_prefix(name: &str) -> (Option<u64>, &str) {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return (None, name);
    }
    let rest = &name[digits..];
    let Some(rest) = rest.strip_prefix(['-', '_', '.', ' ']) else {
        return (None, name);
    };
    if rest.is_empty() {
        return (None, name);
    }
    (name[..digits].parse().ok(), rest)
}

/// The slug of a course, module or lesson name: its ordering prefix dropped.
pub fn folder_slug(name: &str, fallback: &str) -> String {
    let (_, bare) = split_order_prefix(name);
    component_slug(bare, fallback)
}

/// The slug of a folder of assets.
pub fn asset_dir_slug(name: &str) -> String {
    component_slug(name, "files")
}

/// Asset file names keep their stem readable and their extension: `Màn hình.PNG` → `man-hinh.png`.
pub fn asset_file_slug(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            format!("{}.{}", component_slug(stem, "file"), slugify(ext))
        }
        _ => component_slug(name, "file"),
    }
}

/// A readable title from a file or folder name, for modules without `_index.md`, accents kept:
/// `02-mua-sam` → `Mua sam`, `02-Lừa-đảo` → `Lừa đảo`.
pub fn title_from_name(name: &str) -> String {
    let (_, bare) = split_order_prefix(name.trim_end_matches(".md"));
    let words = bare.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_folder_named_like_a_root_file_of_khoa_keeps_that_name() {
        let output = crate::output::ROOT_FILES
            .iter()
            .chain(crate::output::ROOT_FOLDERS);
        for name in output {
            assert_ne!(slugify(name), *name);
            assert!(!slugify(name).starts_with('_'), "{name}");
        }
    }

    #[test]
    fn folds_vietnamese_titles() {
        assert_eq!(slugify("Bài 1: Đường đi"), "bai-1-duong-di");
        assert_eq!(
            slugify("  Dịch vụ công trực tuyến!  "),
            "dich-vu-cong-truc-tuyen"
        );
        assert_eq!(slugify("Tạo mật khẩu mạnh"), "tao-mat-khau-manh");
        assert_eq!(
            slugify("snake_case and CamelCase"),
            "snake-case-and-camelcase"
        );
        assert_eq!(slugify("…"), "");
    }

    #[test]
    fn foreign_heading_ids_keep_letters_and_every_hyphen() {
        let [github, mdbook] = foreign_heading_ids("The + Operator");
        assert_eq!(
            (github.as_str(), mdbook.as_str()),
            ("the--operator", "the--operator")
        );
        let [github, mdbook] = foreign_heading_ids("Đặt mật khẩu: 12 ký tự!");
        assert_eq!(github, "đặt-mật-khẩu-12-ký-tự");
        assert_eq!(mdbook, "Đặt-mật-khẩu-12-ký-tự");
        assert_eq!(
            foreign_heading_ids("snake_case & more")[0],
            "snake_case--more"
        );
    }

    #[test]
    fn avoids_windows_reserved_names() {
        assert_eq!(component_slug("Con", "x"), "con-1");
        assert_eq!(component_slug("COM1", "x"), "com1-1");
        assert_eq!(component_slug("con mèo", "x"), "con-meo");
        assert!(is_windows_reserved("nul.txt"));
        assert!(is_windows_reserved("Aux"));
        assert!(!is_windows_reserved("console"));
    }

    #[test]
    fn empty_slugs_fall_back() {
        assert_eq!(component_slug("???", "lesson"), "lesson");
    }

    #[test]
    fn titles_from_names_keep_accents() {
        assert_eq!(title_from_name("02-Lừa-đảo"), "Lừa đảo");
        assert_eq!(title_from_name("03_mua_sam"), "Mua sam");
        assert_eq!(title_from_name("01-bai-mot.md"), "Bai mot");
    }

    #[test]
    fn splits_numeric_prefixes() {
        assert_eq!(split_order_prefix("02-mat-khau"), (Some(2), "mat-khau"));
        assert_eq!(split_order_prefix("10_intro"), (Some(10), "intro"));
        assert_eq!(split_order_prefix("2024"), (None, "2024"));
        assert_eq!(split_order_prefix("3d-models"), (None, "3d-models"));
        assert_eq!(split_order_prefix("intro"), (None, "intro"));
    }
}
