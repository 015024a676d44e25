//! Property tests of the quiz block parser: no input makes it panic, an accepted block gives the
//! same view every time, its HTML parts hold no script, and what reaches an attribute is an id made
//! of the safe characters.

use super::{AnswerView, Block, Markup, QuizView, compile_quiz};
use crate::highlight::Highlighter;
use crate::links::LinkMap;
use crate::markdown::PageInput;
use proptest::prelude::*;

/// Fence attributes: the real keys with good and bad values, and any text at all.
fn attributes() -> impl Strategy<Value = String> {
    let one = prop_oneof![
        Just("id=q-1".to_string()),
        Just("id=\"a b\"".to_string()),
        Just("id=Q\"><x".to_string()),
        Just("type=order".to_string()),
        Just("type=match".to_string()),
        Just("type=text".to_string()),
        Just("points=3".to_string()),
        Just("shuffle=false".to_string()),
        Just("fold=true".to_string()),
        Just("onclick=alert(1)".to_string()),
        "[a-z=\"]{0,8}",
    ];
    prop_oneof![
        prop::collection::vec(one, 0..4).prop_map(|parts| parts.join(" ")),
        any::<String>().prop_map(|s| s.replace('\n', " ")),
    ]
}

/// Body lines shaped like every part of a question, plus any line at all.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Câu hỏi **đậm** <script>alert(1)</script>?".to_string()),
        Just("- [x] Đúng".to_string()),
        Just("- [ ] Sai \" onfocus=\"x".to_string()),
        Just("  > Phản hồi".to_string()),
        Just("= 3.5 ± 0.1".to_string()),
        Just("= đáp án".to_string()),
        Just("1. Một".to_string()),
        Just("2. Hai".to_string()),
        Just("- trái -> phải".to_string()),
        Just("Điền [[mật khẩu]] và [[a|(b)|c]]".to_string()),
        Just("[[?]] Gợi ý".to_string()),
        Just("[x](javascript:alert(1)) ## T {#t onclick=x}".to_string()),
        Just(String::new()),
        "[-\\[\\]x =>|()?a-z0-9 ]{0,12}",
        any::<String>().prop_map(|s| s.replace('\n', " ")),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..12)
        .prop_map(|lines| lines.iter().map(|l| format!("{l}\n")).collect::<String>())
}

/// Renders a block of `attributes` and `body` twice, returning both results.
fn render_twice(attributes: &str, body: &str) -> [super::CompiledQuiz; 2] {
    let links = LinkMap::default();
    let highlighter = Highlighter::new();
    let page = PageInput::standalone("", &links, &highlighter);
    let block = Block {
        attributes,
        attributes_column: 9,
        body,
        fence_line: 3,
        page: &page,
    };
    [compile_quiz(&block), compile_quiz(&block)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn an_accepted_block_renders_the_same_markup_twice(attributes in attributes(), body in body()) {
        let [first, second] = render_twice(&attributes, &body);
        prop_assert_eq!(&first.question, &second.question);
        prop_assert_eq!(&first.diagnostics, &second.diagnostics);
        prop_assert_eq!(&first.markup, &second.markup);
        if let (Some(question), Markup::Question(view)) = (&first.question, &first.markup) {
            let safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
            prop_assert!(question.id.chars().all(safe), "{}", question.id);
            for html in html_parts(view) {
                prop_assert!(!html.contains("<script>"), "{}", html);
            }
        } else {
            prop_assert!(first.diagnostics.iter().any(|d| d.is_error()));
        }
    }
}

/// The parts of a view that templates write as HTML (`| safe`).
fn html_parts(view: &QuizView) -> Vec<&str> {
    let mut parts = vec![view.stem.as_str(), view.explanation.as_str()];
    parts.extend(view.hints.iter().map(String::as_str));
    match &view.answer {
        AnswerView::Choices { options } => {
            for option in options {
                parts.push(&option.text);
                parts.extend(option.feedback.as_deref());
            }
        }
        AnswerView::Typed { .. } => {}
        AnswerView::Order { shown, in_order } => {
            parts.extend(shown.iter().map(|item| item.text.as_str()));
            parts.extend(in_order.iter().map(String::as_str));
        }
        AnswerView::Match { pairs, .. } => parts.extend(pairs.iter().map(|p| p.left.as_str())),
        AnswerView::Gaps { stem, .. } => parts.extend(stem.iter().map(|p| p.html.as_str())),
    }
    parts
}

/// Found by the property above: `type=text` with no `=` line was dropped without a word.
#[test]
fn a_typed_block_without_answers_is_an_error() {
    for kind in ["single", "multiple", "text", "number"] {
        let [rendered, _] = render_twice(&format!("type={kind}"), "1. Một\n");
        assert!(rendered.question.is_none());
        let messages: Vec<&str> = rendered
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("quiz has no answers")),
            "{kind}: {messages:?}"
        );
    }
}

/// Found by the property above: a hint `[[?]]` with no answers was dropped without a word.
#[test]
fn a_block_with_only_a_hint_is_an_error() {
    let [rendered, _] = render_twice("", "[[?]] Gợi ý\n1. Một\n");
    assert!(rendered.question.is_none());
    assert!(
        rendered
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with("quiz has no answers"))
    );
}
