//! Markup snapshots of each question type, rendered by the default theme's quiz templates: a
//! change to the templates or the view shows up here as a diff to review.

use super::tests::{OTP, problems, quiz};

/// Compares `html` with `src/render/quizzes/snapshots/<name>.html`; `KHOA_UPDATE_SNAPSHOTS=1` rewrites it.
fn snapshot(name: &str, html: &str) {
    let path = format!(
        "{}/src/render/quizzes/snapshots/{name}.html",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("KHOA_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, html).expect("write snapshot");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        html, expected,
        "markup of `{name}` changed: review it, then KHOA_UPDATE_SNAPSHOTS=1"
    );
}

#[test]
fn markup_snapshots_of_each_type() {
    let cases = [
        ("single", "id=s", OTP),
        (
            "multiple",
            "id=m",
            "Chọn hết.\n\n- [x] A\n- [x] B\n- [ ] C\n  > Sai.\n",
        ),
        (
            "text",
            "id=t fold=true",
            "Mấy bước?\n\n= hai bước\n\nVì hai.\n",
        ),
        ("number", "id=n points=2", "Số?\n\n= 3.5 ± 0.1\n"),
        (
            "order",
            "id=o type=order",
            "Xếp.\n\n1. Một\n2. Hai\n3. Ba\n",
        ),
        (
            "match",
            "id=k type=match",
            "Ghép.\n\n- 113 -> Công an\n- 114 -> Cứu hỏa\n- -> Cấp cứu\n",
        ),
        (
            "gaps",
            "id=g",
            "Là [[VNeID|vneid]] mức [[1|(2)]].\n\n[[?]] Mức cao.\n",
        ),
    ];
    for (name, attrs, body) in cases {
        let out = quiz(attrs, body);
        assert_eq!(problems(&out), Vec::<String>::new(), "{name}");
        snapshot(name, &out.html);
    }
}
