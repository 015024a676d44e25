//! mdbook-quiz `Tracing` questions ("does this program compile; what does it print, or which line
//! fails?") as one khoa gap question: the program as code, a drop-down for whether it compiles,
//! and a blank for the output (spaces and line breaks count as one space) or the error line.
//! Output that a gap cannot hold (`|`, brackets, backticks) makes a text question instead, whose
//! stem says the program compiles.

use super::block;

/// What a Tracing question says.
pub struct Input<'a> {
    pub program: Option<&'a str>,
    pub does_compile: Option<bool>,
    pub stdout: Option<&'a str>,
    pub line_number: Option<usize>,
    /// `vi` or `en`.
    pub language: &'a str,
    pub code_language: &'a str,
}

struct Words {
    ask: &'static str,
    compiles: &'static str,
    fails: &'static str,
    prints: &'static str,
    prints_nothing: &'static str,
    error_line: &'static str,
    text_ask: &'static str,
}

const EN: Words = Words {
    ask: "Does this program compile? If it does, what does it print? If not, which line has the error?",
    compiles: "compiles",
    fails: "does not compile",
    prints: "It prints:",
    prints_nothing: "It prints nothing.",
    error_line: "The error is on line",
    text_ask: "This program compiles. What does it print? (Write the output on one line.)",
};

const VI: Words = Words {
    ask: "Chương trình này có biên dịch được không? Nếu được, nó in ra gì? Nếu không, lỗi ở dòng nào?",
    compiles: "biên dịch được",
    fails: "không biên dịch được",
    prints: "Nó in ra:",
    prints_nothing: "Nó không in ra gì.",
    error_line: "Lỗi ở dòng",
    text_ask: "Chương trình này biên dịch được. Nó in ra gì? (Viết kết quả trên một dòng.)",
};

/// A converted Tracing question: the block's extra attributes, its body, and a note when it had
/// to change form.
#[derive(Debug)]
pub struct Output {
    pub attributes: String,
    pub body: String,
    pub note: Option<String>,
}

/// The converted question, or why it cannot be converted.
pub fn convert(input: &Input) -> Result<Output, String> {
    let words = if input.language == "vi" { &VI } else { &EN };
    let program = input
        .program
        .filter(|p| !p.trim().is_empty())
        .ok_or("Tracing question has no `prompt.program`; skipped")?;
    let does_compile = input
        .does_compile
        .ok_or("Tracing question has no `answer.doesCompile`; skipped")?;
    let code = code_block(input.code_language, program);
    let output = block::one_line(input.stdout.unwrap_or(""));
    if does_compile && !output.is_empty() && !fits_a_gap(&output) {
        return Ok(Output {
            attributes: " type=text".into(),
            body: format!("{}\n\n{code}\n\n= {output}", words.text_ask),
            note: Some(format!(
                "Tracing output `{output}` cannot be a gap (it holds `|`, brackets or backticks): made a text question whose stem says the program compiles"
            )),
        });
    }
    let choice = if does_compile {
        format!("[[({})|{}]]", words.compiles, words.fails)
    } else {
        format!("[[{}|({})]]", words.compiles, words.fails)
    };
    let detail = match (does_compile, input.line_number) {
        (true, _) if output.is_empty() => format!(" {}", words.prints_nothing),
        (true, _) => format!(" {} [[{output}]]", words.prints),
        (false, Some(line)) => format!(" {} [[{line}]].", words.error_line),
        (false, None) => String::new(),
    };
    Ok(Output {
        attributes: String::new(),
        body: format!("{}\n\n{code}\n\n{choice}.{detail}", words.ask),
        note: None,
    })
}

/// Whether `text` can be a blank `[[text]]`: no gap syntax, no code span, not a `(choice)`.
fn fits_a_gap(text: &str) -> bool {
    !(text.contains(['|', '[', ']', '`']) || (text.starts_with('(') && text.ends_with(')')))
}

/// The program as a fenced code block whose fence outgrows any inside it.
fn code_block(language: &str, program: &str) -> String {
    let fence = block::fence_for(program);
    format!("{fence}{language}\n{}\n{fence}", program.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(compiles: bool, stdout: Option<&'a str>, line: Option<usize>) -> Input<'a> {
        Input {
            program: Some("fn main() {\n    println!(\"1\");\n}\n"),
            does_compile: Some(compiles),
            stdout,
            line_number: line,
            language: "en",
            code_language: "rust",
        }
    }

    #[test]
    fn a_program_that_compiles_asks_for_its_output_in_a_gap() {
        let Output {
            attributes,
            body,
            note,
        } = convert(&input(true, Some("1\n2\n"), None)).unwrap();
        assert_eq!((attributes.as_str(), note), ("", None));
        assert!(body.starts_with("Does this program compile?"));
        assert!(body.contains("```rust\nfn main() {"));
        assert!(
            body.ends_with("[[(compiles)|does not compile]]. It prints: [[1 2]]"),
            "{body}"
        );
    }

    #[test]
    fn a_program_that_fails_asks_for_the_error_line() {
        let body = convert(&input(false, None, Some(4))).unwrap().body;
        assert!(body.ends_with("[[compiles|(does not compile)]]. The error is on line [[4]]."));
        let body = convert(&input(false, None, None)).unwrap().body;
        assert!(body.ends_with("[[compiles|(does not compile)]]."));
        let body = convert(&input(true, Some(" \n"), None)).unwrap().body;
        assert!(body.ends_with("It prints nothing."));
    }

    #[test]
    fn output_a_gap_cannot_hold_makes_a_text_question() {
        let Output {
            attributes,
            body,
            note,
        } = convert(&input(true, Some("[1, 2] | x"), None)).unwrap();
        assert_eq!(attributes, " type=text");
        assert!(note.unwrap().contains("cannot be a gap"));
        assert!(body.starts_with("This program compiles."));
        assert!(body.ends_with("= [1, 2] | x"));
    }

    #[test]
    fn vietnamese_courses_get_vietnamese_words_and_missing_fields_are_reported() {
        let vi = Input {
            language: "vi",
            ..input(false, None, Some(2))
        };
        assert!(
            convert(&vi)
                .unwrap()
                .body
                .contains("[[biên dịch được|(không biên dịch được)]]")
        );
        let none = Input {
            does_compile: None,
            ..input(true, None, None)
        };
        assert!(convert(&none).unwrap_err().contains("doesCompile"));
    }
}
