"""Wrong choices the question's own words rule out: by order, by kind, by number, by a tag of the notes."""

from __future__ import annotations

from bot.quiz.candidates import Candidate
from bot.quiz.definitions import definition_candidates
from bot.quiz.distractors import fitted, neutral_article, same_tag, tags_of
from bot.quiz.item import QuizItem
from bot.quiz.quality import Speller, assess, gives_away
from bot.quiz.sentences import Sentence
from bot.quiz.siblings import Siblings
from bot.quiz.terms import Term
from tests.quiz.conftest import fake_embed

LEASE = "Workers — a default lease of _____ is too long for short jobs, which set 90 seconds instead"


def test_a_quantity_on_the_other_side_of_one_the_stem_states_is_ruled_out() -> None:
    assert fitted(LEASE, "5 minutes", "10 minutes", {}) == "10 minutes"
    assert fitted(LEASE, "5 minutes", "1 minute", {}) is None  # below the 90 s the stem calls shorter
    assert fitted(LEASE, "5 minutes", "90 seconds", {}) is None  # the stem's own figure
    assert fitted("Jobs — a lease lasts _____ and 3 GB of memory", "5 minutes", "1 minute", {}) == "1 minute"


def test_a_choice_of_another_kind_than_the_answer_is_ruled_out() -> None:
    stem = "Scheduling — jobs are placed by the _____"
    assert fitted(stem, "Round Robin Scheduler", "Priority Scheduler", {}) == "Priority Scheduler"
    assert fitted(stem, "Round Robin Scheduler", "Priority Scheduling", {}) is None  # a way of placing, no scheduler
    assert fitted(stem, "ListObjects", "PutObject", {}) == "PutObject"
    assert fitted(stem, "ListObjects", "ObjectLockMode", {}) is None  # a setting beside calls
    assert fitted(stem, "COLD_TIER", "WARM_ONLY", {}) == "WARM_ONLY"  # values of one setting
    assert fitted(stem, "Scheduler", "Priority Scheduling", {}) == "Priority Scheduling"  # one word tells no kind


def test_a_choice_is_shown_in_the_answers_number() -> None:
    stem = "Events — each topic forwards to a _____"
    assert fitted(stem, "Message Router", "Event Routers", {}) == "Event Router"
    assert fitted(stem, "Message Router", "Policy Routers", {}) == "Policy Router"
    assert fitted(stem, "Message Routers", "Event Router", {}) is None
    assert fitted(stem, "ListObjects", "PutObject", {}) == "PutObject"  # identifiers are spelled as they are


def test_the_article_before_a_blank_does_not_tell_the_choice() -> None:
    assert neutral_article("Jobs — use an _____ for this") == "Jobs — use a(n) _____ for this"
    assert neutral_article("Jobs — A _____ holds it") == "Jobs — A(n) _____ holds it"
    assert neutral_article("Jobs — a lease of _____") == "Jobs — a lease of _____"


def test_a_tag_the_stem_shows_rules_out_choices_the_notes_tag_otherwise() -> None:
    tags = tags_of(
        [
            "`cold1` (tape): the cheapest tier for archives",
            "`fast1`/`fast2` (flash): the tier for hot data",
            "Simple Notification Service (SNS) sends messages",
        ]
    )
    assert tags["cold1"] == {"tape"} and tags["fast1"] == tags["fast2"] == {"flash"}
    assert "service" not in tags  # an acronym is no tag
    stem = "Tiers — the cheapest tape tier for archives is _____"
    assert not same_tag(stem, "cold1", "fast1", tags)
    assert same_tag(stem, "cold1", "warm3", tags)  # not tagged: nothing rules it out
    assert same_tag("Tiers — the cheapest tier is _____", "cold1", "fast1", tags)  # the stem shows no tag


def test_stand_ins_are_offered_as_the_question_may_show_them() -> None:
    names = ["Message Router", "Event Routers", "Event Routing", "Policy Routers"]
    pool = Siblings(((Term(n, "name", 0, len(n)), "Topic") for n in names), fake_embed, {})
    term = Term("Message Router", "name", 0, 14)
    stem = "Events — each topic forwards to a _____"
    found = pool.nearest(term, "Topic", 3, stem, fit=lambda c: fitted(stem, term.text, c, {}))
    assert sorted(found) == ["Event Router", "Policy Router"]


def sentence(text: str, line: int) -> Sentence:
    return Sentence(text, "notes.md", ("Tiers", "Storage tiers"), line)


def test_definitions_offer_four_choices_or_a_statement_never_three() -> None:
    three = [
        sentence("**Tape tier**: the cheapest place for archives that are seldom read", 1),
        sentence("**Flash tier**: the fastest place for data read many times a second", 2),
        sentence("**Disk tier**: the place for data read now and then at a moderate price", 3),
    ]
    kinds = {c.prompt.kind for c in definition_candidates(three, {}, {}, fake_embed)}
    assert "multiple_choice" not in kinds and "true_false" in kinds
    four = [*three, sentence("**Memory tier**: the place for data that must be read within microseconds", 4)]
    choices = [
        c.prompt.choices for c in definition_candidates(four, {}, {}, fake_embed) if c.prompt.kind == "multiple_choice"
    ]
    assert choices and all(len(c or ()) == 4 for c in choices)


