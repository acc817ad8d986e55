"""Objects frozen after startup are left out of full collections, yet still freed when let go."""

from __future__ import annotations

import gc
import weakref

from bot.heap import freeze_startup_objects


class Held:
    """A tracked object standing in for what a process loads at startup."""

    def __init__(self) -> None:
        self.parts = [object()]


def test_frozen_startup_objects_are_not_walked_by_collections_but_are_freed_when_let_go() -> None:
    held = Held()
    freed = weakref.ref(held)
    try:
        assert freeze_startup_objects() > 0 and gc.get_freeze_count() > 0
        assert not any(o is held for o in gc.get_objects())  # the collector's generations no longer hold it
        del held
        assert freed() is None  # reference counting still frees it
    finally:
        gc.unfreeze()
