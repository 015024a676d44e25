//! `khoa build` reading `content/`: ordering, slugs, ids, assets folders, drafts, encodings,
//! front matter errors, symlinks.

use crate::Project;
use crate::build::lesson;

#[test]
fn orders_by_weight_then_prefix_then_name_and_drops_prefixes_from_urls() {
    let project = Project::course(&[
        ("m/b.md", &lesson("Bê")),
        ("m/a.md", &lesson("A")),
        ("m/10-muoi.md", &lesson("Mười")),
        ("m/2-hai.md", &lesson("Hai")),
        ("m/nang.md", "---\ntitle: Nặng\nweight: 1\n---\nx\n"),
    ]);
    let run = project.build().ok();
    let course = run.main("c/index.html");
    let order: Vec<usize> = ["Nặng", "Hai", "Mười", ">A<", "Bê"]
        .iter()
        .map(|t| course.find(t).unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "wrong order: {course}"
    );
    assert!(run.exists("c/m/hai.html") && run.exists("c/m/muoi.html"));
}

#[test]
fn slugs_fold_vietnamese_and_avoid_windows_names() {
    let project = Project::course(&[
        ("01-Dịch vụ công/01-Đường đi.md", &lesson("Đường")),
        ("01-Dịch vụ công/con.md", &lesson("Con")),
    ]);
    let run = project.build().ok();
    assert!(run.exists("c/dich-vu-cong/duong-di.html"));
    assert!(run.exists("c/dich-vu-cong/con-1.html"));
}

#[test]
fn lesson_ids_default_to_module_and_file_so_modules_can_repeat_names() {
    let project = Project::course(&[
        ("01-a/01-gioi-thieu.md", &lesson("Giới thiệu A")),
        ("02-b/01-gioi-thieu.md", &lesson("Giới thiệu B")),
    ]);
    let run = project.build().ok();
    assert!(
        run.page("c/a/gioi-thieu.html")
            .contains("data-lesson-id=\"a/gioi-thieu\"")
    );
    assert!(
        run.page("c/b/gioi-thieu.html")
            .contains("data-lesson-id=\"b/gioi-thieu\"")
    );
}

#[test]
fn folders_without_markdown_are_assets_not_modules() {
    let project = Project::course(&[(
        "01-m/01-l.md",
        "---\ntitle: L\n---\n![Màn hình](../hinh/anh.svg)\n",
    )])
    .file(
        "content/c/hinh/anh.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let run = project.build().ok();
    assert!(run.exists("c/hinh/anh.svg"));
    assert!(run.main("c/m/l.html").contains("src=\"../hinh/anh.svg\""));
    assert!(
        !run.main("c/index.html").contains("Hinh"),
        "images/ must not become a module"
    );
}

#[test]
fn front_matter_errors_point_at_the_line_of_the_md_file() {
    let project =
        Project::course(&[("l.md", "---\ntitle: L\nduration: 3\ndurration: 4\n---\nx\n")]);
    project.build().code(1).stderr_has("content/c/l.md:4:");
}

#[test]
fn crlf_bom_and_lf_sources_give_identical_output() {
    let lf = Project::course(&[("l.md", "---\ntitle: L\n---\n# A\n\nb\nc\n")]);
    let crlf = Project::course(&[]).bytes(
        "content/c/l.md",
        b"\xEF\xBB\xBF---\r\ntitle: L\r\n---\r\n# A\r\n\r\nb\r\nc\r\n",
    );
    lf.build().ok();
    crlf.build().ok();
    assert_eq!(lf.tree("public"), crlf.tree("public"));
}

#[test]
fn invalid_utf8_is_an_error_with_the_byte_offset() {
    let project = Project::course(&[]).bytes("content/c/l.md", b"---\ntitle: L\n---\nb\xFFad\n");
    project
        .build()
        .code(1)
        .stderr_has("invalid UTF-8 at byte offset 18");
}

#[test]
fn drafts_are_left_out() {
    let project = Project::course(&[
        ("l.md", &lesson("L")),
        ("d.md", "---\ntitle: D\ndraft: true\n---\nx\n"),
    ]);
    let run = project.build().ok();
    assert!(!run.exists("c/d.html"));
}

#[cfg(unix)]
#[test]
fn symlinks_leading_out_of_the_project_are_not_followed() {
    let outside =
        Project::empty().file("secret.md", "---\ntitle: Bí mật\n---\nmật khẩu ngân hàng\n");
    let project = Project::course(&[("l.md", &lesson("L"))]);
    std::os::unix::fs::symlink(
        outside.path("secret.md"),
        project.path("content/c/secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.root(), project.path("content/c/ngoai")).unwrap();
    let run = project.build().ok().stderr_has(
        "content/c/secret.md:1:1: warning: symlink skipped: it leads out of the project",
    );
    assert!(!run.exists("c/secret.html"));
    assert!(!run.exists("c/ngoai"));
    for (_, bytes) in project.tree("public") {
        assert!(!String::from_utf8_lossy(&bytes).contains("mật khẩu ngân hàng"));
    }
}

#[test]
fn oversized_front_matter_is_refused_before_parsing() {
    let huge = format!(
        "---\ntitle: L\nextra_note: \"{}\"\n---\nx\n",
        "a".repeat(70 * 1024)
    );
    let project = Project::course(&[("l.md", &huge)]);
    project.build().code(1).stderr_has("the limit is 65536");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang_the_build() {
    let project = Project::course(&[("01-m/l.md", &lesson("L"))]);
    std::os::unix::fs::symlink(".", project.path("content/c/01-m/loop")).unwrap();
    std::os::unix::fs::symlink("../..", project.path("content/c/vong")).unwrap();
    let started = std::time::Instant::now();
    project.build().ok().stderr_has("symlinked folder skipped");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[cfg(unix)]
#[test]
fn symlinked_files_inside_the_project_are_read() {
    let project = Project::course(&[("l.md", &lesson("L"))]).file(
        "shared/hinh.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    std::os::unix::fs::symlink(
        project.path("shared/hinh.svg"),
        project.path("content/c/hinh.svg"),
    )
    .unwrap();
    let run = project.build().ok();
    assert!(run.exists("c/hinh.svg"));
}

#[test]
fn nfd_file_names_and_text_give_the_same_output_as_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let text = "---\ntitle: Đường đi\n---\n## Mật khẩu\n\nBài học về mật khẩu.\n";
    let nfc = Project::course(&[("bài-học.md", text)]);
    let nfd_name: String = "bài-học.md".nfd().collect();
    let nfd_text: String = text.nfd().collect();
    let nfd = Project::course(&[(&nfd_name, &nfd_text)]);
    nfc.build().ok();
    nfd.build().ok();
    assert!(nfc.path("public/c/bai-hoc.html").exists());
    assert_eq!(nfc.tree("public"), nfd.tree("public"));
}
