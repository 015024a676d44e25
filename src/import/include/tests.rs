use super::*;
use crate::import::memory::MemoryBook;

fn book() -> MemoryBook {
    MemoryBook::new(&[
        (
            "src/ch/code.rs",
            "// ANCHOR: all\nuse std::io;\n// ANCHOR: main\nfn main() {\n    println!(\"hi\");\n}\n// ANCHOR_END: main\n// ANCHOR_END: all\n",
        ),
        ("src/ch/lines.txt", "one\ntwo\nthree\nfour\nfive\n"),
        ("src/ch/nested.md", "before {{#include lines.txt:1}} after"),
        ("src/ch/quiz.toml", "[[questions]]\n"),
        ("src/ch/loop.md", "{{#include loop.md}}"),
    ])
}

fn expanded(text: &str) -> Expanded {
    expand(&book(), "src/ch/page.md", text)
}

#[test]
fn line_ranges_follow_mdbook() {
    let cases = [
        ("{{#include lines.txt}}", "one\ntwo\nthree\nfour\nfive"),
        ("{{#include lines.txt:2}}", "two"),
        ("{{#include lines.txt:2:4}}", "two\nthree\nfour"),
        ("{{#include lines.txt::2}}", "one\ntwo"),
        ("{{#include lines.txt:4:}}", "four\nfive"),
    ];
    for (directive, expected) in cases {
        let out = expanded(directive);
        assert!(out.errors.is_empty(), "{directive}: {:?}", out.errors);
        assert_eq!(out.text, expected, "{directive}");
    }
}

#[test]
fn anchors_select_their_lines_without_any_marker_lines() {
    assert_eq!(
        expanded("{{#include code.rs:main}}").text,
        "fn main() {\n    println!(\"hi\");\n}"
    );
    assert_eq!(
        expanded("{{#include code.rs:all}}").text,
        "use std::io;\nfn main() {\n    println!(\"hi\");\n}"
    );
    assert_eq!(
        expanded("{{#rustdoc_include code.rs:main}}").text,
        "fn main() {\n    println!(\"hi\");\n}"
    );
    let missing = expanded("x\n  {{#include code.rs:nope}}");
    assert_eq!((missing.errors[0].line, missing.errors[0].column), (2, 3));
    assert!(missing.errors[0].message.contains("anchor `nope`"));
}

#[test]
fn includes_nest_from_the_included_file_and_escapes_stay_literal() {
    assert_eq!(expanded("{{#include nested.md}}").text, "before one after");
    assert_eq!(
        expanded("\\{{#include lines.txt}}").text,
        "{{#include lines.txt}}"
    );
    assert!(
        expanded("{{#include loop.md}}").errors[0]
            .message
            .contains("nest more than")
    );
    assert!(
        expanded("{{#include gone.rs}}").errors[0]
            .message
            .contains("does not exist")
    );
    assert_eq!(
        expanded("{{#playground lines.txt:1}}").text,
        "```rust\none\n```"
    );
}

#[test]
fn quizzes_become_placeholders_and_unknown_directives_notes() {
    let out = expanded("a\n{{#quiz quiz.toml}}\n{{#title T}}{{#other x}}");
    assert_eq!(
        out.text,
        format!("a\n{}\n{{{{#other x}}}}", quiz_placeholder(0))
    );
    assert_eq!(
        out.quizzes,
        [QuizRef {
            path: "src/ch/quiz.toml".into(),
            at: ("src/ch/page.md".into(), 2)
        }]
    );
    assert_eq!(out.notes.len(), 2);
    assert!(
        expanded("{{#quiz none.toml}}").errors[0]
            .message
            .contains("none.toml")
    );
}

#[test]
fn hidden_rust_lines_are_removed_only_from_rust_code() {
    let text = "# Title\n\n```rust\n# fn main() {\nlet x = 1;\n##[derive(Debug)]\n#\n#![allow(unused)]\n# }\n```\n\n```python\n# comment\n```\n";
    assert_eq!(
        strip_hidden_rust_lines(text),
        "# Title\n\n```rust\nlet x = 1;\n#[derive(Debug)]\n#![allow(unused)]\n```\n\n```python\n# comment\n```\n"
    );
}
