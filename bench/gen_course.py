#!/usr/bin/env python3
"""gen_course.py: generate a synthetic khoa project of N realistic Vietnamese lessons for benchmarks.

Usage: bench/gen_course.py N OUTDIR [--quizzes] [--images] [--seed S] [--lesson-bytes B] [--courses C]

Writes OUTDIR/khoa.yaml and OUTDIR/content/bench/ with modules of ~20 lessons (each with an
_index.md); with --courses C > 1, C courses content/bench-1/ … of N/C lessons each instead. Every
lesson is ~6 KB of Markdown: Vietnamese prose (NFC), headings with explicit ids, lists, a table,
an alert, links to the previous/next lesson as relative `.md` paths (some with an `#anchor` to a
heading that exists), and 1-3 fenced code blocks of 5-30 lines in rust, python, javascript,
bash, json, yaml, html or sql, each unique (its first line names the lesson and block), so a cache
inside one build cannot flatter the figures. With --quizzes, 1-2 quiz blocks per lesson; with
--images, every module holds a small PNG that each of its lessons shows. The output depends only
on the arguments: the same seed gives byte-identical files.
"""

import argparse
import random
import shutil
import struct
import sys
import unicodedata
import zlib
from pathlib import Path

from snippets import code_block

LESSONS_PER_MODULE = 20

SUBJECTS = [
    "người học", "giáo viên", "cán bộ xã", "người bán hàng", "bà con nông dân", "học sinh",
    "người cao tuổi", "chủ cửa hàng", "nhân viên văn phòng", "thanh niên tình nguyện",
]
VERBS = [
    "kiểm tra", "ghi nhớ", "cài đặt", "cập nhật", "đối chiếu", "sao lưu", "chia sẻ", "bảo vệ",
    "tra cứu", "đăng ký", "xác thực", "thanh toán", "tải về", "mở", "đóng", "thử lại",
]
OBJECTS = [
    "mật khẩu", "mã OTP", "tài khoản ngân hàng", "ứng dụng VNeID", "hồ sơ trực tuyến",
    "đơn hàng", "ví điện tử", "tin nhắn lạ", "đường link đáng ngờ", "số điện thoại",
    "cổng dịch vụ công", "biên lai điện tử", "mã QR", "thông tin cá nhân", "tệp đính kèm",
]
PLACES = [
    "trên điện thoại", "tại nhà", "ở bưu điện", "tại ủy ban phường", "trên máy tính của thư viện",
    "khi dùng Wi-Fi công cộng", "trong ứng dụng ngân hàng", "trên trang web chính thức",
]
ADVERBS = ["cẩn thận", "thường xuyên", "ngay lập tức", "từng bước", "một cách bình tĩnh", "kỹ càng"]
REASONS = [
    "để tránh bị lừa đảo", "vì dữ liệu có thể bị đánh cắp", "để tiết kiệm thời gian",
    "nhằm bảo vệ gia đình", "vì kẻ gian thường giả danh cơ quan nhà nước",
    "để việc học trở nên dễ dàng hơn", "vì mỗi bước đều quan trọng",
]
TEMPLATES = [
    "{S} nên {V} {O} {A} {R}.",
    "Trước khi {V} {O}, {s} cần đọc kỹ hướng dẫn {P}.",
    "Khi {V} {O} {P}, hãy làm {A} {R}.",
    "Nhiều {s} quên {V} {O}, và đó là lỗi rất phổ biến.",
    "Nếu không chắc chắn, {s} có thể hỏi người thân trước khi {V} {O}.",
    "Đừng bao giờ {V} {O} theo yêu cầu của người lạ {P}.",
    "Sau khi {V} {O}, {s} nên ghi lại kết quả vào sổ tay.",
    "Việc {V} {O} chỉ mất vài phút nhưng giúp ích rất nhiều {R}.",
]
HEADINGS = [
    ("Khái niệm chính", "khai-niem"), ("Các bước thực hiện", "cac-buoc"),
    ("Ví dụ thực tế", "vi-du"), ("Lỗi thường gặp", "loi-thuong-gap"),
    ("Mẹo an toàn", "meo-an-toan"), ("Câu hỏi thường gặp", "cau-hoi"),
]
TOPICS = [
    "mật khẩu mạnh", "dịch vụ công trực tuyến", "ví điện tử", "mua sắm an toàn", "mã OTP",
    "tin nhắn lừa đảo", "sao lưu dữ liệu", "định danh điện tử", "thanh toán bằng mã QR",
    "bảo mật Wi-Fi", "hóa đơn điện tử", "học trực tuyến",
]


