"""Two small sets of notes on unrelated subjects, each built once per session into its own index build folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.embedder import Embedder
from bot.knowledge.profile import NEUTRAL, CorpusProfile
from bot.service.notes import NotesSource
from tests.conftest import build_notes

SKY = """# Telescopes

## Refractors vs Reflectors

- A **refractor** gathers light with a lens at the front of the tube
- A **reflector** gathers light with a curved mirror at the back of the tube
- The **aperture** is the diameter of the main lens or mirror; a larger aperture shows fainter objects

## Mounts

- An **equatorial mount** follows the stars with one motion around the polar axis
- An **altazimuth mount** moves up and down and left and right, which is simpler to set up
- A **Dobsonian** is an altazimuth mount on a wooden base, popular with beginners

## Eyepieces

- Magnification is the focal length of the telescope divided by the focal length of the **eyepiece**
- A `25 mm` eyepiece on a `1000 mm` telescope magnifies **40 times**
- A **Barlow lens** doubles the magnification of any eyepiece
"""

GARDEN = """# Bulbs

## Planting

- Plant **tulip** bulbs in autumn, about `15 cm` deep, with the pointed end up
- **Daffodil** bulbs are poisonous to voles, so voles leave them alone
- The Acme **Seed Drill** sows seeds in straight rows at an even depth

## Watering

- Water bulbs once after planting; wet soil in winter makes them **rot**
- **Drip irrigation** delivers water to the roots and wastes less than a sprinkler
- A **rain gauge** measures how much rain fell, in millimetres

## Compost

- Compost of green and brown material in equal parts heats up to about **60 degrees Celsius**
- **Green material** such as grass clippings brings nitrogen
- **Brown material** such as dry leaves brings carbon
"""

GARDEN_PROFILE = CorpusProfile(
    dropped_words=frozenset({"acme"}),
    name_prefixes=("Acme",),
    example_question="How deep should tulip bulbs be planted?",
)


def _source(root: Path, profile: CorpusProfile) -> NotesSource:
    folder = (root / "index" / "default").resolve()
    return NotesSource(folder.name, folder, profile)


@pytest.fixture(scope="session")
def sky_source(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> NotesSource:
    """The telescope notes' build (neutral profile)."""
    return _source(build_notes(tmp_path_factory.mktemp("sky"), {"telescopes.md": SKY}, embedder), NEUTRAL)


@pytest.fixture(scope="session")
def garden_source(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> NotesSource:
    """The garden notes' build, with a profile of their own (a vendor word, an example question)."""
    root = build_notes(tmp_path_factory.mktemp("garden"), {"garden.md": GARDEN}, embedder)
    return _source(root, GARDEN_PROFILE)
