"""Role rewards over the fake Discord with a moved clock: managers attach roles to goals, the bot gives them to the
members who reach them and takes them back (a broken streak, a new week, a new season winner), and says clearly
when Discord will not let it (no Manage Roles, its highest role below the reward role)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import cast

import pytest
import pytest_asyncio

from bot.clock import FrozenClock
from bot.discord.rewards import RewardsCog
from bot.quiz.item import QuizItem
from bot.service.types import Who
from bot.tutor import Tutor
from tests.e2e.tutor_fixtures import LaunchBot
from tests.fake_discord import MANAGE_ROLES, BotRunner, FakeDiscord, FakeGuild, FakeMember, FakeRole

pytestmark = [pytest.mark.asyncio(loop_scope="function"), pytest.mark.e2e]
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Roles:
    streak: FakeRole
    scholar: FakeRole
    champion: FakeRole
    tutorbot: FakeRole
    admins: FakeRole  # above the bot's own role


@pytest.fixture
def roles(fake: FakeDiscord, guild: FakeGuild) -> Roles:
    """The reward roles below the bot's role, one role above it (made before the bot connects)."""
    made = Roles(
        *(fake.add_role(guild, name) for name in ("Streak 2", "Scholar", "Champion")),
        fake.add_role(guild, "tutorbot", permissions=MANAGE_ROLES),
        fake.add_role(guild, "Admins"),
    )
    return made


@pytest.fixture
def bo(fake: FakeDiscord, guild: FakeGuild) -> FakeMember:
    return fake.add_member(guild, "bo")


@pytest_asyncio.fixture(loop_scope="function")
async def able_bot(
    fake: FakeDiscord, guild: FakeGuild, roles: Roles, ana: FakeMember, boss: FakeMember, launch: LaunchBot
) -> BotRunner:
    """The bot running with its role (Manage Roles, above the reward roles); ana and the manager mia exist."""
    fake.give_role(fake.bot_member(guild), roles.tutorbot)
    return await launch()


def tutor_of(runner: BotRunner) -> Tutor:
    return runner.bot.tutor  # type: ignore[attr-defined, no-any-return]


async def tick(runner: BotRunner) -> None:
    # by cast, not isinstance: a bot's close unloads its extensions, so a later bot imports its cog class anew
    cog = cast(RewardsCog | None, runner.bot.get_cog("Rewards"))  # type: ignore[attr-defined]
    assert cog is not None
    await cog.tick()


async def study(tutor: Tutor, guild: FakeGuild, member: FakeMember, count: int, start: int) -> None:
    """`member` recalls `count` new prompts correctly (3 points each), from the notes' prompt `start` on."""
    who = Who(guild.id, member.user.id, member.user.name)
    for prompt in list(tutor.notes.default.prompts.values())[start : start + count]:
        await tutor.answer(who, prompt.id, prompt.answer)


def wrong_answer(prompt: QuizItem) -> str:
    """A usable answer that is wrong: the other truth value, another choice, or words that are not the answer."""
    if prompt.kind == "true_false":
        return "false" if prompt.answer.strip().casefold() == "true" else "true"
    if prompt.choices:
        return next(choice for choice in prompt.choices if choice != prompt.answer)
    return "certainly not the answer"


async def add_reward(fake: FakeDiscord, boss: FakeMember, **options: object) -> str:
    reply = await (await fake.slash(boss, "rewards add", **options)).wait_response()
    return reply.content or ""


async def test_a_streak_role_is_given_when_reached_and_taken_when_the_streak_breaks(
    fake: FakeDiscord,
    guild: FakeGuild,
    roles: Roles,
    ana: FakeMember,
    boss: FakeMember,
    able_bot: BotRunner,
    clock: FrozenClock,
) -> None:
    runner = able_bot
    tutor = tutor_of(runner)
    assert "Reward saved" in await add_reward(fake, boss, role=roles.streak, goal="streak", amount=2)
    await study(tutor, guild, ana, 1, 0)
    await tick(runner)
    assert roles.streak not in ana.roles  # a 1-day streak
    clock.advance(DAY)
    await study(tutor, guild, ana, 1, 1)
    await tick(runner)
    await tick(runner)  # nothing more to do: given once
    assert ana.roles.count(roles.streak) == 1
    assert [r.path for r in fake.requests.requests if r.method == "PUT" and "/roles/" in r.path] == [
        f"/guilds/{guild.id}/members/{ana.user.id}/roles/{roles.streak.id}"
    ]
    clock.advance(2 * DAY)  # a missed day without a freeze: the streak is broken
    await tick(runner)
    assert roles.streak not in ana.roles
    listed = await (await fake.slash(boss, "rewards list")).wait_response()
    assert "a 2-day streak" in listed.embeds[0]["description"] and "⚠️" not in listed.embeds[0]["description"]


