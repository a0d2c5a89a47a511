"""Realistic Vietnamese people for demo data: names with their real frequencies, deterministic."""

import random
import unicodedata
from dataclasses import dataclass

from conference import text

# Family names weighted by their share of the population (approximate, in per cent).
FAMILY_NAMES = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Phan", 4.5),
    ("Vũ", 3.9), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3),
    ("Dương", 1), ("Lý", 0.5), ("Đào", 0.5), ("Đinh", 0.5), ("Trịnh", 0.5), ("Lương", 0.4),
    ("Mai", 0.3), ("Tạ", 0.3), ("Chu", 0.3), ("Khuất", 0.1), ("Kiều", 0.1), ("Lã", 0.1),
]  # fmt: skip
MIDDLE_NAMES = {
    "ong": [
        "Văn",
        "Hữu",
        "Đức",
        "Quang",
        "Minh",
        "Thanh",
        "Công",
        "Xuân",
        "Mạnh",
        "Quốc",
        "Tiến",
        "Hồng",
    ],
    "ba": [
        "Thị",
        "Thị",
        "Thị",
        "Thu",
        "Ngọc",
        "Thanh",
        "Hồng",
        "Phương",
        "Minh",
        "Thúy",
        "Mai",
        "Kim",
    ],
}
GIVEN_NAMES = {
    "ong": [
        "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hùng", "Huy", "Khánh",
        "Kiên", "Lâm", "Long", "Lợi", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn",
        "Tâm", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hưng", "Khôi", "Tùng",
    ],
    "ba": [
        "Anh", "Ánh", "Chi", "Dung", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Lan", "Liên",
        "Linh", "Loan", "Mai", "Minh", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên",
        "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Huyền", "Giang", "Thơ",
    ],
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    honorific: str  # "ong" or "ba"
    full_name: str

    def email(self, domain: str) -> str:
        """Return an address the way Vietnamese offices make them: given name + initials."""
        words = text.fold(self.full_name).split()
        local = words[-1] + "".join(word[0] for word in words[:-1])
        return f"{unicodedata.normalize('NFKD', local)}@{domain}"


class People:
    """A deterministic source of distinct Vietnamese names."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.used: set[str] = set()

    def person(self, honorific: str | None = None) -> Person:
        honorific = honorific or self.random.choice(["ong", "ong", "ba"])
        while True:
            family = self.random.choices(
                [name for name, _ in FAMILY_NAMES], [weight for _, weight in FAMILY_NAMES]
            )[0]
            name = " ".join(
                (
                    family,
                    self.random.choice(MIDDLE_NAMES[honorific]),
                    self.random.choice(GIVEN_NAMES[honorific]),
                )
            )
            if name not in self.used:
                self.used.add(name)
                return Person(honorific, name)

    def phone(self) -> str:
        """Return a mobile number written the usual way: 09xx xxx xxx."""
        digits = f"{self.random.randrange(10**8):08d}"
        return f"09{digits[:2]} {digits[2:5]} {digits[5:]}"
