"""Whether the reviews of a nomination agree, and on what they conflict."""

from hypothesis import given
from hypothesis import strategies as st

from conference.nominations.agreement import SCORE_TOLERANCE, ReviewInput, assess


def review(verdict="recommend", score=85, **findings) -> ReviewInput:
    return ReviewInput(verdict, score, {name: met for name, met in findings.items()})


def test_no_review_and_one_review_are_not_a_verdict_of_agreement():
    assert assess([]).status == "none"
    single = assess([review(score=70)])
    assert (single.status, single.score_range) == ("single", (70, 70))


def test_same_advice_same_judgements_close_scores_agree():
    result = assess([review(score=80, a=True, b=False), review(score=88, a=True, b=False)])
    assert result.status == "agree"
    assert result.verdicts == {"recommend": 2}
    assert (result.disputed_criteria, result.scores_apart) == ([], False)


def test_different_advice_is_a_conflict():
    result = assess([review("recommend", 84), review("return", 80)])
    assert result.status == "conflict"
    assert result.verdicts_differ
    assert result.verdicts == {"recommend": 1, "return": 1}


def test_a_criterion_judged_both_ways_is_a_conflict_and_is_named():
    result = assess([review(a=True, b=True), review(a=True, b=False), review(a=True)])
    assert result.status == "conflict"
    assert result.disputed_criteria == ["b"]
    assert not result.verdicts_differ


def test_scores_further_apart_than_the_tolerance_conflict():
    at_tolerance = assess([review(score=60), review(score=60 + SCORE_TOLERANCE)])
    beyond = assess([review(score=60), review(score=61 + SCORE_TOLERANCE)])
    assert (at_tolerance.status, at_tolerance.scores_apart) == ("agree", False)
    assert (beyond.status, beyond.scores_apart, beyond.score_range) == (
        "conflict",
        True,
        (60, 61 + SCORE_TOLERANCE),
    )


reviews = st.lists(
    st.builds(
        ReviewInput,
        st.sampled_from(["recommend", "return", "reject"]),
        st.integers(0, 100),
        st.dictionaries(st.sampled_from([1, 2, 3, 4]), st.booleans()),
    ),
    min_size=1,
    max_size=6,
)


@given(reviews, st.randoms())
def test_order_of_reviews_does_not_matter(given_reviews, random):
    shuffled = list(given_reviews)
    random.shuffle(shuffled)
    first, second = assess(given_reviews), assess(shuffled)
    assert (first.status, first.verdicts, first.score_range, first.scores_apart) == (
        second.status,
        second.verdicts,
        second.score_range,
        second.scores_apart,
    )
    assert set(first.disputed_criteria) == set(second.disputed_criteria)


@given(reviews, st.integers(2, 5))
def test_copies_of_one_review_agree(given_reviews, copies):
    assert assess([given_reviews[0]] * copies).status == "agree"


@given(reviews)
def test_conflict_exactly_when_advice_criteria_or_scores_differ(given_reviews):
    result = assess(given_reviews)
    if len(given_reviews) < 2:
        assert result.status == "single"
        return
    differs = result.verdicts_differ or bool(result.disputed_criteria) or result.scores_apart
    assert (result.status == "conflict") == differs
