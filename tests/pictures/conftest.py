"""Fixtures for the picture tests: decoding rendered PNG bytes."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

Decode = Callable[[bytes], Image.Image]


@pytest.fixture
def decode() -> Decode:
    """Turn PNG bytes into an RGB image, checking they really are a PNG."""

    def _decode(png: bytes) -> Image.Image:
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG"
        return image.convert("RGB")

    return _decode
