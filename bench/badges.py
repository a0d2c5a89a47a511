"""Badge PDF speed: 150 and 1,500 badges in one PDF, against bare reportlab drawing.

The baseline draws the same texts (same fonts, fixed sizes, no fitting) and the same QR
modules (one rectangle per run of dark modules), page after page. Both sides encode the QR
codes inside the timed part: encoding is work a print run has to do. Each figure is the
median of a few runs; the renderer's caches are cleared before each run so that every run
pays for measuring its words, as the first print after a restart does.

    .venv/bin/python bench/badges.py
"""

import io
import random
import statistics
import time

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from conference.badges.pdf import (
    Badge,
    BadgeCategory,
    BadgeEvent,
    BadgeSize,
    BadgeWorkshop,
    render_badges,
    sort_badges,
)
from conference.badges.qr import qr_modules
from conference.badges.typesetting import fit_text, word_width
from conference.pdffonts import BOLD, REGULAR, SEMIBOLD
from conference.pdffonts import register as register_fonts

RUNS = 3
EVENT = BadgeEvent(
    short_title="Sơ kết 5 năm Chương trình phát triển tài sản trí tuệ Hà Nội",
    dates_text="Thứ Ba, 14/04/2026 · Khu liên cơ Võ Chí Công",
    organizer="UBND THÀNH PHỐ HÀ NỘI",
)
CATEGORIES = [
    BadgeCategory("KHÁCH MỜI", "#b91c1c", 10),
    BadgeCategory("ĐẠI BIỂU", "#1d4ed8", 30),
    BadgeCategory("ĐẠI BIỂU", "#0f766e", 40),
    BadgeCategory("BÁO CHÍ", "#a16207", 80),
    BadgeCategory("TRIỂN LÃM", "#0e7490", 90),
    BadgeCategory("BAN TỔ CHỨC", "#374151", 95),
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Quốc", "Minh", "Ngọc", "Thu", "Đức", "Hữu", "Thanh", "Bảo", "Thị Ngọc"]
GIVEN = [
    "Hằng",
    "Việt",
    "Ánh",
    "Tuấn",
    "Hà",
    "Hùng",
    "Lợi",
    "Thảo",
    "Dũng",
    "Nguyệt",
    "Ứng",
    "Khuê",
]
POSITIONS = [
    "Giám đốc",
    "Phó Giám đốc",
    "Trưởng phòng Quản lý công nghệ",
    "Chuyên viên",
    "Phóng viên",
]
UNITS = [
    "Sở Khoa học và Công nghệ Hà Nội",
    "UBND huyện Gia Lâm",
    "Ban Quản lý các khu công nghệ cao và khu công nghiệp Thành phố",
    "Hợp tác xã Nông nghiệp Văn Đức",
    "Đài Phát thanh và Truyền hình Hà Nội",
]
WORKSHOPS = [
    ("Hội thảo 1: Chỉ dẫn địa lý và nhãn hiệu tập thể", "Phòng 201"),
    ("Hội thảo 2: Thương mại hóa sáng chế trong trường đại học", "Phòng 301"),
    ("", ""),
]


def make_badges(count: int, rng: random.Random) -> list[Badge]:
    badges = []
    for number in range(count):
        workshop, where = rng.choice(WORKSHOPS)
        badges.append(
            Badge(
                full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                category=rng.choice(CATEGORIES),
                # As long as a signed token: payload, timestamp and signature in URL-safe base64.
                qr_token=rng.randbytes(52).hex()[:71],
                position=rng.choice(POSITIONS),
                unit=rng.choice(UNITS),
                award_recipient=number % 10 == 0,
                seat=f"Hàng {chr(65 + number // 20 % 26)} · Ghế {number % 20 + 1}",
                workshops=(BadgeWorkshop(workshop, where),) if workshop else (),
            )
        )
    return badges


def baseline(badges: list[Badge]) -> bytes:
    """The same content with bare reportlab calls: fixed sizes and places, nothing measured."""
    width, height = 105 * mm, 148 * mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True)
    for badge in badges:
        canvas.setFillColor("#b91c1c")
        canvas.setFont(SEMIBOLD, 7.5)
        canvas.drawString(14, 400, EVENT.organizer)
        canvas.setFont(BOLD, 11.5)
        canvas.drawString(14, 385, EVENT.short_title)
        canvas.setFont(REGULAR, 8)
        canvas.drawString(14, 372, EVENT.dates_text)
        canvas.setFillColor("#111827")
        canvas.setFont(BOLD, 28)
        canvas.drawString(14, 270, badge.full_name)
        canvas.setFont(REGULAR, 10.5)
        canvas.drawString(14, 225, badge.position)
        canvas.setFont(SEMIBOLD, 10.5)
        canvas.drawString(14, 210, badge.unit)
        if badge.award_recipient:
            canvas.setFont(BOLD, 8)
            canvas.drawString(14, 195, "NHẬN KHEN THƯỞNG")
        canvas.setFont(SEMIBOLD, 6.5)
        canvas.drawString(14, 165, "GHẾ HỘI TRƯỜNG")
        canvas.setFont(BOLD, 15)
        canvas.drawString(14, 150, badge.seat)
        for workshop in badge.workshops:
            canvas.setFont(SEMIBOLD, 6.5)
            canvas.drawString(14, 130, "HỘI THẢO")
            canvas.setFont(SEMIBOLD, 10)
            canvas.drawString(14, 118, workshop.title)
            canvas.drawString(14, 106, workshop.where)
        modules = qr_modules(badge.qr_token)
        unit = 96 / modules.size
        for row, column, length in modules.dark_runs:
            canvas.rect(
                187 + column * unit, 170 - (row + 1) * unit, length * unit, unit, stroke=0, fill=1
            )
        canvas.setFillColor(badge.category.color)
        canvas.rect(14, 14, 269, 51, stroke=0, fill=1)
        canvas.setFillColor("#ffffff")
        canvas.setFont(BOLD, 26)
        canvas.drawCentredString(width / 2, 30, badge.category.label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def renderer(badges: list[Badge]) -> bytes:
    word_width.cache_clear()
    fit_text.cache_clear()
    return render_badges(EVENT, sort_badges(badges), BadgeSize.A6)


def median_seconds(draw, badges: list[Badge]) -> tuple[float, int]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        pdf = draw(badges)
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(pdf)


def main() -> None:
    register_fonts()
    rng = random.Random(2026)
    print(
        f"{'badges':>7} {'renderer s':>11} {'baseline s':>11} {'ratio':>6} {'QR encoding s':>14} {'PDF size':>10}"
    )
    for count in (150, 1500):
        badges = make_badges(count, rng)
        baseline(badges[:4]), renderer(badges[:4])  # warm up both code paths
        ours, size = median_seconds(renderer, badges)
        bare, _ = median_seconds(baseline, badges)
        started = time.perf_counter()
        for badge in badges:
            qr_modules(badge.qr_token)
        encoding = time.perf_counter() - started
        print(
            f"{count:>7} {ours:>11.3f} {bare:>11.3f} {ours / bare:>6.2f} {encoding:>14.3f} {size / 1e6:>8.1f} MB"
        )
    print("Targets: 150 badges under 1 s; ratio under 1.5.")


if __name__ == "__main__":
    main()
