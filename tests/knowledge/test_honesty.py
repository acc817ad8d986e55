"""Near misses on small hand-written notes: names the notes never use, or use only elsewhere, are never answered in
full; plain words the notes never use are measured by their rarity, chatter and notes words in members' forms left
out; spelling repair never turns a name or a plain English word into a notes word (no embedding model needed)."""

from __future__ import annotations

from collections import Counter

from bot.knowledge.abstention import NotesLexicon, named_things, unknown_technical_terms
from bot.knowledge.analysis.analyser import terms, words
from bot.knowledge.analysis.spelling import Vocabulary
from bot.knowledge.answer_training import QuestionGenerator, given_elsewhere
from bot.knowledge.answerability import AnswerabilityModel, CoverageOutcome
from bot.knowledge.chunking import Chunk
from bot.knowledge.coverage import (
    COVERED_FEATURES,
    KIND_FEATURES,
    STATED_FEATURES,
    TermWeights,
    measure,
    what_is_missing,
)
from bot.knowledge.logistic import Stage
from bot.knowledge.retriever import Hit
from bot.knowledge.unfamiliar import english_rarity, unfamiliar_words, uses

GARDEN = [
    "Kiln > Firing\n- The Kiln fires clay at 1200 degrees\n- Partial loads waste heat\n- Run kiln configure first",
    "Kiln > Glazes\n- A glaze melts into glass on the pot\n- The location of the kiln needs air flow",
    "Garden > Beds\n- Raised beds drain well\n- Compost feeds the soil",
]


def _lexicon(notes: list[str] = GARDEN) -> NotesLexicon:
    vocabulary = Vocabulary(notes)
    return NotesLexicon.of(notes, vocabulary, {t for text in notes for t in terms(text)})


def test_spelling_repair_keeps_names_and_plain_english_words():
    vocabulary = Vocabulary(GARDEN)
    assert vocabulary.repair("does GardenQL support partal loads") == "does gardenql support partial loads"
    assert vocabulary.repair_in_place("Does GardenQL do rotation?") == "Does GardenQL do rotation?"
    assert vocabulary.correct("locaton") == "location"  # a typo is still repaired
    assert vocabulary.correct("rotation") == "rotation"  # a common English word is what its writer meant


def test_a_name_written_with_inner_capitals_is_not_read_as_the_notes_word_it_resembles():
    assert Vocabulary(GARDEN).correct("gardenql") == "garden"  # two edits away: a typo, were it not a name
    assert unknown_technical_terms("Can the Kiln fire partial loads in GardenQL?", _lexicon()) == ("GardenQL",)


def test_a_product_name_matches_whole_words_only():
    lexicon = _lexicon()
    assert lexicon.mentions("kiln configure")
    assert not lexicon.mentions("Kiln Config")


def test_named_things_leave_out_vendor_prefixes_and_short_words():
    assert named_things("How hot does the ACME Kiln get in a UK garden?", {"acme"}) == ("Kiln",)


def _hit(rank: int, heading: tuple[str, ...], text: str) -> Hit:
    chunk = Chunk(f"c{rank}", "notes.md", heading, rank * 10, rank * 10 + 2, text)
    return Hit(rank=rank, score=0.9, dense=0.7, lexical=0.5, passage=chunk, blend=0.9)


def _always_full() -> AnswerabilityModel:
    def sure(features: tuple[str, ...]) -> Stage:
        return Stage(features, (0.0,) * len(features), (1.0,) * len(features), (0.0,) * len(features), 10.0)

    return AnswerabilityModel(sure(COVERED_FEATURES), sure(KIND_FEATURES), sure(STATED_FEATURES))


def test_a_name_no_passage_found_mentions_makes_the_answer_partial_and_is_named():
    hits = [_hit(1, ("Garden", "Beds"), "- Raised beds drain well\n- Compost feeds the soil")]
    lexicon = _lexicon()
    weights = TermWeights()
    coverage = measure("how often should the Kiln beds be rotated", hits, lexicon, weights)
    assert coverage.elsewhere == ("Kiln",) and coverage.unknown == ()
    decision = _always_full().decide(coverage)
    assert decision.outcome == "partial" and decision.probabilities["full"] == 0.0
    assert what_is_missing(coverage) == "The closest notes don't mention Kiln"
    found = measure("how often should the Kiln be fired", [_hit(1, ("Kiln", "Firing"), GARDEN[0])], lexicon, weights)
    assert found.elsewhere == () and _always_full().decide(found).outcome == "full"


