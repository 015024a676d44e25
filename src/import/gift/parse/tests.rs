use super::*;

fn one(text: &str) -> Question {
    match parse(text).unwrap().remove(0) {
        Item::Question(q) => q,
        other => panic!("not a question: {other:?}"),
    }
}

fn first_error(text: &str) -> (usize, usize, String) {
    let e = parse(text).unwrap_err().remove(0);
    (e.at.line, e.at.column, e.message)
}

#[test]
fn categories_titles_formats_and_khoa_comments() {
    let items = parse("// a comment\n$CATEGORY: Khóa/Mô đun\n\n// khoa: points=2 fold=true\n::q1::[markdown]Câu **một**? {=A ~B}\n").unwrap();
    assert_eq!(
        items[0],
        Item::Category {
            path: "Khóa/Mô đun".into(),
            at: Pos { line: 2, column: 1 }
        }
    );
    let Item::Question(q) = &items[1] else {
        panic!()
    };
    assert_eq!(q.title.as_deref(), Some("q1"));
    assert_eq!(q.format.as_deref(), Some("markdown"));
    assert_eq!(q.stem, "Câu **một**?");
    assert_eq!(q.khoa, ["points=2", "fold=true"]);
    assert_eq!(q.at.line, 5);
}

#[test]
fn the_answer_block_decides_the_type_as_moodle_does() {
    assert!(matches!(one("Q {}").answers, Answers::Essay));
    assert!(matches!(one("Q {####chung}").answers, Answers::Essay));
    assert!(matches!(
        one("Q {T}").answers,
        Answers::TrueFalse { answer: true, .. }
    ));
    assert!(
        matches!(one("Q {FALSE#sai#đúng}").answers, Answers::TrueFalse { answer: false, ref feedback } if feedback == &["sai", "đúng"])
    );
    assert!(matches!(one("Q {=a =b}").answers, Answers::Short(ref c) if c.len() == 2));
    assert!(
        matches!(one("Q {=a -> 1 =b -> 2 = -> 3}").answers, Answers::Match(ref p) if p[2] == (String::new(), "3".into()))
    );
    assert!(matches!(
        one("Chỉ là lời dẫn.").answers,
        Answers::Description
    ));
    let Answers::Choices(c) = one("Q {~%50%a#fa ~%50%b ~%-100%c}").answers else {
        panic!()
    };
    assert_eq!(
        (c[0].weight, c[0].feedback.as_deref(), c[2].weight),
        (Some(50.0), Some("fa"), Some(-100.0))
    );
}

#[test]
fn numbers_with_tolerance_ranges_and_several_answers() {
    let value = |text: &str| match one(text).answers {
        Answers::Numbers(n) => n
            .iter()
            .map(|n| (n.right, n.value, n.tolerance))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(value("Q {#3.5:0.1}"), [(true, 3.5, 0.1)]);
    assert_eq!(value("Q {#3..4}"), [(true, 3.5, 0.5)]);
    assert_eq!(
        value("Q {#=113 ~%0%114#gần}"),
        [(true, 113.0, 0.0), (false, 114.0, 0.0)]
    );
    assert_eq!(first_error("Q {#ba}").0, 1);
}

#[test]
fn escapes_and_new_lines_are_decoded() {
    let q = one("::t\\:1::Giá \\{a\\} \\= 1\\: \\~ \\# \\\\ x\\ny {=C\\:\\\\ ~b}");
    assert_eq!(q.title.as_deref(), Some("t:1"));
    assert_eq!(q.stem, "Giá {a} = 1: ~ # \\ x\ny");
    let Answers::Choices(c) = q.answers else {
        panic!()
    };
    assert_eq!(c[0].text, "C:\\");
}

#[test]
fn missing_word_keeps_the_text_after_the_answers() {
    let q = one("Mã [[x]] là {=OTP ~PIN} gửi qua tin nhắn.");
    assert_eq!(
        (q.stem.as_str(), q.after.as_deref()),
        ("Mã [[x]] là", Some("gửi qua tin nhắn."))
    );
}

#[test]
fn bad_gift_is_located() {
    assert_eq!(
        first_error("\n\n::a::Câu {=a ~b\n"),
        (
            3,
            10,
            "the answers opened with `{` are never closed with `}` (a blank line ends a question)"
                .into()
        )
    );
    assert_eq!(first_error("Q {=a} và {=b}").1, 11);
    assert_eq!(first_error("::a Câu {=a}").1, 1);
    assert_eq!(first_error("Q {~%150%a ~b}").1, 5);
    assert_eq!(
        first_error("Q {=a -> 1 =b}").2,
        "a matching pair needs `->`: write `=left -> right`"
    );
    assert!(
        first_error("Q {maybe}")
            .2
            .contains("`maybe` is not an answer")
    );
    assert_eq!(first_error("$CATEGORY: a\nQ {T}").0, 2);
    assert_eq!(
        parse("Q {=a ~b\n\nR {T}\n\nS {=a =b").unwrap_err().len(),
        2,
        "every problem at once"
    );
}