def sentence(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    text = rng.choice(TEMPLATES).format(
        S=subject[0].upper() + subject[1:], s=subject, V=rng.choice(VERBS),
        O=rng.choice(OBJECTS), P=rng.choice(PLACES), A=rng.choice(ADVERBS), R=rng.choice(REASONS),
    )
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random, lo: int = 3, hi: int = 6) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def bullet_list(rng: random.Random, ordered: bool) -> str:
    items = [sentence(rng) for _ in range(rng.randint(3, 6))]
    if ordered:
        return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
    return "\n".join(f"- {item}" for item in items)


def table(rng: random.Random) -> str:
    rows = ["| Việc cần làm | Mức độ | Thời gian | Ghi chú |", "|---|:---:|---:|---|"]
    for _ in range(rng.randint(3, 6)):
        level = rng.choice(["Dễ", "Trung bình", "Khó"])
        rows.append(
            f"| {rng.choice(VERBS).capitalize()} {rng.choice(OBJECTS)} | {level} | "
            f"{rng.randint(1, 30)} phút | {rng.choice(REASONS).capitalize()} |"
        )
    return "\n".join(rows)


def quiz(rng: random.Random, qid: str) -> str:
    obj = rng.choice(OBJECTS)
    kind = rng.choice(["single", "multiple", "text"])
    if kind == "text":
        return (
            f"```quiz id={qid}\nĐiền từ còn thiếu: mã dùng một lần gửi qua tin nhắn gọi là mã gì?\n\n"
            f"[[?]] Ba chữ cái, viết hoa.\n\n= OTP\n= mã OTP\n\n"
            f"Mã OTP chỉ dành cho chính bạn, không đọc cho ai.\n```"
        )
    wrong = rng.sample([v for v in VERBS if v not in ("kiểm tra", "bảo vệ")], 2)
    options = [
        f"- [x] Kiểm tra {obj} trên ứng dụng chính thức",
        f"- [ ] {wrong[0].capitalize()} {obj} theo yêu cầu của người lạ\n"
        f"  > Không. Người lạ có thể là kẻ gian.",
        f"- [{'x' if kind == 'multiple' else ' '}] Bảo vệ {obj} như giữ chìa khóa nhà",
        f"- [ ] {wrong[1].capitalize()} {obj} qua đường link trong tin nhắn lạ",
    ]
    return (
        f"```quiz id={qid}\nBạn vừa nhận một yêu cầu liên quan đến **{obj}**. "
        f"Bạn nên làm gì{' (chọn tất cả ý đúng)' if kind == 'multiple' else ''}?\n\n"
        + "\n".join(options)
        + f"\n\n{paragraph(rng, 1, 2)}\n```"
    )


def lesson_path(k: int) -> tuple[str, str]:
    """(module folder, lesson file) of the k-th lesson, k counted from 0."""
    module = k // LESSONS_PER_MODULE
    return f"{module + 1:03d}-chuong-{module + 1}", f"{k % LESSONS_PER_MODULE + 1:02d}-bai-{k + 1}.md"


