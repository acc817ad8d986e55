"""Console fixtures: the reliability suite's Tutor over the default notes index, with this test's database."""

from tests.reliability.conftest import db_path, shared_answerer, tutor  # noqa: F401
