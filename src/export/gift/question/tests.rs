use super::*;
use crate::quiz::SourceOption;

fn quiz(answer: SourceAnswer) -> SourceQuiz {
    SourceQuiz {
        id: "q".into(),
        points: 1,
        fold: false,
        shuffle: true,
        line: 3,
        stem: "Câu: {a}?".into(),
        hints: Vec::new(),
        explanation: "Vì #1.".into(),
        answer,
    }
}

fn option(text: &str, correct: bool, feedback: Option<&str>) -> SourceOption {
    SourceOption {
        text: text.into(),
        feedback: feedback.map(String::from),
        correct,
    }
}

fn one(quiz: &SourceQuiz) -> String {
    match export(quiz) {
        Exported::Questions(mut q) if q.len() == 1 => q.remove(0),
        other => panic!("{other:?}"),
    }
}

#[test]
fn single_choice_with_feedback_and_explanation() {
    let q = quiz(SourceAnswer::Choices {
        options: vec![
            option("A = 1", true, Some("Đúng~")),
            option("B -> C", false, None),
        ],
        multiple: false,
    });
    assert_eq!(
        one(&q),
        "::q::[markdown]Câu\\: \\{a\\}? {\n=A \\= 1#Đúng\\~\n~B -&gt; C\n####Vì \\#1.\n}"
    );
}

#[test]
fn multiple_choice_weights_share_100_and_wrong_ones_cost() {
    let options = vec![
        option("A", true, None),
        option("B", true, None),
        option("C", true, None),
        option("D", false, None),
    ];
    let text = one(&quiz(SourceAnswer::Choices {
        options,
        multiple: true,
    }));
    assert!(
        text.contains("~%33.33333%A\n~%33.33333%B\n~%33.33333%C\n~%-33.33333%D\n"),
        "{text}"
    );
    let many = (0..11)
        .map(|i| option(&i.to_string(), true, None))
        .collect();
    assert!(
        matches!(export(&quiz(SourceAnswer::Choices { options: many, multiple: true })), Exported::LeftOut(why) if why.contains("11 right options"))
    );
}

#[test]
fn text_number_and_match_forms() {
    assert!(
        one(&quiz(SourceAnswer::Text(vec!["một".into(), "1".into()])))
            .contains("{\n=một\n=1\n####")
    );
    assert!(one(&quiz(SourceAnswer::Number(vec![(3.5, 0.1)]))).contains("{\n#3.5:0.1\n####"));
    assert!(
        one(&quiz(SourceAnswer::Number(vec![(1.0, 0.0), (2.0, 0.5)])))
            .contains("{\n#=1:0 =2:0.5\n")
    );
    let matching = SourceAnswer::Match {
        pairs: vec![("113".into(), "Công an".into())],
        distractors: vec!["Cứu: hỏa".into()],
    };
    assert!(one(&quiz(matching)).contains("{\n=113 -> Công an\n= -> Cứu\\: hỏa\n"));
    assert!(matches!(
        export(&quiz(SourceAnswer::Text(vec!["a->b".into()]))),
        Exported::LeftOut(_)
    ));
}

#[test]
fn order_is_left_out_and_attributes_travel_in_a_comment() {
    assert!(
        matches!(export(&quiz(SourceAnswer::Order(vec!["a".into(), "b".into()]))), Exported::LeftOut(why) if why.contains("order"))
    );
    let mut q = quiz(SourceAnswer::Text(vec!["a".into()]));
    (q.points, q.fold, q.shuffle) = (2, true, false);
    assert!(one(&q).starts_with("// khoa: points=2 fold=true shuffle=false\n::q::"));
}

#[test]
fn each_gap_becomes_its_own_missing_word_question() {
    let mut q = quiz(SourceAnswer::Gaps(vec![
        Gap::Blank(vec!["VNeID".into()]),
        Gap::Choice {
            choices: vec!["1".into(), "2".into()],
            correct: 1,
        },
    ]));
    q.stem = format!(
        "Là {} mức {}.",
        crate::quiz::gap_marker(0),
        crate::quiz::gap_marker(1)
    );
    q.explanation.clear();
    let Exported::Questions(list) = export(&q) else {
        panic!()
    };
    assert_eq!(
        list,
        [
            "::q-gap-1::[markdown]Là {\n=VNeID\n} mức (…).",
            "::q-gap-2::[markdown]Là (…) mức {\n~1\n=2\n}."
        ]
    );
}
