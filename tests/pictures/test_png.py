"""The PNG encoder: any RGB picture, whole or joined from bands, comes back pixel for pixel through a standard
decoder (Pillow's)."""

from __future__ import annotations

import io
import random
import zlib

import pytest
from PIL import Image

from bot.pictures import render_leaderboard
from bot.pictures.leaderboard import IMAGE_WIDTH, LeaderboardEntry, LeaderboardImageData, image_height
from bot.pictures.png import SIGNATURE, adler32_combine, band, png_of, to_png


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()  # checks every chunk's CRC and the zlib stream's checksum
    return image


@pytest.mark.parametrize("size", [(1, 1), (3, 7), (257, 31)])
def test_random_pixels_decode_to_the_same_picture(size: tuple[int, int]) -> None:
    rng = random.Random(size[0] * 1000 + size[1])
    picture = Image.frombytes("RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3)))
    png = to_png(picture)
    assert png.startswith(SIGNATURE)
    back = decoded(png)
    assert (back.format, back.mode, back.size) == ("PNG", "RGB", size)
    assert back.tobytes() == picture.tobytes()


def test_a_leaderboard_decodes_to_the_picture_drawn() -> None:
    data = LeaderboardImageData("Server", "This week", (LeaderboardEntry(1, "Ada", 120, 3, is_asker=True),))
    back = decoded(render_leaderboard(data))
    assert (back.mode, back.size) == ("RGB", (IMAGE_WIDTH, image_height(1)))


def test_only_rgb_pictures_are_taken() -> None:
    with pytest.raises(ValueError, match="RGB pictures"):
        to_png(Image.new("RGBA", (2, 2)))


def test_bands_deflated_apart_join_into_the_stacked_picture() -> None:
    rng = random.Random(5)
    parts = [Image.frombytes("RGB", (19, h), bytes(rng.randrange(256) for _ in range(19 * h * 3))) for h in (1, 6, 40)]
    back = decoded(png_of([band(part) for part in parts]))
    assert back.size == (19, 47)
    assert back.tobytes() == b"".join(part.tobytes() for part in parts)
    with pytest.raises(ValueError, match="equally wide"):
        png_of([band(parts[0]), band(Image.new("RGB", (3, 3)))])


def test_checksums_combine_as_of_the_joined_bytes() -> None:
    rng = random.Random(9)
    for _ in range(100):
        first = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 500)))
        second = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 70_000, 13)))
        assert adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second)) == zlib.adler32(first + second)
