use super::codec::{decode, encode};
use crate::diagnostic::Diagnostic;
use crate::markdown::{Heading, PageLink, Question, RenderedPage};

fn full_page() -> RenderedPage {
    RenderedPage {
        html: "<h2 id=\"a\">Á</h2>\n<p>x &lt; y</p>\n".into(),
        headings: vec![Heading {
            level: 2,
            id: "a".into(),
            text: "Á".into(),
        }],
        text: "Á x < y".into(),
        links: vec![
            PageLink {
                url: "c/b.html".into(),
                anchor: Some("muc".into()),
                line: 4,
                column: 7,
                picture: false,
            },
            PageLink {
                url: "c/anh.png".into(),
                anchor: None,
                line: 9,
                column: 1,
                picture: true,
            },
        ],
        anchors: vec!["neo".into()],
        first_image: Some("c/anh.png".into()),
        questions: vec![Question {
            id: "q1".into(),
            points: 2,
            kind: "order",
            line: 12,
            column: 3,
            shape: "3 items".into(),
        }],
        diagnostics: vec![
            Diagnostic::warning("content/c/a.md", 3, 2, "cẩn thận"),
            Diagnostic::error("content/c/a.md", 0, 0, "sai").with_related(
                "content/c/a.en.md",
                5,
                1,
                "bản dịch",
            ),
        ],
    }
}

fn same(a: &RenderedPage, b: &RenderedPage) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

#[test]
fn every_field_survives_the_round_trip() {
    let page = full_page();
    let decoded = decode(&encode(&page)).expect("decodes");
    assert!(same(&page, &decoded), "{decoded:?}");
    let empty = RenderedPage::default();
    assert!(same(&empty, &decode(&encode(&empty)).unwrap()));
}

#[test]
fn truncated_extended_or_foreign_bytes_do_not_decode() {
    let bytes = encode(&full_page());
    for cut in [0, 1, 8, bytes.len() / 2, bytes.len() - 1] {
        assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer).is_none());
    let mut huge_list = bytes.clone();
    huge_list.splice(0..1, [0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert!(decode(&huge_list).is_none());
    let mut page = full_page();
    page.questions[0].kind = "unknown";
    assert!(decode(&encode(&page)).is_none());
}

#[test]
fn numbers_are_shortest_varints_and_any_other_form_is_refused() {
    use super::codec::{Reader, Writer};
    for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
        let mut out = Writer(Vec::new());
        out.number(n);
        let mut input = Reader(&out.0);
        assert_eq!(input.number(), Some(n));
        assert!(input.0.is_empty());
    }
    let refused: [&[u8]; 4] = [
        &[0x80, 0x00],
        &[0xff; 11],
        &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02],
        &[0x80],
    ];
    for bytes in refused {
        assert_eq!(Reader(bytes).number(), None, "{bytes:?}");
    }
}

#[test]
fn search_words_survive_the_round_trip_and_spoiled_bytes_do_not_decode() {
    use super::words::{decode, encode};
    let mut words = crate::search::Words::default();
    words.push("đường", 5, 2);
    words.push("khó", 1, 300);
    let bytes = encode(&words);
    assert_eq!(decode(&bytes), Some(words));
    assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
    let mut longer = bytes.clone();
    longer.push(1);
    assert_eq!(decode(&longer), None);
}

#[test]
fn print_forms_survive_the_round_trip_and_spoiled_bytes_do_not_decode() {
    use super::print::{PrintForm, PrintedQuiz, decode, encode};
    let form = PrintForm {
        html: "<p>Câu hỏi</p>".into(),
        questions: vec![PrintedQuiz {
            id: "q1".into(),
            markup: "<div class=\"quiz\">…</div>".into(),
            key: "<li>113</li>".into(),
        }],
    };
    let bytes = encode(&form);
    assert_eq!(decode(&bytes), Some(form));
    assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
    let mut longer = bytes.clone();
    longer.push(1);
    assert_eq!(decode(&longer), None);
}
