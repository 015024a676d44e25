"""snippets.py: realistic fenced code blocks (5-30 lines) in eight languages for gen_course.py."""

import json
import random

NAMES = ["hoc_vien", "don_hang", "mat_khau", "bai_hoc", "tai_khoan", "thanh_toan", "ket_qua", "diem_so"]
WORDS = ["Xin chào", "Đã lưu", "Lỗi kết nối", "Thanh toán thành công", "Mật khẩu quá ngắn", "Hết hạn"]


def _rust(rng, name, i):
    return [
        f"/// Tính tổng {name} của một danh sách.",
        f"pub fn tong_{name}_{i}(ds: &[u32]) -> u64 {{",
        "    let mut tong = 0u64;",
        "    for x in ds.iter().filter(|x| **x > 0) {",
        f"        tong += u64::from(*x) * {rng.randint(2, 9)};",
        "    }",
        f'    println!("{rng.choice(WORDS)}: {{tong}}");',
        "    tong",
        "}",
        "",
    ]


def _python(rng, name, i):
    return [
        f"def kiem_tra_{name}_{i}(gia_tri: str) -> bool:",
        f'    """Trả về True nếu {name} hợp lệ."""',
        f"    if len(gia_tri) < {rng.randint(6, 12)}:",
        f'        print("{rng.choice(WORDS)}")',
        "        return False",
        "    return any(c.isdigit() for c in gia_tri)",
        "",
    ]


def _javascript(rng, name, i):
    return [
        f"function capNhat_{name}_{i}(danhSach) {{",
        f"  const ketQua = danhSach.filter((x) => x.diem >= {rng.randint(4, 8)});",
        "  for (const muc of ketQua) {",
        f'    console.log("{rng.choice(WORDS)}", muc.ten);',
        "  }",
        "  return ketQua.length;",
        "}",
        "",
    ]


def _bash(rng, name, i):
    return [
        f"# Sao lưu thư mục {name} (bước {i})",
        f'NGUON="$HOME/{name}"',
        f'DICH="/mnt/usb/sao-luu-{i}"',
        'mkdir -p "$DICH"',
        f'rsync -a --delete "$NGUON/" "$DICH/" && echo "{rng.choice(WORDS)}"',
        "",
    ]


def _sql(rng, name, i):
    return [
        f"-- Danh sách {name} theo điểm (truy vấn {i})",
        f"SELECT ten, diem, ngay_tao FROM {name}",
        f"WHERE diem >= {rng.randint(5, 9)} AND trang_thai = 'hoat_dong'",
        "ORDER BY diem DESC, ten ASC",
        f"LIMIT {rng.randint(10, 50)};",
        "",
    ]


def _html(rng, name, i):
    return [
        f'<section class="{name}" id="muc-{i}">',
        f"  <h2>{rng.choice(WORDS)}</h2>",
        f'  <label for="o-{i}">Nhập {name}</label>',
        f'  <input id="o-{i}" name="{name}" type="text" autocomplete="off">',
        '  <button type="submit">Gửi</button>',
        "</section>",
    ]


def _yaml(rng, name, i):
    return [
        f"{name}_{i}:",
        f"  ten: \"{rng.choice(WORDS)}\"",
        f"  so_luong: {rng.randint(1, 99)}",
        f"  kich_hoat: {rng.choice(['true', 'false'])}",
        "  the:",
        "    - an-toan",
        "    - co-ban",
    ]


UNITS = {
    "rust": _rust, "python": _python, "javascript": _javascript, "bash": _bash,
    "sql": _sql, "html": _html, "yaml": _yaml,
}
LANGUAGES = sorted(list(UNITS) + ["json"])


def _json_lines(rng: random.Random, want: int) -> list[str]:
    doc = {"phien_ban": 1, "khoa_hoc": "ky-nang-so", "bai": []}
    lines = json.dumps(doc, ensure_ascii=False, indent=2).splitlines()
    i = 0
    while len(lines) < want:
        i += 1
        doc["bai"].append({"id": f"bai-{i}", "tieu_de": rng.choice(WORDS), "diem": rng.randint(0, 10)})
        lines = json.dumps(doc, ensure_ascii=False, indent=2).splitlines()
    return lines


COMMENT = {
    "rust": "// {}", "python": "# {}", "javascript": "// {}", "bash": "# {}", "sql": "-- {}",
    "html": "<!-- {} -->", "yaml": "# {}",
}


def code_block(rng: random.Random, tag: str = "") -> str:
    """One fenced block in a random language, 5-30 lines of plausible code. A `tag` (unique per
    block) goes into its first line, so that no two blocks of a corpus are the same code."""
    lang = rng.choice(LANGUAGES)
    want = rng.randint(5, 30)
    if lang == "json":
        lines = _json_lines(rng, want)
        if tag:
            lines.insert(1, f'  "ma": "{tag}",')
    else:
        lines, i = [], 0
        while len(lines) < want:
            i += 1
            lines += UNITS[lang](rng, rng.choice(NAMES), i)
        while lines and not lines[-1]:
            lines.pop()
        if tag:
            lines.insert(0, COMMENT[lang].format(f"mã {tag}"))
    return f"```{lang}\n" + "\n".join(lines) + "\n```"