def test_the_terms_defined_beside_it_closest_to_the_answer_are_its_stand_ins() -> None:
    texts = [
        "**Cold box**: keeps archives on tape for ten years or more",
        "**Cold vault**: keeps archives locked against deletion by anyone",
        "**Cold store**: keeps archives that are read back within hours",
        "**Cold shelf**: keeps archives that are read back within minutes",
        "**Cold crate**: keeps archives in another region for disasters",
        "**Amber cache**: keeps the data read most often in memory",
    ]
    made = definition_candidates([sentence(t, n) for n, t in enumerate(texts, 1)], {}, {}, fake_embed)
    cold = [c.prompt for c in made if c.prompt.explanation.startswith("**Cold")]
    assert len(cold) == 5 and any(p.kind == "multiple_choice" for p in cold)
    for prompt in cold:  # other cold tiers, never the amber cache, in the choices or the false statement
        assert "Amber cache" not in (prompt.choices or ()) and "Amber cache" not in prompt.question


def test_a_definition_naming_what_sets_its_term_apart_from_its_peers_gives_it_away() -> None:
    lines = [
        sentence("`ReadRecord`: read one record of a table by its key", 1),
        sentence("`WriteRecord`: store a whole record, replacing what was there", 2),
        sentence("`DropRecord`: remove a record of a table for good", 3),
    ]
    asked = {c.prompt.end_line for c in definition_candidates(lines, {}, {}, fake_embed)}
    assert 1 not in asked  # "read": what is left once "Record", shared by all three, tells nothing
    assert asked == {2, 3}


def test_a_compound_answer_shown_in_its_parts_is_given_away() -> None:
    assert gives_away("deployspec.yml", "Deploy Spec — the _____ file sits at the root of the project")
    assert not gives_away("deployspec.yml", "Deployments — the _____ file sits at the root of the project")


def candidate(kind: str, question: str, answer: str, choices: tuple[str, ...] | None = None) -> Candidate:
    return Candidate(QuizItem("p", kind, question, answer, (), choices, "notes.md", ("T",), 1, 1, "T"), 4.0)


def test_a_choice_alone_of_the_numbered_family_the_stem_names_is_singled_out() -> None:
    speller = Speller(["Tiers hold data."] * 3)
    question = "Tiers — zx2 volumes stay private, whereas _____ volumes can be shared"
    alone = candidate("multiple_choice", question, "zx1", ("ab3", "zx1", "cd4", "ef1"))
    kin = candidate("multiple_choice", question, "zx1", ("ab3", "zx1", "zx3", "cd4"))
    assert assess(alone, speller) is None and assess(kin, speller) is not None
    # paired with the blank ('only _____ and zx2'), the family's other members fit too: never asked (#16)
    paired = candidate("multiple_choice", "Tiers — only _____ and zx2 volumes can be shared", "zx1", kin.prompt.choices)
    assert assess(paired, speller) is None


def test_arithmetic_is_no_statement_to_judge() -> None:
    speller = Speller(["Rates add up."] * 3)
    assert assess(candidate("true_false", "True or false? Rates — 200 * 4 = 900 KB/s", "False"), speller) is None
    assert assess(candidate("true_false", "True or false? Rates — one shard takes 1 MB/s", "True"), speller)


def test_an_identifiers_rarest_part_shown_gives_it_away() -> None:
    assert gives_away("CreateSnapshot", "Backups — to snapshot a disk, call the _____ API")
    assert not gives_away("CreateSnapshot", "Backups — to copy a disk, call the _____ API")
    assert gives_away("--rows-cursor", "Paging — the cursor of the next page of rows is set with _____")
    assert not gives_away("CLOSE_FAILED", "Streams — a stream we close ends in a _____ state")  # the common part


def test_slips_of_three_or_four_letters_are_found_but_not_rare_real_words() -> None:
    speller = Speller(["Jobs run on a schedule."] * 3)
    assert speller.misspelt("Jobs can run ony once a day") == ["ony"]
    assert speller.misspelt("Jobs can be run by cron once a day") == []


def test_one_half_of_a_pair_made_alike_or_nothing_at_all_is_no_question() -> None:
    speller = Speller(["Lists hold addresses."] * 3)
    assert assess(candidate("cloze", "Lists — we can allowlist and _____ addresses", "denylist"), speller) is None
    assert assess(candidate("cloze", "Lists — we can sort and _____ addresses", "merge"), speller)
    assert assess(candidate("numeric", "Timeouts — min is _____ and max is 60 sec", "0 sec"), speller) is None


def test_phrases_of_manner_are_vague_blanks() -> None:
    speller = Speller(["Limits apply to queues."] * 3)
    vague = assess(candidate("cloze", "Limits — throughput can be raised _____", "per queue"), speller)
    sharp = assess(candidate("cloze", "Limits — throughput can be raised with _____", "QueueBoost"), speller)
    assert vague is not None and sharp is not None and vague.score < sharp.score


def test_a_phrase_whose_initials_the_question_shows_is_given_away() -> None:
    assert gives_away("change data capture", "Streams — replicas are fed by _____ (CDC)")
    assert not gives_away("change data capture", "Streams — replicas are fed by _____ (see the log)")