def relative_link(src: int, dst: int) -> str:
    src_mod, _ = lesson_path(src)
    dst_mod, dst_file = lesson_path(dst)
    return dst_file if src_mod == dst_mod else f"../{dst_mod}/{dst_file}"


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small solid-colour PNG with a diagonal stripe (stdlib only)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(
        b"\0" + b"".join(bytes(rgb if (x - y) % 16 else (255, 255, 255)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


def image_name(k: int) -> str:
    return f"hinh-chuong-{k // LESSONS_PER_MODULE + 1}.png"


def lesson(rng: random.Random, k: int, n: int, quizzes: bool, target: int,
           images: bool = False) -> str:
    topic = rng.choice(TOPICS)
    parts = [
        f'---\ntitle: "Bài {k + 1}: {topic.capitalize()} ({rng.choice(PLACES)})"\n'
        f'description: "{sentence(rng)}"\nduration: {rng.randint(5, 20)}\n---',
        paragraph(rng),
        "## Mục tiêu {#muc-tieu}",
        bullet_list(rng, ordered=False),
    ]
    nav = []
    if k > 0:
        nav.append(f"[bài trước]({relative_link(k, k - 1)})")
    if k + 1 < n:
        anchor = "#muc-tieu" if rng.random() < 0.5 else ""
        nav.append(f"[bài tiếp theo]({relative_link(k, k + 1)}{anchor})")
    if nav:
        parts.append(f"Xem thêm {' và '.join(nav)}; phần [mục tiêu](#muc-tieu) tóm tắt bài này.")
    if images:
        parts.append(f"![Minh họa cho bài {k + 1}: {topic}]({image_name(k)})")
    codes_left = rng.randint(1, 3)
    headings = rng.sample(HEADINGS, len(HEADINGS))
    for i, (title, hid) in enumerate(headings):
        parts += [f"## {title} {{#{hid}}}", paragraph(rng)]
        if codes_left:
            parts.append(code_block(rng, f"bài {k + 1}.{codes_left}"))
            codes_left -= 1
        if i == 1:
            parts.append(table(rng))
        elif i == 2:
            parts.append(f"> [!{rng.choice(['NOTE', 'TIP', 'WARNING'])}]\n> {sentence(rng)}")
        else:
            parts.append(bullet_list(rng, ordered=i % 2 == 0))
        if sum(len(p.encode()) for p in parts) >= target:
            break
    while sum(len(p.encode()) for p in parts) < target:
        parts.append(paragraph(rng))
    if quizzes:
        parts.append("## Luyện tập {#luyen-tap}")
        parts += [quiz(rng, f"bai-{k + 1}-cau-{q + 1}") for q in range(rng.randint(1, 2))]
    return unicodedata.normalize("NFC", "\n\n".join(parts) + "\n")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(unicodedata.normalize("NFC", text), encoding="utf-8", newline="\n")


def generate(n: int, out: Path, quizzes: bool, seed: int, target: int,
             images: bool = False, courses: int = 1) -> None:
    rng = random.Random(seed)
    for old in (out / "content").glob("bench*"):
        shutil.rmtree(old)
    write(out / "khoa.yaml", f'title: "Khóa học thử tải ({n} bài)"\nsite_id: bench\n')
    if courses == 1:
        generate_course(rng, n, out / "content" / "bench", quizzes, target, images)
        return
    for c in range(courses):
        size = n // courses + (1 if c < n % courses else 0)
        generate_course(rng, size, out / "content" / f"bench-{c + 1}", quizzes, target, images)


def generate_course(rng: random.Random, n: int, course: Path, quizzes: bool, target: int,
                    images: bool) -> None:
    write(course / "_index.md",
          f'---\ntitle: "Kỹ năng số: khóa thử tải {n} bài"\ndescription: "{sentence(rng)}"\n---\n\n'
          f"{paragraph(rng)}\n\n{paragraph(rng)}\n")
    for m in range((n + LESSONS_PER_MODULE - 1) // LESSONS_PER_MODULE):
        folder, _ = lesson_path(m * LESSONS_PER_MODULE)
        write(course / folder / "_index.md",
              f'---\ntitle: "Chương {m + 1}: {rng.choice(TOPICS).capitalize()}"\n'
              f'description: "{sentence(rng)}"\n---\n')
        if images:
            colour = (40 + m * 37 % 200, 90 + m * 53 % 150, 160 - m * 29 % 140)
            (course / folder / image_name(m * LESSONS_PER_MODULE)).write_bytes(png(64, 40, colour))
    for k in range(n):
        folder, name = lesson_path(k)
        write(course / folder / name, lesson(rng, k, n, quizzes, target, images))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of lessons")
    ap.add_argument("outdir", type=Path, help="project folder to (re)write")
    ap.add_argument("--quizzes", action="store_true", help="add 1-2 quiz blocks per lesson")
    ap.add_argument("--images", action="store_true", help="a PNG per module, shown by its lessons")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--lesson-bytes", type=int, default=5600,
                    help="approximate prose+code bytes per lesson before quizzes (default 5600)")
    ap.add_argument("--courses", type=int, default=1, help="split the lessons into this many courses")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    courses = args.courses
    if courses < 1 or courses > args.n:
        ap.error("--courses must be between 1 and N")
    generate(args.n, args.outdir, args.quizzes, args.seed, args.lesson_bytes, args.images, courses)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
