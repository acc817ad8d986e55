"""Follow-up questions, recognised by their form and rewritten against the member's previous question.

The rule (docs/architecture.md repeats it): a question is a follow-up only when it has no subject of its own —

- an *ellipsis*: nothing but question words and fillers ("why?", "how so?", "and then?", "like what?"); it asks
  the previous question again, with its own words added;
- *another subject*: "what about X?", "how about X?", "and X?", "or X?" with X a short phrase (at most four words)
  that asks nothing itself; it asks the previous question of X, in place of its main name (the last run of names
  holding a word of the notes' topic titles, else its last run of names), or with X added when it named nothing;
- a *reference back*: a pronoun (it, its, they, them, their, this, that, these, those) in a question that names
  nothing itself — no product or technical name (see `abstention.is_technical`) and no rare word of the notes'
  topic titles; the previous question's key words are added to it.

A question that names its own subject is never rewritten, however it starts ("and what is a B-tree index?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from wordfreq import zipf_frequency

from bot.knowledge.abstention import TOKEN, is_technical
from bot.knowledge.analysis.analyser import STOP_WORDS

REFERRING = frozenset({"it", "its", "it's", "they", "them", "their", "theirs", "this", "that", "these", "those"})
QUESTION_WORDS = frozenset(
    {"why", "how", "what", "when", "where", "which", "who", "so", "then", "else", "really", "exactly", "like",
     "example", "instance", "e.g", "eg", "more", "and", "or", "but", "ok", "okay", "please", "also", "though"}
)  # fmt: skip
ANOTHER_SUBJECT = re.compile(r"^\s*(?:(?:and|so|ok|okay)\s+)?(?:what|how)\s+about\s+(?P<x>.+?)\s*\??\s*$", re.I)
AND_ALSO = re.compile(r"^\s*(?:and|or)\s+(?P<x>.+?)\s*\??\s*$", re.I)
ASKING = frozenset({"is", "are", "was", "were", "do", "does", "did", "can", "could", "should", "would", "will", "has",
                    "have", "i", "we", "you"})  # fmt: skip
LEADING_PREPOSITION = re.compile(r"^(?:for|in|with|on|of|to)\s+", re.I)  # "and for FIFO queues?"
MAX_SUBJECT_WORDS = 4
COMMON_WORD_ZIPF = 4.0  # a topic-title word this frequent in English ("storage") is not taken as a name


@dataclass(frozen=True)
class FollowUp:
    """A recognised follow-up: its kind ("ellipsis", "another_subject", "reference") and the question to search."""

    kind: str
    question: str


class FollowUpReader:
    """Recognises follow-ups by their form and rewrites them against the previous question.

    `topic_names` are the notes' top-level titles: their rare words count as names ("lambda", "kinesis").
    """

    def __init__(self, topic_names: Iterable[str]) -> None:
        self.topic_words = {
            w.lower()
            for title in topic_names
            for w in TOKEN.findall(title)
            if w.lower() not in STOP_WORDS and zipf_frequency(w.lower(), "en") < COMMON_WORD_ZIPF
        }

    def names(self, question: str) -> list[str]:
        """The question's words that name something: technical or product names, rare words of the topic titles."""
        found = []
        for at, match in enumerate(TOKEN.finditer(question)):
            word = match.group(0)
            if word.lower() in STOP_WORDS or word.lower() in QUESTION_WORDS or word.lower() in REFERRING:
                continue
            if is_technical(word, first=at == 0) or word.lower() in self.topic_words:
                found.append(word)
        return found

    def kind(self, question: str) -> str | None:
        """Which kind of follow-up `question` is by its form, or None when it stands on its own."""
        other = self._another_subject(question)
        if other is not None:
            return "reference" if {w.lower() for w in TOKEN.findall(other)} & REFERRING else "another_subject"
        tokens = [w.lower() for w in TOKEN.findall(question)]
        if tokens and all(w in QUESTION_WORDS or w in STOP_WORDS for w in tokens) and not set(tokens) & REFERRING:
            return "ellipsis"
        if set(tokens) & REFERRING and not self.names(question):
            return "reference"
        return None

    def resolve(self, question: str, previous: str | None) -> FollowUp | None:
        """The follow-up `question` rewritten against `previous` (the member's last question, already resolved);
        None when it is not a follow-up or there is no previous question."""
        kind = self.kind(question)
        if kind is None or not previous:
            return None
        asked = question.strip().rstrip("?").strip()
        if kind == "ellipsis":
            return FollowUp(kind, f"{previous.rstrip('?')}? ({asked})")
        if kind == "another_subject":
            subject = self._another_subject(question)
            assert subject is not None
            return FollowUp(kind, self._swapped(previous, subject))
        key_words = [w for w in TOKEN.findall(previous) if w.lower() not in STOP_WORDS | QUESTION_WORDS]
        return FollowUp(kind, f"{asked} ({' '.join(key_words)})?")

    @staticmethod
    def _another_subject(question: str) -> str | None:
        """X of "what about X?" or of "and X?" (a short phrase that asks nothing itself), else None."""
        about = ANOTHER_SUBJECT.match(question)
        match = about or AND_ALSO.match(question)
        if match is None:
            return None
        subject = LEADING_PREPOSITION.sub("", match.group("x").strip().rstrip("?").strip())
        said = {w.lower() for w in TOKEN.findall(subject)}
        if len(subject.split()) > MAX_SUBJECT_WORDS or (not about and said & (QUESTION_WORDS | ASKING)):
            return None
        return subject

    def _swapped(self, previous: str, subject: str) -> str:
        """`previous` asked of `subject`, in place of its main name: the last run of names ("Krebs Citric Acid Cycle")
        holding a word of the notes' topic titles, else its last run of names."""
        names = set(self.names(previous))
        runs: list[tuple[int, int, bool]] = []  # start, end, holds a topic word
        for match in TOKEN.finditer(previous):
            if match.group(0) not in names:
                continue
            topical = match.group(0).lower() in self.topic_words
            if runs and not previous[runs[-1][1] : match.start()].strip(" -"):
                start, _, held = runs.pop()
                runs.append((start, match.end(), held or topical))
            else:
                runs.append((match.start(), match.end(), topical))
        if not runs:
            return f"{previous.rstrip('?')} ({subject})?"
        start, end, _ = max(runs, key=lambda run: (run[2], run[0]))
        return previous[:start] + subject + previous[end:]
