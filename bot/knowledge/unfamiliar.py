"""Plain words of a question that the notes never use, and how rare each is in English.

A question naming a feature the notes lack with lower-case words ("deploy with copilot", "kinesis video
streams", "app runner") passes every check for technical names (`abstention.unknown_technical_terms` reads
capitals, digits and jargon), and the lines found about the rest of it are shown as if they answered it. Such
words differ from the chatter members mix in ("quick", "bunch", "everyone") mostly in how rare they are in English:
`english_rarity` is one of the measures the answerability model weighs (coverage.py: `strange`).

A word counts as used by the notes in any of the forms members write it in: a typo of a notes word, another form
of it (same stem), a shortening of one ("dynamo", "perf"), a notes word behind a prefix that only repeats or
multiplies it ("reconnects", "multipart"), or an English contraction written without its apostrophe ("whats").
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from wordfreq import zipf_frequency

from bot.knowledge.abstention import NotesLexicon, known

# Contractions as members type them, without the apostrophe: English grammar, never a subject.
CONTRACTIONS = frozenset(
    {
        "whats", "dont", "cant", "wont", "doesnt", "isnt", "arent", "didnt", "wasnt", "werent", "hasnt", "havent",
        "shouldnt", "wouldnt", "couldnt", "thats", "theres", "hows", "wheres", "whos", "ive", "youre", "im", "aint",
    }
)  # fmt: skip
# Prefixes that repeat, multiply or place what the rest of the word names ("reconnects", "multipart", "subnets");
# negations (un-, non-) are left out: "unauthenticated" asks for something else than "authenticated".
FORM_PREFIXES = ("re", "multi", "pre", "sub")
MIN_SHORTENING = 3  # letters a shortening of a notes word must have ("res" for "resolution")
ZIPF_CEILING = 6.0  # wordfreq's Zipf scale: words this common (or more) have rarity 0


def english_rarity(word: str) -> float:
    """0..1: 0 for a word at least as common as "about" in English, 1 for one wordfreq has never seen."""
    return min(1.0, max(0.0, (ZIPF_CEILING - zipf_frequency(word, "en")) / ZIPF_CEILING))


def _shortens(word: str, lexicon: NotesLexicon) -> bool:
    """Whether `word` begins a longer notes word ("dynamo" of "dynamodb")."""
    words = lexicon.sorted_words
    at = bisect.bisect_right(words, word)
    return len(word) >= MIN_SHORTENING and at < len(words) and words[at].startswith(word)


def uses(word: str, lexicon: NotesLexicon) -> bool:
    """Whether the notes use `word` (lower-case) in one of the forms members write it in (see the module)."""
    if word in CONTRACTIONS or known(word, lexicon.vocabulary, lexicon.stems) or _shortens(word, lexicon):
        return True
    return any(
        word.startswith(prefix) and len(word) - len(prefix) >= MIN_SHORTENING and uses(word[len(prefix) :], lexicon)
        for prefix in FORM_PREFIXES
    )


def unfamiliar_words(words: Sequence[str], lexicon: NotesLexicon) -> tuple[str, ...]:
    """The alphabetic `words` the notes never use (`uses`), in order, each once."""
    return tuple(dict.fromkeys(w for w in (w.lower() for w in words) if w.isalpha() and not uses(w, lexicon)))
