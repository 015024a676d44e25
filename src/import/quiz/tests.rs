use super::*;

const QUIZ: &str = r#"
[multipart]
shared = "All questions below are about `x`."

[[questions]]
type = "MultipleChoice"
id = "18EA4C61-c7c3-433f"
prompt.prompt = "What does it mean if `x` is immutable?\n= not an answer line"
prompt.distractors = ["It is stored in [[ROM]].", "It can change once."]
answer.answer = "It cannot change after being assigned."
context = "Immutable means *not mutable*. See [variables](vars.md)."

[[questions]]
type = "MultipleChoice"
multipart = "shared"
prompt.prompt = "Which are numbers?"
prompt.distractors = ["`\"a\"`", "1"]
answer.answer = ["1", "2.5"]

[[questions]]
type = "MultipleChoice"
prompt.prompt = "Pick B."
prompt.distractors = ["A", "C"]
prompt.answerIndex = 1
answer.answer = "B"

[[questions]]
type = "ShortAnswer"
prompt.prompt = "Keyword after `let` for a mutable variable?"
prompt.response = "long"
answer.answer = "mut"
answer.alternatives = ["MUT ", "mut"]

[[questions]]
type = "Tracing"
prompt.program = "fn main() {\n  let x = 1;\n  x += 1;\n}"
answer.doesCompile = false
answer.lineNumber = 3

[[questions]]
type = "Matching"
prompt.prompt = "?"

[[questions]]
type = "ShortAnswer"
prompt.prompt = "No answer"
"#;

fn convert_with(ids: &mut BTreeSet<String>) -> Converted {
    let relink = |markdown: &str| markdown.replace("vars.md", "../01-m/02-vars.md");
    let mut cx = Context {
        path: "src/quizzes/ch1.toml",
        language: "en",
        code_language: "rust",
        ids,
        relink: &relink,
    };
    convert(QUIZ, &mut cx).unwrap()
}

#[test]
fn every_type_becomes_a_block_and_every_skip_a_located_note() {
    let mut ids = BTreeSet::new();
    let out = convert_with(&mut ids);
    assert_eq!(out.blocks.len(), 5, "{:#?}", out.blocks);
    assert_eq!(
        out.blocks[0],
        "```quiz id=18ea4c61-c7c3-433f\nWhat does it mean if `x` is immutable?\n\\= not an answer line\n\n- [x] It cannot change after being assigned.\n- [ ] It is stored in [\\[ROM]].\n- [ ] It can change once.\n\nImmutable means *not mutable*. See [variables](../01-m/02-vars.md).\n```"
    );
    assert_eq!(
        out.blocks[1],
        "```quiz id=ch1-2 type=multiple\nAll questions below are about `x`.\n\nWhich are numbers?\n\n- [x] 1\n- [x] 2.5\n- [ ] `\"a\"`\n```"
    );
    assert!(
        out.blocks[2]
            .starts_with("```quiz id=ch1-3 shuffle=false\nPick B.\n\n- [ ] A\n- [x] B\n- [ ] C"),
        "{}",
        out.blocks[2]
    );
    assert_eq!(
        out.blocks[3],
        "```quiz id=ch1-4 type=text\nKeyword after `let` for a mutable variable?\n\n= mut\n= MUT\n```"
    );
    assert!(out.blocks[4].contains("[[compiles|(does not compile)]]. The error is on line [[3]]."));
    assert!(
        out.blocks[4].starts_with("````quiz id=ch1-5\n")
            || out.blocks[4].starts_with("```quiz id=ch1-5\n")
    );
    let counts: Vec<(&str, usize)> = out.counts.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        counts,
        [
            ("MultipleChoice (one answer)", 2),
            ("MultipleChoice (several answers)", 1),
            ("ShortAnswer", 1),
            ("Tracing", 1)
        ]
    );
    let notes: Vec<(usize, &str)> = out
        .notes
        .iter()
        .map(|n| (n.line, n.message.as_str()))
        .collect();
    assert_eq!(notes.len(), 4, "{notes:#?}");
    assert_eq!(notes[0].0, 13, "the second question's `[[questions]]` line");
    assert!(notes[0].1.contains("distractor `1`"));
    assert!(notes[1].1.contains("one-line"));
    assert!(notes[2].1.contains("`Matching`"));
    assert!(notes[3].1.contains("no `answer.answer`"));
}

#[test]
fn ids_stay_unique_across_the_course() {
    let mut ids = BTreeSet::new();
    convert_with(&mut ids);
    let again = convert_with(&mut ids);
    assert!(again.blocks[0].starts_with("```quiz id=18ea4c61-c7c3-433f-2\n"));
    assert!(again.notes.iter().any(|n| n.message.contains("used twice")));
}

#[test]
fn bad_toml_is_a_located_error() {
    let mut ids = BTreeSet::new();
    let relink = |m: &str| m.to_string();
    let mut cx = Context {
        path: "q.toml",
        language: "en",
        code_language: "rust",
        ids: &mut ids,
        relink: &relink,
    };
    let error = convert(
        "[[questions]]\ntype = \"ShortAnswer\"\nprompt = 3\n",
        &mut cx,
    )
    .unwrap_err();
    assert_eq!(
        (error.path.as_str(), error.line),
        ("q.toml", 3),
        "{error:?}"
    );
}
