use super::*;

fn text(output: &Output) -> &str {
    match output {
        Output::Text(t) => t,
        Output::Copy(_) => panic!("no copies"),
    }
}

#[test]
fn one_lesson_file_per_category_and_a_module_index() {
    let planned = plan(
        "$CATEGORY: Kỹ năng/An toàn\n\n::otp::Mã? {=OTP ~PIN}\n",
        "q.gift",
        "Q",
    )
    .unwrap();
    let names: Vec<&str> = planned.files.keys().map(String::as_str).collect();
    assert_eq!(names, ["01-an-toan.md", "_index.md"]);
    assert_eq!(
        text(&planned.files["_index.md"]),
        "---\ntitle: \"Kỹ năng\"\n---\n"
    );
    assert_eq!(
        text(&planned.files["01-an-toan.md"]),
        "---\ntitle: \"An toàn\"\n---\n\n```quiz id=otp\nMã?\n\n- [x] OTP\n- [ ] PIN\n```\n"
    );
    assert_eq!((planned.outcome.lessons, planned.outcome.questions), (1, 1));
}

#[test]
fn bad_gift_is_a_located_error_and_plans_nothing() {
    let Err(ImportError::Book(errors)) = plan("A {T}\n\nB {=a", "q.gift", "Q") else {
        panic!()
    };
    assert_eq!(
        errors[0].to_string(),
        "q.gift:3:3: error: the answers opened with `{` are never closed with `}` (a blank line ends a question)"
    );
}

#[test]
fn a_question_khoas_parser_refuses_is_left_out_with_its_reason() {
    let planned = plan(
        "::x::Chọn? {~%-50%a ~%-50%b}\n\n::y::Tốt? {T}\n",
        "q.gift",
        "Q",
    )
    .unwrap();
    assert_eq!(planned.outcome.questions, 1);
    let refused = &planned.outcome.notes[0];
    assert_eq!((refused.path.as_str(), refused.line), ("q.gift", 1));
    assert!(
        refused.message.contains("no correct option"),
        "{}",
        refused.message
    );
}
