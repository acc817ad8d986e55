"""One set of notes as the service uses it: a notes bundle, everything derived from one index build.

A bundle holds the retriever, the answerer, the practice checker, the quiz items and passages by id, the topics,
the notes' profile and the exam's domains over them. Every piece of text work it does (answers, checks, grading)
runs under its own profile (`using_profile`), so bundles of different notes can serve side by side in one process.
A bundle never changes once built; new notes mean a new bundle (`bot.service.library.NotesLibrary` swaps them).
"""

from __future__ import annotations

import asyncio
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bot.errors import NotFound
from bot.exam.domains import ExamDomains
from bot.knowledge.answering import Answer, Answerer
from bot.knowledge.chunking import Chunk
from bot.knowledge.followups import FollowUp, FollowUpReader
from bot.knowledge.practice.checker import CheckResult, PracticeChecker
from bot.knowledge.practice.parsing import PracticeQuestion
from bot.knowledge.profile import NEUTRAL, CorpusProfile, using_profile
from bot.knowledge.retriever import Retriever
from bot.quiz.grading import Grade, answer_problem, grade
from bot.quiz.item import QuizItem
from bot.quiz.terms import glossary_of
from bot.service.batching import MicroBatcher

PASSAGE_GONE = "That passage is no longer in the notes (they were rebuilt); ask again."
QUESTION_GONE = "That question is no longer in the quiz (the notes changed); start a new round."
QUIZ_BEING_MADE = (
    "The quiz questions of this server's new notes are still being made (usually a minute or two); /ask already "
    "answers from them. Try the quiz again shortly."
)


@dataclass(frozen=True)
class NotesSource:
    """Where a set of notes' index build is: `build_id` changes with every rebuild, `folder` is the build folder
    (what `IndexStore.build` writes, quiz items and models included), `profile` the notes' own words and exam;
    `quiz_ready` False while the build is a first stage (its new files' quiz items still being made)."""

    build_id: str
    folder: Path
    profile: CorpusProfile = NEUTRAL
    quiz_ready: bool = True


