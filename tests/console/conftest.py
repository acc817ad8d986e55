"""Console fixtures: the reliability suite's Tutor over the default notes index with this test's database, and its
small notes folder (built once per session) for the console run in a pseudo-terminal."""

from tests.reliability.conftest import built, db_path, pristine_small_index, shared_answerer, tutor  # noqa: F401
