"""Each server's exam domains: the notes' profile mapping, with the moves the server's managers made.

A manager may move a top-level section of the notes into another of the exam's domains, or out of every domain
(it then stays out of mock exams and domain scores), and undo moves. Weights come from the profile and do not
change. Every exam feature (mock exams, readiness, drills, domain-mastery rewards) reads a server's domains from
here, so a move takes effect at the next mock, readiness check or reward pass, in every process.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from bot.clock import Clock
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.exam.domains import ExamDomains
from bot.service.library import NotesLibrary
from bot.service.types import Who
from bot.storage import Repositories

MANAGERS_ONLY = "Only members with the Manage Server permission can change the exam's domains."
NO_DOMAIN = "none"  # the word a manager gives to leave a section out of every domain
NO_DOMAIN_HINT = f"or `{NO_DOMAIN}` for no domain"

DomainsOf = Callable[[int], Awaitable[ExamDomains]]  # a server's exam domains, by guild id


class ServerExamDomains:
    """Read and change a server's mapping of its notes' top-level sections to exam domains (the mapping of the
    server's notes bundle, with its managers' moves)."""

    def __init__(self, repos: Repositories, clock: Clock, notes: NotesLibrary) -> None:
        self.repos = repos
        self.clock = clock
        self.notes = notes

    async def of(self, guild_id: int) -> ExamDomains:
        """The server's domains: its notes' profile mapping with its managers' moves applied."""
        base = (await self.notes.bundle_for(guild_id)).exam_domains
        moves = await self.repos.exam_domains.moves(guild_id)
        return base.with_moves(moves) if moves else base

    async def move(self, who: Who, section: str, domain: str) -> ExamDomains:
        """Put `section` (a top-level section, any case) into `domain` (one of the exam's, any case, or "none").
        NotAllowed for a non-manager; NotFound for a section or domain the server's notes and exam do not have."""
        if not who.is_manager:
            raise NotAllowed(MANAGERS_ONLY)
        notes = await self.notes.bundle_for(who.guild_id)
        found_section = _section(section, notes.topics)
        found_domain = None
        if domain.strip().casefold() != NO_DOMAIN:
            found_domain = _named(domain, list(notes.exam_domains.weights), "exam domain", NO_DOMAIN_HINT)
        await self.repos.exam_domains.move(who.guild_id, found_section, found_domain, who.user_id, self.clock.now())
        return await self.of(who.guild_id)

    async def reset(self, who: Who, section: str | None = None) -> ExamDomains:
        """Undo the move of one section (or, without one, every move: back to the notes' profile)."""
        if not who.is_manager:
            raise NotAllowed(MANAGERS_ONLY)
        topics = (await self.notes.bundle_for(who.guild_id)).topics
        found = None if section is None else _section(section, topics)
        await self.repos.exam_domains.reset(who.guild_id, found)
        return await self.of(who.guild_id)


def _section(text: str, sections: Sequence[str]) -> str:
    return _named(text, sections, "top-level section of the notes", "/topics lists them")


def _named(text: str, names: Sequence[str], what: str, hint: str) -> str:
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        raise InvalidInput(f"Name a {what}.")
    for name in names:
        if " ".join(name.split()).casefold() == wanted:
            return name
    raise NotFound(f"There is no {what} called “{text.strip()[:100]}” ({hint}).")


def domain_listing(domains: ExamDomains, sections: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Each domain as ("Name (32%)", its sections in the notes' order), then ("In no domain", the rest) when any
    section is in none: the neutral table each front end renders."""
    listing = [
        (f"{name} ({weight:g}%)", [s for s in sections if domains.of_section.get(s) == name])
        for name, weight in domains.weights.items()
    ]
    if outside := [s for s in sections if s not in domains.of_section]:
        listing.append(("In no domain", outside))
    return listing