def test_a_name_the_notes_never_use_is_never_answered_in_full():
    hits = [_hit(1, ("Kiln", "Firing"), GARDEN[0])]
    coverage = measure("can GardenQL fire partial kiln loads", hits, _lexicon(), TermWeights())
    assert coverage.unknown == ("GardenQL",)
    assert _always_full().decide(coverage).outcome == "partial"
    assert what_is_missing(coverage) == "The notes never mention GardenQL"


FLEET = [
    "- The default cooldown between two scaling actions is 300 seconds",
    "- Scaling actions add or remove boats",
    "- A grace period lets a new boat warm up before its health checks count",
    "- Boats are checked by the harbour master",
]


def test_the_default_of_another_setting_does_not_answer_for_this_one():
    hits = [_hit(1, ("Fleet", "Scaling"), "\n".join(FLEET))]
    weights = TermWeights(Counter(t for line in FLEET + GARDEN for t in set(terms(line))), len(FLEET + GARDEN))
    coverage = measure("what is the default grace period of a new boat?", hits, _lexicon(), weights)
    assert "default" not in coverage.subject  # the word asking for the default is no subject word a line can cover
    assert coverage.typed_cover < coverage.line_cover
    assert what_is_missing(coverage).startswith("The notes don't give the default for grace period")
    answered = measure("what is the default cooldown between scaling actions?", hits, _lexicon(), weights)
    assert answered.typed_cover == answered.line_cover > 0.5


def test_generated_near_misses_ask_for_a_value_another_line_of_the_section_gives():
    kinds = {k.name for k in given_elsewhere(FLEET, FLEET[2])}
    assert "default" in kinds and "duration" in kinds  # the cooldown line, two lines away, gives both
    assert given_elsewhere(FLEET, FLEET[1]) == []  # beside the cooldown line: its figures may be this line's


POTTERY = [
    "- Reconnect the kiln sensor after each firing",
    "- The kiln controller logs every firing to its own memory",
    "- Glazes are mixed in multiple batches",
]


def test_words_written_as_members_write_notes_words_are_not_unfamiliar():
    lexicon = _lexicon(POTTERY)
    assert uses("whats", lexicon)  # a contraction without its apostrophe
    assert uses("contr", lexicon)  # a shortening of "controller"
    assert uses("reconnects", lexicon) and uses("multibatch", lexicon)  # a prefix that repeats or multiplies
    assert uses("firings", lexicon)  # another form of a notes word
    assert not uses("unmixed", lexicon)  # a negation asks for something else
    assert unfamiliar_words(["kiln", "Pyrometer", "whats", "sensor", "bisque", "2"], lexicon) == ("pyrometer", "bisque")


def test_a_lower_case_feature_the_notes_lack_is_measured_and_named():
    hits = [_hit(1, ("Kiln", "Care"), "\n".join(POTTERY))]
    lexicon = _lexicon(POTTERY)
    coverage = measure("how does the kiln controller thermostat log a firing", hits, lexicon, TermWeights())
    plain = measure("how does the kiln controller log a firing quickly", hits, lexicon, TermWeights())
    assert coverage.unknown == () and coverage.strange == ("thermostat",)
    assert coverage.values()["strange"] > plain.values()["strange"]  # "quickly" is common English: chatter
    assert what_is_missing(coverage) == "The notes say nothing about thermostat"


def test_generated_near_misses_name_a_rarer_word_the_notes_lack_than_the_chatter_of_answered_questions():
    chunks = [Chunk(f"c{i}", "notes.md", ("Kiln", f"Part {i}"), i * 10, i * 10 + 3, text) for i, text in
              enumerate(["\n".join(POTTERY), "\n".join(FLEET), GARDEN[0], GARDEN[1]])]  # fmt: skip
    texts = [c.text for c in chunks]
    lexicon = NotesLexicon.of(texts, Vocabulary(texts), {t for text in texts for t in terms(text)})
    generator = QuestionGenerator(chunks, TermWeights(), set(lexicon.vocabulary.counts))
    examples = generator.stated_examples()

    def rarest(question: str) -> float:
        return max((english_rarity(w) for w in unfamiliar_words(words(question), lexicon)), default=0.0)

    near = [rarest(e.question) for e in examples if e.outcome is CoverageOutcome.PARTIAL]
    answered = [rarest(e.question) for e in examples if e.outcome is CoverageOutcome.FULL]
    assert len(near) == len(answered) > 0
    assert min(near) > 0 and sum(near) / len(near) > sum(answered) / len(answered) + 0.15
