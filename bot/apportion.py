"""Whole counts in proportion to weights: largest-remainder (Hamilton) apportionment, with optional capacities."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def apportion(total: int, weights: Mapping[K, float], capacity: Mapping[K, int] | None = None) -> dict[K, int]:
    """Split `total` into whole counts in proportion to `weights` (any positive scale; zero weight gets nothing).

    Each key first gets the floor of its exact share, then the keys with the largest remainders get one more
    (ties: the heavier weight, then the key's order in `weights`), so every count is within one of its share. A
    key whose `capacity` is below its share gets its capacity, and what it could not take is shared among the
    others the same way. The counts add up to `total`, or to the sum of the capacities when that is smaller.
    """
    counts = {key: 0 for key in weights}
    room = {key: (capacity or {}).get(key, total) for key in weights}  # no capacity given: no limit
    open_keys = [key for key in weights if weights[key] > 0 and room[key] > 0]
    left = min(total, sum(room[key] for key in open_keys))
    while left > 0 and open_keys:
        scale = left / math.fsum(weights[key] for key in open_keys)
        shares = {key: weights[key] * scale for key in open_keys}
        full = [key for key in open_keys if shares[key] >= room[key]]
        if full:  # these take all they can; the rest is shared again among the others
            for key in full:
                counts[key] += room[key]
                left -= room[key]
            open_keys = [key for key in open_keys if key not in full]
            continue
        floors = {key: math.floor(shares[key]) for key in open_keys}
        order = {key: index for index, key in enumerate(weights)}
        by_remainder = sorted(open_keys, key=lambda k: (-(shares[k] - floors[k]), -weights[k], order[k]))
        extra = set(by_remainder[: left - sum(floors.values())])
        for key in open_keys:
            counts[key] += floors[key] + (key in extra)
        break
    return counts