class NotesBundle:
    """Everything the service derives from one index build of one set of notes; immutable once built.

    Built from a loaded retriever (chunks, vectors, reranker, answer model) and the build's quiz items (`prompts`);
    `build_id` defaults to the build folder's name; `quiz_ready` False when more quiz items are being made (a
    first-stage build: `prompts` are only those of its unchanged files). The first bundle of a profile in a
    process answers one warm-up question (about 0.1 s); later ones do not (`Answerer`).
    """

    def __init__(
        self,
        retriever: Retriever,
        prompts: Sequence[QuizItem],
        profile: CorpusProfile = NEUTRAL,
        build_id: str | None = None,
        quiz_ready: bool = True,
    ) -> None:
        self.retriever = retriever
        self.quiz_ready = quiz_ready
        self.folder = Path(retriever.index.path)
        self.build_id = build_id or self.folder.name
        self.profile = profile
        with using_profile(profile):
            self.answerer = Answerer(retriever)  # answers a warm-up question under the notes' own profile
            self.glossary = glossary_of(c.text for c in retriever.chunks)
        self.checker = PracticeChecker(retriever)
        self.prompts: dict[str, QuizItem] = {p.id: p for p in prompts}
        self.chunks: dict[str, Chunk] = {c.chunk_id: c for c in retriever.chunks}
        self._by_source: dict[str, list[Chunk]] = {}
        for chunk in retriever.chunks:
            self._by_source.setdefault(chunk.source, []).append(chunk)
        self.topics: list[str] = retriever.topics
        self.exam_domains = ExamDomains.over(profile.exam, self.topics)
        self.follow_ups = FollowUpReader(self.topics)
        self._batchers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, MicroBatcher[str, Answer]] = (
            weakref.WeakKeyDictionary()
        )  # one per event loop: a bundle is plain data, shareable by every loop of the process

    # -- answers and checks (off the event loop, under the notes' profile) -------------------------------------
    async def ask(self, question: str, topic: str | None = None) -> Answer:
        """The answer to `question` (within one top-level `topic` when given); questions arriving together share
        one batched model call in a worker thread."""
        if topic:
            return await asyncio.to_thread(self._answer_in_topic, question, topic)
        loop = asyncio.get_running_loop()
        batcher = self._batchers.get(loop)
        if batcher is None:  # it holds what answers, not the bundle: see _answer_many
            batcher = self._batchers[loop] = MicroBatcher(partial(_answer_many, self.answerer, self.profile))
        return await batcher.submit(question)

    def _answer_in_topic(self, question: str, topic: str) -> Answer:
        with using_profile(self.profile):
            return self.answerer.answer(question, topic)

    async def check(self, question: PracticeQuestion) -> CheckResult:
        """What the notes say for and against each option of a parsed practice question (in a worker thread)."""
        return await asyncio.to_thread(self._check, question)

    def _check(self, question: PracticeQuestion) -> CheckResult:
        with using_profile(self.profile):
            return self.checker.check(question)

    def follow_up(self, question: str, previous: str | None) -> FollowUp | None:
        """`question` read as a follow-up to `previous` (see `FollowUpReader.resolve`), or None."""
        with using_profile(self.profile):
            return self.follow_ups.resolve(question, previous)

    def grade(self, prompt: QuizItem, response: str) -> Grade:
        """`response` marked against `prompt` with the notes' glossary and profile (never raises)."""
        with using_profile(self.profile):
            return grade(prompt, response, self.glossary)

    def answer_problem(self, prompt: QuizItem, response: str) -> str | None:
        """Why `response` cannot be marked at all, or None (see `bot.quiz.grading.answer_problem`)."""
        with using_profile(self.profile):
            return answer_problem(prompt, response)

    # -- lookups -----------------------------------------------------------------------------------------------
    def passage(self, chunk_id: str) -> Chunk:
        """The chunk with this id; NotFound (a friendly message) when this build has none."""
        try:
            return self.chunks[chunk_id]
        except KeyError:
            raise NotFound(PASSAGE_GONE) from None

    def chunk_at(self, source: str, start_line: int, end_line: int) -> Chunk | None:
        """The chunk spanning exactly these lines of `source` (1-based, inclusive), or None."""
        chunks = self._by_source.get(source, ())
        return next((c for c in chunks if (c.start_line, c.end_line) == (start_line, end_line)), None)

    def prompt_passage(self, prompt: QuizItem) -> Chunk | None:
        """The chunk that holds the prompt's answer (its first line), or None when this build has none."""
        chunks = self._by_source.get(prompt.source, ())
        return next((c for c in chunks if c.start_line <= prompt.start_line <= c.end_line), None)

    def prompt(self, prompt_id: str) -> QuizItem:
        """The quiz item with this id; NotFound (a friendly message) when this build has none."""
        try:
            return self.prompts[prompt_id]
        except KeyError:
            raise NotFound(QUESTION_GONE) from None

    def in_notes_order(self) -> list[QuizItem]:
        """Every quiz item, topics in the notes' order."""
        order = {topic: rank for rank, topic in enumerate(self.topics)}
        return sorted(self.prompts.values(), key=lambda p: order.get(p.topic, len(order)))

    def quiz_topic_sizes(self) -> dict[str, int]:
        """The topics that have quiz items, in the notes' order, with how many each has."""
        sizes = Counter(p.topic for p in self.prompts.values())
        return {topic: sizes[topic] for topic in self.topics if sizes[topic]}

    def match_topic(self, text: str | None) -> str | None:
        """The topic a member meant (case-insensitive: the exact name, else the first containing it); None for no
        text, NotFound when nothing matches."""
        if not text or not text.strip():
            return None
        wanted = text.strip().casefold()
        for topic in self.topics:
            if topic.casefold() == wanted:
                return topic
        matches = [t for t in self.topics if wanted in t.casefold()]
        if matches:
            return matches[0]
        raise NotFound(f"No topic matches {text.strip()[:80]!r}; pick one from the list.")


def _answer_many(answerer: Answerer, profile: CorpusProfile, questions: Sequence[str]) -> list[Answer]:
    """`questions` answered under `profile`. A module function, not a bound method of the bundle: a bundle's batcher
    holding the bundle would be a reference cycle, and an evicted bundle would then stay in memory until a full
    garbage collection instead of being freed when the library lets go of it."""
    with using_profile(profile):
        return answerer.answer_many(questions)
