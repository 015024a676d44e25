use super::*;
use crate::import::gift::parse::parse;

fn lessons(text: &str) -> Converted {
    convert(&parse(text).unwrap(), "Câu hỏi")
}

fn body_of(text: &str) -> String {
    let c = lessons(text);
    let block = &c.lessons[0].blocks[0];
    format!("{}\n{}", block.attributes, block.body)
}

#[test]
fn one_lesson_per_category_titled_by_its_last_segment() {
    let c = lessons(
        "$CATEGORY: $course$/top/Khóa//Lớp/Mô đun 1\n\n::a::Q {=x ~y}\n\n$CATEGORY: Khóa/Trống\n\n$CATEGORY: Khóa/Hai\n\nR {T}\n",
    );
    let titles: Vec<&str> = c.lessons.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Mô đun 1", "Hai"],
        "an empty category makes no lesson"
    );
    assert_eq!(c.parent_title.as_deref(), Some("Khóa/Lớp"));
    assert_eq!(
        c.lessons[1].blocks[0].attributes, "id=hai-q1",
        "a generated id"
    );
}

#[test]
fn each_type_becomes_its_quiz_block() {
    assert_eq!(
        body_of("::Câu Một::Chọn? {=A#đúng ~B#sai\n####Vì A.}"),
        "id=cau-mot\nChọn?\n\n- [x] A\n  > đúng\n- [ ] B\n  > sai\n\nVì A.\n"
    );
    assert_eq!(
        body_of("::m::Chọn? {~%50%A ~%50%B ~%-100%C}"),
        "id=m type=multiple\nChọn?\n\n- [x] A\n- [x] B\n- [ ] C\n"
    );
    assert_eq!(body_of("::t::Gõ? {=một =1}"), "id=t\nGõ?\n\n= một\n= 1\n");
    assert_eq!(
        body_of("::t::Gõ? {=113}"),
        "id=t type=text\nGõ?\n\n= 113\n",
        "a text answer that looks like a number"
    );
    assert_eq!(
        body_of("::n::Bao nhiêu? {#3.5:0.1}"),
        "id=n\nBao nhiêu?\n\n= 3.5 ± 0.1\n"
    );
    assert_eq!(
        body_of("::g::Ghép {=113 -> Công an = -> Cứu hỏa}"),
        "id=g type=match\nGhép\n\n- 113 -> Công an\n-  -> Cứu hỏa\n"
    );
    assert_eq!(
        body_of("// khoa: fold=true points=3\n::d::Mã {~PIN =OTP} qua tin nhắn."),
        "id=d fold=true points=3\nMã [[PIN|(OTP)]] qua tin nhắn.\n"
    );
    assert_eq!(
        body_of("::b::Là {=VNeID =vneid}."),
        "id=b\nLà [[VNeID|vneid]].\n"
    );
}

#[test]
fn what_khoa_cannot_hold_is_noted_at_its_line() {
    let c = lessons(
        "::e::Viết? {}\n\n::d::Lời dẫn.\n\n::w::Gõ? {=ab*}\n\n::n::Số? {#=1 ~2#gần}\n\n::tf::Đúng? {T}\n",
    );
    let notes: Vec<(usize, &str)> = c.notes.iter().map(|(l, m)| (*l, m.as_str())).collect();
    assert_eq!(notes.len(), 5, "{notes:?}");
    assert!(notes[0].0 == 1 && notes[0].1.contains("essay"));
    assert!(notes[1].0 == 3 && notes[1].1.contains("description"));
    assert!(notes[2].0 == 5 && notes[2].1.contains("wildcard"));
    assert!(notes[3].0 == 7 && notes[3].1.contains("1 wrong numbers"));
    assert!(notes[4].0 == 9 && notes[4].1.contains("true/false"));
    assert_eq!(
        c.lessons[0].blocks.len(),
        2,
        "the number and the true/false question stay"
    );
}

#[test]
fn ids_come_from_titles_and_never_repeat() {
    let c = lessons("::Mật khẩu::A {T}\n\n::Mật khẩu::B {T}\n\nC {T}\n");
    let ids: Vec<&str> = c.lessons[0]
        .blocks
        .iter()
        .map(|b| b.attributes.as_str())
        .collect();
    assert_eq!(ids, ["id=mat-khau", "id=mat-khau-2", "id=cau-hoi-q1"]);
}
