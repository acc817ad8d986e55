"""Exam tests over a real Tutor: the reliability suite's fixture (default notes index, fresh SQLite, frozen clock)."""

from tests.reliability.conftest import built, db_path, pristine_small_index, shared_answerer, tutor  # noqa: F401
