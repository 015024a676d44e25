//! `khoa export gift` and `khoa import gift`: the file lands whole where it should, what GIFT or
//! khoa cannot hold is a located warning, and bad input writes nothing.

use crate::{Project, khoa_bin};
use std::process::Command;

const QUIZZES: &str = "---
title: Bài
description: Câu hỏi.
---

```quiz id=chon
Chọn?

- [x] A
- [ ] B
```

```quiz id=sap-xep type=order
Sắp xếp.

1. Một
2. Hai
```
";

fn project() -> Project {
    Project::course(&[("01-bai.md", QUIZZES)])
}

#[test]
fn export_writes_dist_course_gift_and_warns_about_order_questions_at_their_line() {
    let p = project();
    let run = p.run(&["export", "gift", "--course", "c"]).ok();
    let gift = std::fs::read_to_string(p.path("dist/c.gift")).unwrap();
    assert!(
        gift.contains("$CATEGORY: Khóa C\n\n::chon::[markdown]Chọn? {\n=A\n~B\n}"),
        "{gift}"
    );
    assert!(!gift.contains("sap-xep"), "{gift}");
    assert!(run.stderr.contains("content/c/01-bai.md:13:1: warning: question `sap-xep` is left out of the GIFT file: order questions"), "{}", run.stderr);
    assert!(
        run.stderr.contains("Exported 1 GIFT question to"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_writes_nothing_for_a_project_with_errors_or_an_unknown_course() {
    let p = Project::course(&[(
        "01-bai.md",
        "---\ntitle: Bài\n---\n\n```quiz id=x\nCâu?\n```\n",
    )]);
    p.run(&["export", "gift", "--course", "c", "--out", "ra"])
        .code(1)
        .stderr_has("content/c/01-bai.md:5:1: error: quiz has no answers")
        .stderr_has("Export failed; nothing was written.");
    assert!(!p.path("ra").exists());
    project()
        .run(&["export", "gift", "--course", "khong-co"])
        .code(2)
        .stderr_has("no course has the id `khong-co` (courses: c)");
}

fn import(p: &Project, file: &str, into: &str) -> crate::Run {
    let mut command = Command::new(khoa_bin());
    command
        .args(["import", "gift", file, "--into", into])
        .current_dir(p.root());
    p.output(command)
}

#[test]
fn import_writes_a_lesson_per_category_and_notes_what_khoa_cannot_hold() {
    let p = project().file(
        "q.gift",
        "$CATEGORY: Khóa/An toàn mạng\n\n::Mã OTP::Mã? {=OTP ~PIN}\n\n::Viết::Kể lại. {}\n",
    );
    let run = import(&p, "q.gift", "content/c/moi").ok();
    assert!(
        run.stderr
            .contains("q.gift:5:1: warning: question `Viết` is left out: essay questions"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("Imported 1 question in 1 lesson into content/c/moi (1 warning"),
        "{}",
        run.stdout
    );
    let lesson = std::fs::read_to_string(p.path("content/c/moi/01-an-toan-mang.md")).unwrap();
    assert_eq!(
        lesson,
        "---\ntitle: \"An toàn mạng\"\n---\n\n```quiz id=ma-otp\nMã?\n\n- [x] OTP\n- [ ] PIN\n```\n"
    );
    p.run(&["check"]).ok();
}

#[test]
fn bad_gift_is_a_located_error_and_writes_nothing() {
    let p = project().file("q.gift", "::a::Câu {=a ~b}\n\n::b::Câu {=a ~b\n");
    import(&p, "q.gift", "content/c/moi")
        .code(1)
        .stderr_has("q.gift:3:10: error: the answers opened with `{` are never closed")
        .stderr_has("1 problem in the GIFT file; nothing was written.");
    assert!(!p.path("content/c/moi").exists());
    let p = project()
        .file("q.gift", "::a::Câu {T}\n")
        .file("content/c/moi/x.md", "x");
    import(&p, "q.gift", "content/c/moi")
        .code(2)
        .stderr_has("is not empty");
    import(&p, "q.gift", "content/khong/moi")
        .code(2)
        .stderr_has("is not inside a course folder");
}
