"""Time the booth solver against first come, first served on the same input.

Run with `.venv/bin/python bench/booths.py`. Two sizes: the demo hall (25 booths, 20
exhibitors; target under 50 ms) and a hall of 500 booths with 450 exhibitors (target under
2 s). The baseline seats exhibitors in the order given, each in the first free booth of the
plan that meets its needs: what an organizer does by hand with a list and a map.
"""

import random
import statistics
import time

from conference.exhibition.booths import (
    DEFAULT_EFFORT,
    Exhibitor,
    FloorPlan,
    Need,
    assign_booths,
    count_pairs,
    demo_hall,
    grid_hall,
)

# Share of each kind among the exhibitors, after the seed event's list (III.3).
KINDS = {
    "farmers_association": 4,
    "cooperative": 5,
    "craft_village": 4,
    "st_enterprise": 3,
    "university": 2,
    "college": 1,
    "other": 1,
}
DISTRICTS = [
    "Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng",
    "Hoàng Mai", "Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông", "Sơn Tây", "Ba Vì",
    "Phúc Thọ", "Đan Phượng", "Hoài Đức", "Quốc Oai", "Thạch Thất", "Chương Mỹ", "Thanh Oai",
    "Thường Tín", "Phú Xuyên", "Ứng Hòa", "Mỹ Đức", "Sóc Sơn", "Đông Anh", "Gia Lâm",
    "Mê Linh", "Thanh Trì",
]  # fmt: skip
RUNS = 7
TARGETS_MS = {"demo hall": 50, "500 booths": 2000}


def exhibitors(count: int, districts: int, doubles: bool, seed: int) -> list[Exhibitor]:
    rng = random.Random(seed)
    people = []
    for index in range(count):
        needs = set()
        if rng.random() < 0.3:
            needs.add(Need.ELECTRICITY)
        if rng.random() < 0.1:
            needs.add(Need.CORNER)
        if doubles and rng.random() < 0.05:
            needs.add(Need.DOUBLE)
        kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
        district = DISTRICTS[rng.randrange(districts)]
        people.append(Exhibitor(index, kind, district, frozenset(needs)))
    return people


def first_come_first_served(plan: FloorPlan, people: list[Exhibitor]) -> dict[str, Exhibitor]:
    seated: dict[str, Exhibitor] = {}
    for person in people:
        for booth in plan.booths:
            if booth.code not in seated and person.needs <= booth.offers:
                seated[booth.code] = person
                break
    return seated


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def measure(name: str, plan: FloorPlan, count: int, districts: int, doubles: bool, effort: float):
    """Median time over RUNS instances; quality figures of the first instance."""
    solver_times, baseline_times, rows = [], [], []
    for seed in range(RUNS):
        people = exhibitors(count, districts, doubles, seed)
        result, seconds = timed(assign_booths, plan, people, effort=effort)
        baseline, baseline_seconds = timed(first_come_first_served, plan, people)
        solver_times.append(seconds)
        baseline_times.append(baseline_seconds)
        rows.append((result, baseline))
    result, baseline = rows[0]
    proven = sum(row[0].optimal for row in rows)
    return {
        "case": name,
        "booths": len(plan.booths),
        "exhibitors": count,
        "solver ms": 1000 * statistics.median(solver_times),
        "max ms": 1000 * max(solver_times),
        "baseline ms": 1000 * statistics.median(baseline_times),
        "placed": f"{len(result.booths)} vs {len(baseline)}",
        "kind pairs": result.same_kind_pairs,
        "bound": result.same_kind_bound,
        "gap": f"{100 * result.kind_gap:.1f}%",
        "baseline pairs": count_pairs(plan, baseline, lambda person: person.kind),
        "district pairs": f"{result.same_district_pairs} vs "
        f"{count_pairs(plan, baseline, lambda person: person.district)}",
        "proven optimal": f"{proven}/{RUNS}",
    }


def main() -> None:
    cases = [
        ("demo hall", demo_hall(), 20, 12, True, DEFAULT_EFFORT),
        ("demo hall, quick", demo_hall(), 20, 12, True, 0.02),
        ("500 booths", grid_hall(5, 5), 450, 30, False, DEFAULT_EFFORT),
    ]
    results = [measure(*case) for case in cases]
    columns = list(results[0])
    widths = {
        column: max(len(column), *(len(_cell(row[column])) for row in results))
        for column in columns
    }
    print("  ".join(column.ljust(widths[column]) for column in columns))
    for row in results:
        print("  ".join(_cell(row[column]).ljust(widths[column]) for column in columns))
    print()
    for row in results:
        ratio = row["kind pairs"] / max(1, row["baseline pairs"])
        print(
            f"{row['case']}: {row['kind pairs']} same-kind pairs against {row['baseline pairs']} "
            f"for first come, first served ({ratio:.1f}×), at most {row['bound']} possible; "
            f"{row['solver ms'] / max(row['baseline ms'], 1e-3):.0f}× the baseline's time."
        )
    print(
        "\nplaced and district pairs read 'solver vs baseline'; times are medians over "
        f"{RUNS} instances, pairs are of the first; effort {DEFAULT_EFFORT} is the default."
    )
    print("\nTargets (median over the instances, default effort):")
    for row in results:
        if row["case"] in TARGETS_MS:
            target = TARGETS_MS[row["case"]]
            met = "✓" if row["solver ms"] < target else "✗"
            print(f"  {row['case']} under {target:,} ms: {row['solver ms']:.1f} ms {met}")


def _cell(value) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    main()
