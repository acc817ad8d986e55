"""Reward roles of each server, and which members the bot gave each one to."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.database import Repository
from bot.storage.models import PROBLEM_LENGTH, ROLE_NAME_LENGTH, RoleGrantRow, RoleRewardRow
from bot.storage.records import RoleReward
from bot.storage.sql import affected, insert_or_nothing, to_record, upsert


class RewardRepository(Repository):
    async def save(self, reward: RoleReward) -> RoleReward:
        """Attach the role to its goal (replacing the role's earlier goal; its problem is forgotten)."""
        clean = replace(reward, role_name=reward.role_name[:ROLE_NAME_LENGTH], problem=None)

        async def work(session: AsyncSession) -> None:
            await upsert(session, RoleRewardRow, ("guild_id", "role_id"), asdict(clean))

        await self._db.run(work)
        return clean

    async def count(self, guild_id: int) -> int:
        async def work(session: AsyncSession) -> int:
            query = select(func.count()).select_from(RoleRewardRow).where(RoleRewardRow.guild_id == guild_id)
            return int(await session.scalar(query) or 0)

        return await self._db.run(work)

    async def remove(self, guild_id: int, role_id: int) -> list[int] | None:
        """Detach the role: the members the bot had given it to (forgotten now), or None when it was no reward."""

        async def work(session: AsyncSession) -> list[int] | None:
            gone = delete(RoleRewardRow).where(RoleRewardRow.guild_id == guild_id, RoleRewardRow.role_id == role_id)
            if not await affected(session, gone.returning(RoleRewardRow.role_id)):
                return None
            grants = delete(RoleGrantRow).where(RoleGrantRow.guild_id == guild_id, RoleGrantRow.role_id == role_id)
            return sorted(await session.scalars(grants.returning(RoleGrantRow.user_id)))

        return await self._db.run(work)

    async def list_rewards(self, guild_id: int | None = None) -> list[RoleReward]:
        """The rewards of one server (or of every server), by server and role name."""

        async def work(session: AsyncSession) -> list[RoleReward]:
            query = select(RoleRewardRow).order_by(RoleRewardRow.guild_id, RoleRewardRow.role_name)
            if guild_id is not None:
                query = query.where(RoleRewardRow.guild_id == guild_id)
            return [to_record(row, RoleReward) for row in await session.scalars(query)]

        return await self._db.run(work)

    async def set_problem(self, guild_id: int, role_id: int, problem: str | None) -> None:
        """Record why the role could not be given or taken (None: it worked again)."""

        async def work(session: AsyncSession) -> None:
            await session.execute(
                update(RoleRewardRow)
                .where(RoleRewardRow.guild_id == guild_id, RoleRewardRow.role_id == role_id)
                .values(problem=problem[:PROBLEM_LENGTH] if problem else None)
            )

        await self._db.run(work)

    async def holders(self, guild_id: int) -> dict[int, set[int]]:
        """For each reward role of the server, the members the bot gave it to."""

        async def work(session: AsyncSession) -> dict[int, set[int]]:
            held: dict[int, set[int]] = {}
            query = select(RoleGrantRow.role_id, RoleGrantRow.user_id).where(RoleGrantRow.guild_id == guild_id)
            for role_id, user_id in await session.execute(query):
                held.setdefault(role_id, set()).add(user_id)
            return held

        return await self._db.run(work)

    async def granted(self, guild_id: int, role_id: int, user_id: int, now: datetime) -> None:
        """The bot gave the member the role (safe to repeat)."""
        values = {"guild_id": guild_id, "role_id": role_id, "user_id": user_id, "granted_at": now}
        await self._db.run(lambda session: insert_or_nothing(session, RoleGrantRow, values))

    async def taken(self, guild_id: int, role_id: int, user_id: int) -> None:
        """The bot took the role back (or the member is gone): forget the grant (safe to repeat)."""

        async def work(session: AsyncSession) -> None:
            await session.execute(
                delete(RoleGrantRow).where(
                    RoleGrantRow.guild_id == guild_id, RoleGrantRow.role_id == role_id, RoleGrantRow.user_id == user_id
                )
            )

        await self._db.run(work)
