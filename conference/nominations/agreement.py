"""Whether the reviews of a nomination agree: plain data in and out, no Flask, no database.

Reviews agree when every reviewer advises the same decision, judges each criterion they
both assessed the same way (met or not met), and their scores lie within a tolerance.
Anything else is a conflict, and the result says which of the three it is.
"""

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

# Scores are out of 100; two reviewers more than this far apart disagree.
SCORE_TOLERANCE = 15


@dataclass(frozen=True)
class ReviewInput:
    verdict: str
    score: int
    findings: dict[Hashable, bool] = field(default_factory=dict)  # criterion → met


@dataclass(frozen=True)
class Agreement:
    status: str  # "none", "single", "agree" or "conflict"
    verdicts: dict[str, int]
    disputed_criteria: list[Hashable]
    score_range: tuple[int, int] | None
    scores_apart: bool

    @property
    def verdicts_differ(self) -> bool:
        return len(self.verdicts) > 1


def assess(reviews: Sequence[ReviewInput], tolerance: int = SCORE_TOLERANCE) -> Agreement:
    """Compare the reviews of one version of a nomination."""
    if not reviews:
        return Agreement("none", {}, [], None, False)
    verdicts = dict(Counter(review.verdict for review in reviews))
    judgements: dict[Hashable, set[bool]] = {}
    for review in reviews:
        for criterion, met in review.findings.items():
            judgements.setdefault(criterion, set()).add(met)
    disputed = [criterion for criterion, seen in judgements.items() if len(seen) > 1]
    scores = [review.score for review in reviews]
    score_range = (min(scores), max(scores))
    scores_apart = score_range[1] - score_range[0] > tolerance
    if len(reviews) == 1:
        status = "single"
    elif len(verdicts) > 1 or disputed or scores_apart:
        status = "conflict"
    else:
        status = "agree"
    return Agreement(status, verdicts, disputed, score_range, scores_apart)
