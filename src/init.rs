//! `khoa init DIR`: a new project that builds at once (`khoa.yaml`, one short course, and a
//! `.gitignore` keeping the build cache out of version control).

use std::path::Path;

const COURSE_INDEX: &str = "---
title: Khóa học đầu tiên
description: Một khóa học mẫu; hãy sửa nó thành khóa học của bạn.
id: khoa-hoc-dau-tien
---
Chào mừng! Mỗi thư mục trong `content/` là một khóa học; mỗi tệp `.md` là một bài học.
";

const LESSON: &str = "---
title: Bài đầu tiên
id: bai-dau-tien
description: Bài học mẫu cho biết cách viết một bài.
duration: 3
---
## Viết bài học

Viết nội dung bằng Markdown. Chạy `khoa serve` để xem trước, `khoa build` để xuất bản.

## Kiểm tra nhanh

```quiz id=tep-bai-hoc
Mỗi bài học là một tệp gì?

- [x] Một tệp Markdown (`.md`)
- [ ] Một tệp Word (`.docx`)
```
";

/// Creates a project in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<(), String> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .next()
            .is_some()
    {
        return Err(format!(
            "`{}` is not empty; choose a new folder",
            dir.display()
        ));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let site_id = site_id(&name);
    let config = format!(
        "title: {}\nlanguage: vi\n# Namespaces learners' progress in their browser; keep it stable once published.\nsite_id: {site_id}\n",
        yaml_quote(if name.is_empty() {
            "Khóa học"
        } else {
            &name
        })
    );
    let course = dir.join("content/khoa-hoc-dau-tien");
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    std::fs::create_dir_all(&course).map_err(|e| format!("{}: {e}", course.display()))?;
    write(&dir.join(crate::config::FILE_NAME), &config)?;
    write(&course.join("_index.md"), COURSE_INDEX)?;
    write(&course.join("01-bai-dau-tien.md"), LESSON)?;
    let ignored = format!("/{}/\n", crate::cache::DEFAULT_DIR);
    write(&dir.join(".gitignore"), &ignored)?;
    Ok(())
}

/// A short id from the folder name plus a random suffix, so two sites never share storage.
fn site_id(name: &str) -> String {
    let mut base = crate::slug::slugify(name);
    base.truncate(24);
    let base = if base.is_empty() {
        "khoa".to_string()
    } else {
        base.trim_end_matches('-').to_string()
    };
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
        ^ u128::from(std::process::id()) << 64;
    let suffix: String = (0..6)
        .map(|i| char::from(b"abcdefghijkmnpqrstuvwxyz23456789"[((seed >> (i * 5)) & 31) as usize]))
        .collect();
    format!("{base}-{suffix}")
}

fn yaml_quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    #[test]
    fn site_ids_are_storage_safe_and_distinct() {
        let a = super::site_id("Khóa Học Của Tôi");
        assert!(crate::config::is_storage_id(&a), "{a}");
        assert!(a.starts_with("khoa-hoc-cua-toi-"));
        std::thread::sleep(std::time::Duration::from_millis(1));
        assert_ne!(a, super::site_id("Khóa Học Của Tôi"));
    }
}