async def test_points_and_season_winner_roles_follow_the_weeks(
    fake: FakeDiscord,
    guild: FakeGuild,
    roles: Roles,
    ana: FakeMember,
    bo: FakeMember,
    boss: FakeMember,
    able_bot: BotRunner,
    clock: FrozenClock,
) -> None:
    runner = able_bot
    tutor = tutor_of(runner)
    await add_reward(fake, boss, role=roles.scholar, goal="points", amount=6, period="week")
    await add_reward(fake, boss, role=roles.champion, goal="season_winner", period="week")
    await study(tutor, guild, ana, 2, 0)  # 6 points this week
    await study(tutor, guild, bo, 1, 10)  # 3 points
    await tick(runner)
    assert (roles.scholar in ana.roles, roles.scholar in bo.roles, roles.champion in ana.roles) == (True, False, False)
    clock.advance(7 * DAY)  # a new week: nobody has 6 points in it yet; ana won the last one
    await tick(runner)
    assert (roles.scholar in ana.roles, roles.champion in ana.roles, roles.champion in bo.roles) == (False, True, False)
    await study(tutor, guild, bo, 1, 20)  # bo alone scores this week
    clock.advance(7 * DAY)
    await tick(runner)
    assert (roles.champion in ana.roles, roles.champion in bo.roles) == (False, True)


async def test_rewards_the_bot_cannot_give_are_refused_with_the_fix(
    fake: FakeDiscord,
    guild: FakeGuild,
    roles: Roles,
    ana: FakeMember,
    boss: FakeMember,
    launch: LaunchBot,
) -> None:
    runner = await launch()  # the bot has no role with Manage Roles
    reply = await add_reward(fake, boss, role=roles.streak, goal="streak", amount=7)
    assert "Manage Roles" in reply and "Streak 2" in reply
    assert await tutor_of(runner).list_rewards(guild.id) == []
    refused = await (await fake.slash(ana, "rewards add", role=roles.streak, goal="streak", amount=7)).wait_response()
    assert "Manage Server" in refused.content


async def test_a_role_above_the_bots_is_refused_and_a_refusal_by_discord_is_shown_in_the_list(
    fake: FakeDiscord,
    guild: FakeGuild,
    roles: Roles,
    ana: FakeMember,
    boss: FakeMember,
    able_bot: BotRunner,
) -> None:
    runner = able_bot
    reply = await add_reward(fake, boss, role=roles.admins, goal="points", amount=3)
    assert "My highest role (**tutorbot**) is not above **Admins**" in reply
    assert "Reward saved" in await add_reward(fake, boss, role=roles.scholar, goal="points", amount=3)
    roles.scholar.position = 99  # moved above the bot's role behind its back (it has not heard yet)
    await study(tutor_of(runner), guild, ana, 1, 0)
    await tick(runner)
    assert roles.scholar not in ana.roles
    listed = await (await fake.slash(boss, "rewards list")).wait_response()
    assert "Discord refused to change **Scholar**" in listed.embeds[0]["description"]
    assert (await (await fake.slash(boss, "rewards remove", role=roles.scholar)).wait_followups())[0].content
    assert await tutor_of(runner).list_rewards(guild.id) == []


async def test_a_domain_mastery_role_is_given_at_the_threshold_and_taken_back_after_wrong_answers(
    fake: FakeDiscord,
    guild: FakeGuild,
    roles: Roles,
    ana: FakeMember,
    bo: FakeMember,
    boss: FakeMember,
    able_bot: BotRunner,
) -> None:
    runner = able_bot
    tutor = tutor_of(runner)
    in_domain: dict[str, list[QuizItem]] = {}
    for prompt in tutor.notes.default.prompts.values():
        in_domain.setdefault(tutor.notes.default.exam_domains.of_section.get(prompt.topic, ""), []).append(prompt)
    domain, prompts = min(((d, ps) for d, ps in in_domain.items() if d and len(ps) >= 2), key=lambda dp: len(dp[1]))
    half = len(prompts) // 2
    # One right answer makes a prompt last FSRS's first Good stability (2.3 days) of the 21-day target: 11% each.
    reply = await add_reward(fake, boss, role=roles.scholar, goal="domain_mastery", amount=10, domain=domain.upper())
    assert f"10% mastery of {domain}" in reply
    for member, answered in ((ana, prompts), (bo, prompts[:half])):
        who = Who(guild.id, member.user.id, member.user.name)
        for prompt in answered:
            await tutor.answer(who, prompt.id, prompt.answer)
    await tick(runner)
    assert (roles.scholar in ana.roles, roles.scholar in bo.roles) == (True, False)  # 11% and under 6%
    ana_who = Who(guild.id, ana.user.id, ana.user.name)
    for prompt in prompts[: len(prompts) - half]:
        await tutor.answer(ana_who, prompt.id, wrong_answer(prompt))  # a wrong last answer counts 0
    await tick(runner)
    assert roles.scholar not in ana.roles


async def test_a_domain_mastery_reward_names_a_domain_of_the_notes(
    fake: FakeDiscord, guild: FakeGuild, roles: Roles, boss: FakeMember, able_bot: BotRunner
) -> None:
    missing = await add_reward(fake, boss, role=roles.scholar, goal="domain_mastery", amount=50)
    unknown = await add_reward(fake, boss, role=roles.scholar, goal="domain_mastery", amount=50, domain="Knitting")
    assert "Name the exam domain" in missing and "'Knitting' is not an exam domain" in unknown
    assert next(iter(tutor_of(able_bot).notes.default.exam_domains.weights)) in unknown  # the domains are listed
    assert await tutor_of(able_bot).list_rewards(guild.id) == []
