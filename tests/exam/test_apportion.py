"""Largest-remainder apportionment: counts add up, each within one of its share, capacities respected."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.apportion import apportion


def test_the_exam_blueprint_over_65_questions() -> None:
    assert apportion(65, {"dev": 32, "security": 26, "deployment": 24, "troubleshooting": 18}) == {
        "dev": 21,  # 20.8
        "security": 17,  # 16.9
        "deployment": 15,  # 15.6
        "troubleshooting": 12,  # 11.7
    }


def test_equal_weights_share_the_extra_ones_in_order() -> None:
    assert apportion(5, {"a": 1, "b": 1, "c": 1}) == {"a": 2, "b": 2, "c": 1}


def test_a_zero_weight_gets_nothing() -> None:
    assert apportion(4, {"a": 0, "b": 3}) == {"a": 0, "b": 4}


def test_a_full_key_gives_what_it_cannot_take_to_the_others() -> None:
    assert apportion(10, {"a": 50, "b": 30, "c": 20}, {"a": 2, "b": 10, "c": 10}) == {"a": 2, "b": 5, "c": 3}


def test_never_more_than_the_capacities_hold() -> None:
    assert apportion(10, {"a": 1, "b": 1}, {"a": 1, "b": 2}) == {"a": 1, "b": 2}


@given(
    st.integers(min_value=0, max_value=300),
    st.lists(st.floats(min_value=0.01, max_value=100), min_size=1, max_size=12),
)
def test_counts_add_up_and_each_is_within_one_of_its_share(total: int, weights: list[float]) -> None:
    named = {f"d{i}": w for i, w in enumerate(weights)}
    counts = apportion(total, named)
    assert sum(counts.values()) == total
    for name, weight in named.items():
        assert abs(counts[name] - total * weight / sum(weights)) < 1


@given(
    st.integers(min_value=0, max_value=100),
    st.lists(st.tuples(st.floats(min_value=0.01, max_value=10), st.integers(0, 30)), min_size=1, max_size=8),
)
def test_capacities_are_never_exceeded_and_nothing_is_left_unused(total: int, keys: list[tuple[float, int]]) -> None:
    weights = {f"d{i}": w for i, (w, _) in enumerate(keys)}
    room = {f"d{i}": c for i, (_, c) in enumerate(keys)}
    counts = apportion(total, weights, room)
    assert all(counts[k] <= room[k] for k in weights)
    assert sum(counts.values()) == min(total, sum(room.values()))
