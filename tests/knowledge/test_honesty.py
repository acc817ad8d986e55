"""Near misses on small hand-written notes: names the notes never use, or use only elsewhere, are never answered in
full, and spelling repair never turns a name or a plain English word into a notes word (no embedding model needed)."""

from __future__ import annotations

from collections import Counter

from bot.knowledge.abstention import NotesLexicon, named_things, unknown_technical_terms
from bot.knowledge.analysis.analyser import terms
from bot.knowledge.analysis.spelling import Vocabulary
from bot.knowledge.answer_training import given_elsewhere
from bot.knowledge.answerability import AnswerabilityModel
from bot.knowledge.chunking import Chunk
from bot.knowledge.coverage import COVERED_FEATURES, KIND_FEATURES, TermWeights, measure, what_is_missing
from bot.knowledge.logistic import Stage
from bot.knowledge.retriever import Hit

GARDEN = [
    "Kiln > Firing\n- The Kiln fires clay at 1200 degrees\n- Partial loads waste heat\n- Run kiln configure first",
    "Kiln > Glazes\n- A glaze melts into glass on the pot\n- The location of the kiln needs air flow",
    "Garden > Beds\n- Raised beds drain well\n- Compost feeds the soil",
]


def _lexicon() -> NotesLexicon:
    vocabulary = Vocabulary(GARDEN)
    return NotesLexicon.of(GARDEN, vocabulary, {t for text in GARDEN for t in terms(text)})


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

    return AnswerabilityModel(sure(COVERED_FEATURES), sure(KIND_FEATURES))


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
