"""Render a demo server's reference pictures: `python -m bot.pictures.demo [FOLDER]` (default docs/img)."""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from bot.pictures.leaderboard import LeaderboardEntry, LeaderboardImageData, render_leaderboard
from bot.pictures.mastery import MasteryData, TopicMastery, render_mastery
from bot.pictures.stats_card import StatsCardData, render_stats_card

DEMO_TODAY = date(2026, 3, 12)
DEMO_MEMBER = "Zoë the Fox 🦊"


def demo_stats_card() -> StatsCardData:
    """A member who studies most days and more in the last weeks before the exam."""
    rng = random.Random(7)
    answers: dict[date, int] = {}
    for days_ago in range(84):
        keen = 0.85 if days_ago < 21 else 0.6
        if rng.random() < keen:
            answers[DEMO_TODAY - timedelta(days=days_ago)] = rng.randint(1, 14 if days_ago < 21 else 8)
    return StatsCardData(
        display_name=DEMO_MEMBER,
        current_streak=12,
        best_streak=23,
        freezes=2,
        accuracy=0.84,
        reviews_due=17,
        points=1840,
        today=DEMO_TODAY,
        answers_by_day=answers,
    )


def demo_leaderboard() -> LeaderboardImageData:
    """The weekly server board: the top ten, then the asking member further down."""
    rows = [
        (1, "Ada Lovelace", 2410, 31),
        (2, "Grace Hopper ✨", 2215, 18),
        (2, "Linus", 2215, 9),
        (4, "Margaret Hamilton-Smythe, Keeper of the Apollo Guidance Notes", 1990, 14),
        (5, "Ken 🐧", 1720, 6),
        (6, "Barbara L.", 1505, 12),
        (7, "Dennis", 1390, 4),
        (8, "Radia Perlman", 1210, 7),
        (9, "Edsger", 1080, 2),
        (10, "Alan T.", 960, 5),
    ]
    entries = [LeaderboardEntry(*row) for row in rows]
    entries.append(LeaderboardEntry(14, DEMO_MEMBER, 640, 12, is_asker=True))
    return LeaderboardImageData(scope="Server", period="This week · 9–15 March 2026", entries=tuple(entries))


def demo_mastery() -> MasteryData:
    """Mastery over the top-level topics of a made-up biology course (any notes' topics would do)."""
    topics = [
        ("Cells", 0.58, 46, 40),
        ("Genetics", 0.41, 52, 38),
        ("Evolution", 0.88, 34, 34),
        ("Ecology", 0.66, 28, 25),
        ("Enzymes & Metabolism", 0.73, 31, 29),
        ("Photosynthesis & Respiration", 0.27, 24, 12),
        ("Immunity: Innate, Adaptive, Vaccines", 0.0, 22, 0),
        ("Nerves, Hormones & Homeostasis", 0.81, 26, 24),
        ("Plants & Transport", 0.62, 19, 17),
    ]
    return MasteryData(
        DEMO_MEMBER,
        tuple(TopicMastery(name, share, count, studied) for name, share, count, studied in topics),
        study_next="Photosynthesis & Respiration",
    )


def write_demo(folder: Path) -> list[Path]:
    """Write stats-card.png, leaderboard.png and mastery.png into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    pictures = {
        "stats-card.png": render_stats_card(demo_stats_card()),
        "leaderboard.png": render_leaderboard(demo_leaderboard()),
        "mastery.png": render_mastery(demo_mastery()),
    }
    for name, png in pictures.items():
        (folder / name).write_bytes(png)
    return [folder / name for name in pictures]


def main(argv: list[str] | None = None) -> None:
    """Entry point: the folder is the only argument."""
    args = sys.argv[1:] if argv is None else argv
    for path in write_demo(Path(args[0] if args else "docs/img")):
        print(path)


if __name__ == "__main__":
    main()
