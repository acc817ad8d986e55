"""What the members of the chaos test were told about each answer they sent, checked against what was stored."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import Enum

from sqlalchemy import func, select

from bot.storage import Database
from bot.storage.models import AnswerRow, DailyAnswerRow, PeriodTotalRow


class Told(Enum):
    VERDICT = "verdict"  # right or wrong, with the points it earned: the answer counts
    REFUSED = "refused"  # already answered, or the quiz is closed: nothing of this request is stored
    UNSURE = "unsure"  # the database was unavailable: stored or not, the member tries again


@dataclass(frozen=True)
class Attempt:
    """One request of a member: the answer's idempotency key, the request's id and what the member was told."""

    guild_id: int
    user_id: int
    key: str
    request_id: str
    told: Told
    points: int | None = None  # with a verdict (None: the verdict did not show them)


@dataclass
class Ledger:
    """Every attempt, by answer key."""

    by_key: defaultdict[str, list[Attempt]] = field(default_factory=lambda: defaultdict(list))

    def add(self, attempt: Attempt) -> None:
        self.by_key[attempt.key].append(attempt)

    def settled(self, key: str) -> bool:
        """Whether the member has a final word on this answer (a verdict, or a refusal with nothing unsure)."""
        told = {a.told for a in self.by_key.get(key, ())}
        return Told.VERDICT in told or (Told.REFUSED in told and Told.UNSURE not in told)

    def counts(self) -> Counter[str]:
        return Counter(a.told.value for attempts in self.by_key.values() for a in attempts)

    async def problems(self, db: Database) -> list[str]:
        """Every way the stored answers and points disagree with what the members were told (empty: none)."""
        async with db.session() as session:
            rows = (await session.execute(select(AnswerRow))).scalars().all()
            daily_rows = (await session.execute(select(func.count()).select_from(DailyAnswerRow))).scalar_one()
            all_time = PeriodTotalRow.period == "all"
            totals = (
                await session.execute(
                    select(
                        PeriodTotalRow.guild_id, PeriodTotalRow.user_id, PeriodTotalRow.points, PeriodTotalRow.answered
                    ).where(all_time)
                )
            ).all()
        found: list[str] = []
        stored = defaultdict(list)
        for row in rows:
            stored[row.answer_key].append(row)
        for key, keyed in stored.items():
            if len(keyed) > 1:
                found.append(f"answer {key} stored {len(keyed)} times")
        if daily_rows != sum(row.kind == "daily" for row in rows):
            found.append(f"{daily_rows} daily answers but {sum(r.kind == 'daily' for r in rows)} logged")
        for key, attempts in self.by_key.items():
            found.extend(_disagreements(key, attempts, stored.get(key, [])))
        for key in stored.keys() - self.by_key.keys():
            found.append(f"answer {key} stored though no member sent it")
        sums: Counter[tuple[int, int]] = Counter()
        answered: Counter[tuple[int, int]] = Counter()
        for row in rows:
            sums[row.guild_id, row.user_id] += row.points
            answered[row.guild_id, row.user_id] += 1
        board = {(g, u): (p, n) for g, u, p, n in totals}
        for member in sums.keys() | board.keys():
            if board.get(member, (0, 0)) != (sums[member], answered[member]):
                found.append(
                    f"member {member}: board says (points, answers) = {board.get(member)}, "
                    f"their answers sum to {(sums[member], answered[member])}"
                )
        return found


def _disagreements(key: str, attempts: list[Attempt], rows: list[AnswerRow]) -> list[str]:
    verdicts = [a for a in attempts if a.told is Told.VERDICT]
    unsure = [a for a in attempts if a.told is Told.UNSURE]
    if not rows:
        return [f"answer {key} lost: the member was told {verdicts[0]}"] if verdicts else []
    row = rows[0]
    found = []
    if row.request_id not in {a.request_id for a in verdicts + unsure}:
        found.append(f"answer {key} stored by request {row.request_id}, which was refused or never sent")
    for verdict in verdicts:
        if verdict.request_id != row.request_id:
            found.append(f"answer {key}: two requests told a verdict ({verdict.request_id}, {row.request_id})")
        elif verdict.points is not None and verdict.points != row.points:
            found.append(f"answer {key}: told {verdict.points} points, stored {row.points}")
    return found
