"""Extractive answers: the notes' own lines that answer a question, grouped by section, with citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import numpy as np

from bot.knowledge.abstention import NotesLexicon
from bot.knowledge.analysis.analyser import terms
from bot.knowledge.answer_markdown import heading_chars, lead_chars
from bot.knowledge.answerability import ANSWER_MODEL_FILE, AnswerabilityModel, CoverageOutcome
from bot.knowledge.chunking import Chunk
from bot.knowledge.comparisons import comparison_sides, side_queries
from bot.knowledge.coverage import Coverage, TermWeights, measure, what_is_missing
from bot.knowledge.errata import Erratum
from bot.knowledge.profile import CorpusProfile, active_profile
from bot.knowledge.questions import AnswerProblem, QuestionProblem, clean_question, question_problem
from bot.knowledge.quoting import pick_lines, quote
from bot.knowledge.retriever import Hit, Retriever
from bot.wording import where_in_notes

ANSWER_LIMIT = 1200  # characters of the answer written as markdown (`answer_markdown`)
WHOLE_CHUNK_CHARS = 600  # a passage this short is shown whole
RELATED_SCORE = 0.8  # a further passage joins the answer when its first-stage blend is this share of the best one's
MAX_SECTIONS = 3  # passages quoted; a comparison quotes one more per side (at most MAX_COMPARED_SECTIONS)
MAX_COMPARED_SECTIONS = 4
SIDE_HITS = 5  # passages searched per side of a comparison
SECTION_RESERVE = 250  # characters kept for each related passage after the first, so one cannot crowd them out
_WARMED_PROFILES: set[CorpusProfile] = set()  # profiles whose word lists this process has loaded (a warm-up each)
HEADING_WORD_WEIGHT = 0.4  # share of a question word's rarity kept when the quoted section's headings hold it
MAX_OUTDATED_NOTES = 3  # errata shown beside one passage (each at most errata.MAX_CURRENT_CHARS), outside ANSWER_LIMIT


@dataclass(frozen=True)
class Citation:
    source: str
    heading_path: tuple[str, ...]
    start_line: int
    end_line: int
    file: str | None = None  # the note file's name, shown when the notes have several files
    pages: tuple[int, ...] = ()  # (first page, last page) in a paged original (a PDF), else ()

    @property
    def label(self) -> str:
        """`Section › Subsection, lines 3–9`; a paged original always names its file and pages instead
        (`notes.pdf › Section, p. 12`), since its line numbers are the converted text's, not the reader's."""
        where = " › ".join(self.heading_path[-2:]) or self.source
        file = self.file or (PurePosixPath(self.source).name if self.pages else None)
        if file and self.heading_path:
            where = f"{file} › {where}"
        return f"{where}, {where_in_notes(self.start_line, self.end_line, self.pages)}"


@dataclass(frozen=True)
class AnswerSection:
    """One quoted passage: where it is in the notes, and the lines of it that bear on the question, in the notes'
    markdown, with a "…" line wherever lines were left out (`quoting.quote`). `outdated` are the notes' errata
    matching a quoted line or one of the passage's headings: each front end shows them beside the passage."""

    citation: Citation
    text: str
    outdated: tuple[Erratum, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What the answerer found, as data each front end renders its own way (`answer_markdown.answer_markdown` for
    Discord and the command line, `bot/console/_render.py` for the terminal).

    `lead` is the sentence said before any passage: for a question not searched, what is wrong with it; for a
    declined one, what the notes do not say and their closest topics; for a partial answer, what the notes do not
    say; "" for a full answer. `sections` are the quoted passages with their citations.
    """

    query: str
    lead: str
    abstained: bool
    confidence: float
    sections: tuple[AnswerSection, ...] = ()
    hits: tuple[Hit, ...] = ()
    suggestions: tuple[str, ...] = ()
    diagrams: tuple[str, ...] = ()
    problem: AnswerProblem | None = None  # None when answered from the notes
    coverage: CoverageOutcome = CoverageOutcome.FULL
    missing: str | None = None  # for partial and none: what the notes do not say, in words
    measures: Coverage | None = None  # what the decision was based on (None for questions never searched)
    understood: str | None = None  # a follow-up as it was searched, rewritten against the previous question
    compared: tuple[str, ...] = ()  # the sides of a comparison question, each quoted from its own passage

    @property
    def citations(self) -> list[Citation]:
        return [s.citation for s in self.sections]


def _shorten(text: str, limit: int) -> str:
    """`text` cut at a sentence or word boundary to at most `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - 1)]
    for boundary in (". ", "; ", ", ", " "):
        at = cut.rfind(boundary)
        if at > limit // 2:
            return cut[: at + (1 if boundary != " " else 0)].rstrip() + "…"
    return cut.rstrip() + "…"


class Answerer:
    """Answers questions from the notes behind a retriever, or says plainly that they do not cover it."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.lexicon = NotesLexicon.of_retriever(retriever)
        self.weights = TermWeights.of(retriever.analysis)
        self.model = AnswerabilityModel.load(retriever.index.path / ANSWER_MODEL_FILE)
        self.several_files = len({c.source for c in retriever.chunks}) > 1  # then citations name the file
        self._warm_up()

    def _warm_up(self) -> None:
        """Answer the profile's warm-up question once per profile and process: it loads the profile's word lists,
        so no member waits for them; a later index under the same profile (a server's notes) skips it."""
        profile = active_profile()
        if profile not in _WARMED_PROFILES:
            self.answer(f"Warm up: {profile.warm_up_question}")
            _WARMED_PROFILES.add(profile)

    def problem_answer(self, question: str, problem: QuestionProblem) -> Answer:
        return Answer(
            query=question,
            lead=problem.message,
            abstained=True,
            confidence=0.0,
            problem=problem.kind,
            coverage=CoverageOutcome.NONE,
        )

    def answer(self, question: str, topic: str | None = None) -> Answer:
        return self.answer_many([question], topic)[0]

    def answer_many(self, questions: Sequence[str], topic: str | None = None) -> list[Answer]:
        """Answers for a batch, embedding all searchable questions (and each side of a comparison) in one model
        call."""
        problems = [question_problem(q) for q in questions]
        searchable = [i for i, p in enumerate(problems) if p is None]
        cleaned = {i: clean_question(questions[i]) for i in searchable}
        searches = {i: [cleaned[i], *side_queries(cleaned[i], comparison_sides(cleaned[i]))] for i in searchable}
        texts = [text for i in searchable for text in searches[i]]
        vectors = self.retriever.embed_questions(texts) if texts else ()
        answers, at = [], 0
        for i, (question, problem) in enumerate(zip(questions, problems, strict=True)):
            if problem is not None:
                answers.append(self.problem_answer(question, problem))
                continue
            width = len(searches[i])
            sides = list(zip(searches[i][1:], vectors[at + 1 : at + width], strict=True))
            answers.append(self.answer_vector(question, cleaned[i], vectors[at], topic, sides))
            at += width
        return answers

    def answer_vector(
        self,
        question: str,
        cleaned: str,
        vector: np.ndarray,
        topic: str | None = None,
        sides: Sequence[tuple[str, np.ndarray]] = (),
    ) -> Answer:
        """The answer to `question` (`cleaned` and embedded as `vector`); `sides` are a comparison's side searches
        with their vectors, each of whose best passage is quoted too."""
        hits = self.retriever.search_vector(cleaned, vector, k=5, topic=topic)
        query_terms = self.retriever.query_terms(cleaned)
        measured = measure(self.retriever.vocabulary.repair_in_place(cleaned), hits, self.lexicon, self.weights)
        decision = self.model.decide(measured)
        suggestions = tuple(dict.fromkeys(" › ".join(h.passage.heading_path[-2:]) for h in hits[:3]))
        missing = what_is_missing(measured)
        if not hits or decision.outcome is CoverageOutcome.NONE:
            return Answer(
                query=question,
                lead=self._decline_text(missing, suggestions),
                abstained=True,
                confidence=decision.confidence,
                hits=tuple(hits),
                suggestions=suggestions,
                problem=AnswerProblem.NOT_COVERED,
                coverage=CoverageOutcome.NONE,
                missing=missing,
                measures=measured,
            )
        partial = decision.outcome is CoverageOutcome.PARTIAL
        lead = f"{missing}; what they say nearby:" if partial else ""
        compared = comparison_sides(cleaned) if sides else ()
        side_hits = [
            (side, self.retriever.search_vector(q, v, k=SIDE_HITS, topic=topic))
            for side, (q, v) in zip(compared, sides, strict=True)
        ]
        for side_query, _ in sides:
            query_terms += self.retriever.query_terms(side_query)
        chosen = self._chosen(hits, side_hits)
        sections = self._compose(chosen, set(query_terms), ANSWER_LIMIT - lead_chars(lead))
        diagrams = tuple(dict.fromkeys(url for h in hits[: len(sections)] for url in h.passage.images))
        return Answer(
            query=question,
            lead=lead,
            abstained=False,
            confidence=decision.confidence,
            sections=tuple(sections),
            hits=tuple(hits),
            suggestions=suggestions,
            diagrams=diagrams,
            coverage=decision.outcome,
            missing=missing if partial else None,
            measures=measured,
            compared=compared,
        )

    @staticmethod
    def _decline_text(missing: str, suggestions: Sequence[str]) -> str:
        closest = "; ".join(suggestions[:3])
        return f"{missing}, so I can't answer that from them. Closest topics in the notes: {closest}."

    @staticmethod
    def _chosen(hits: Sequence[Hit], side_hits: Sequence[tuple[str, Sequence[Hit]]]) -> list[Hit]:
        """The passages to quote: the best hit; for a comparison, each side's passage (see `_titled_for`) unless
        already quoted; then the hits scoring close to the best one, while there is room."""
        chosen = [hits[0]]
        for side, found in side_hits:
            best = _titled_for(side, found)
            if best is not None and not any(_overlap(best.passage, c.passage) for c in chosen):
                chosen.append(best)
        room = min(MAX_COMPARED_SECTIONS, max(MAX_SECTIONS, len(chosen)))
        related = [h for h in hits[1:] if h.blend >= RELATED_SCORE * hits[0].blend]
        chosen += [h for h in related if not any(_overlap(h.passage, c.passage) for c in chosen)]
        return chosen[:room]

    def _compose(self, chosen: Sequence[Hit], query_terms: set[str], budget: int) -> list[AnswerSection]:
        sections: list[AnswerSection] = []
        for at, hit in enumerate(chosen):
            header_cost = heading_chars(self._citation(hit.passage))
            if budget - header_cost < 120:
                break
            reserve = SECTION_RESERVE * (len(chosen) - at - 1)  # room left for the related passages after it
            section = self._section(hit.passage, query_terms, max(120, budget - header_cost - reserve))
            if section is None:
                continue
            sections.append(section)
            budget -= len(section.text) + header_cost
        return sections

    def _section(self, chunk: Chunk, query_terms: set[str], budget: int) -> AnswerSection | None:
        """The lines of `chunk` that bear on the question, in the notes' order, within `budget` characters.

        Words the section's headings already hold (shown in its citation) tell its lines apart less, so they count
        HEADING_WORD_WEIGHT of their rarity: in a section titled for X, the line about X's memory is picked for "how
        much memory can X have" before lines that merely name X.
        """
        lines = chunk.text.split("\n")
        if len(chunk.text) <= min(budget, WHOLE_CHUNK_CHARS):
            picked = list(range(len(lines)))
        else:
            heading = set(terms(" ".join(chunk.heading_path)))
            weight = {t: self.weights.idf(t) * (HEADING_WORD_WEIGHT if t in heading else 1.0) for t in query_terms}
            scores = [sum(weight[t] for t in set(terms(line)) & query_terms) for line in lines]
            picked = pick_lines(lines, scores, budget)
        text = _shorten(quote(lines, picked), budget)
        if not text.strip():
            return None
        outdated = active_profile().errata.matching([*text.split("\n"), *chunk.heading_path])
        return AnswerSection(self._citation(chunk), text, outdated[:MAX_OUTDATED_NOTES])

    def _citation(self, chunk: Chunk) -> Citation:
        file = PurePosixPath(chunk.source).name if self.several_files else None
        return Citation(chunk.source, chunk.heading_path, chunk.start_line, chunk.end_line, file, chunk.pages)


def _overlap(a: Chunk, b: Chunk) -> bool:
    """Whether two passages share a line of the same file."""
    return a.source == b.source and a.start_line <= b.end_line and b.start_line <= a.end_line


def _titled_for(side: str, found: Sequence[Hit]) -> Hit | None:
    """A side's passage: among its hits whose own heading names the side (a section titled for it says most about
    it), the one whose heading is most purely about it ("Queues" over "Queues Security"); else its best hit;
    None when the search found nothing."""
    wanted = set(terms(side))
    best, purity = (found[0] if found else None), 0.0
    for hit in found:
        heading = set(terms(hit.passage.heading_path[-1])) if hit.passage.heading_path else set()
        if wanted and wanted <= heading and len(wanted) / len(heading) > purity:
            best, purity = hit, len(wanted) / len(heading)
    return best
