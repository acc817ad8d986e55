"""Prompts with one right answer that say what they ask about, and 'which one is this?' prompts from sibling
sections (#16). Every example is written for these tests."""

from __future__ import annotations

from bot.knowledge.chunking import chunk_documents
from bot.knowledge.corpus import Document
from bot.quiz.candidates import in_list_of_merits
from bot.quiz.definitions import definition_candidates
from bot.quiz.generation import generate_prompts
from bot.quiz.item import ItemKind
from bot.quiz.quality import Speller, assess
from bot.quiz.sentences import Sentence
from bot.quiz.sibling_sections import kinds_of, sections_of, side_name
from bot.quiz.specificity import (
    asks_a_question,
    names_something,
    numbered_pair,
    placeholder_answer,
    port_named,
    subjectless_figure,
)
from tests.quiz.conftest import fake_embed
from tests.quiz.test_quiz_quality import NOTES, candidate


def test_a_template_with_slots_named_by_generic_nouns_is_a_placeholder() -> None:
    assert placeholder_answer("HOST_NAME:PORT")
    assert placeholder_answer("Vendor::product-name::type-name")
    assert not placeholder_answer("Fn::GetAtt")
    assert not placeholder_answer("DELETE_FAILED")
    assert not placeholder_answer("BROKER_ADDRESS")  # one name, not a template


def test_a_figure_opening_without_its_subject_needs_a_framing_that_names_one() -> None:
    assert not names_something("Fetching Records")
    assert names_something("FetchBatch")
    assert names_something("Zstandard Compression")  # a word English hardly knows names something
    assert subjectless_figure("Fetching Records › Returns", "Up to _____ of records")
    assert subjectless_figure("Fetching Records", "Returns up to _____ of records, then pages")
    assert not subjectless_figure("Fetching Records › FetchBatch", "Up to _____ of records")
    assert not subjectless_figure("Fetching Records", "Each page holds up to _____ of records")
    speller = Speller(NOTES)
    assert assess(candidate("numeric", "Fetching Records — Up to _____ of records", "2 MB"), speller) is None
    assert assess(candidate("numeric", "FetchBatch — Up to _____ of records", "2 MB"), speller) is not None


def test_a_numbered_name_paired_with_another_has_several_right_answers() -> None:
    assert numbered_pair("Disks are backed by flash (_____ or xs2 -- both fast)", "xs1")
    assert numbered_pair("Only xs2 and _____ can hold the boot disk", "xs1")
    assert not numbered_pair("A cache is a managed Redis or _____", "Memcache")
    assert not numbered_pair("Reservation period is 1 or _____", "3 years")
    speller = Speller(NOTES)
    cloze = candidate("cloze", "Disks — Storage backed by flash (_____ or xs2 -- both fast)", "xs1")
    assert assess(cloze, speller) is None


def test_a_port_named_by_its_protocol_is_given_away() -> None:
    assert port_named("Allow inbound traffic on port _____ (SMTP port)")
    assert port_named("Mail — the SMTP port _____ must be open")
    assert not port_named("The broker listens on port _____ by default")
    speller = Speller(NOTES)
    assert assess(candidate("numeric", "Mail — open port _____ (SMTP port)", "25"), speller) is None


def test_a_statement_that_asks_a_question_is_not_asked() -> None:
    assert asks_a_question("A record holds at most 10 KB, so how do we store more ?")
    assert not asks_a_question("Use `a?b` to match one letter")
    speller = Speller(NOTES)
    statement = candidate("true_false", "True or false? Records — At most 10 KB, so how do we store more ?", "True")
    assert assess(statement, speller) is None


def _sentence(text: str, line: int, heading: str = "Advantages of a managed store", context: tuple = ()) -> Sentence:
    return Sentence(text, "notes.md", ("Stores", heading), line, context)


def test_an_item_of_a_list_of_advantages_makes_no_statement() -> None:
    assert in_list_of_merits(_sentence("**Standby copy** setup for recovery", 1))
    assert not in_list_of_merits(_sentence("**Standby copy** setup for recovery", 1, "Managed store"))


def test_a_short_explanation_one_word_apart_from_its_neighbour_is_not_asked() -> None:
    texts = [
        "Fluentd: collection of logs from hosts",
        "Vector: collection of logs from containers",
        "Logstash: parses, filters and enriches every log line before storing it",
    ]
    lines = [_sentence(t, n, "Log shippers") for n, t in enumerate(texts, 1)]
    asked = {c.prompt.explanation.split(":")[0] for c in definition_candidates(lines, {}, {}, fake_embed)}
    assert asked == {"Logstash"}


SIBLINGS = """\
# Schedulers

## Kinds of schedulers

### Round Robin Scheduler

- Gives every process the same time slice in turn, whatever its past use of the processor

### Priority Scheduler

- Runs the process with the highest rank first and may starve the others
- Keeps a ready queue in memory for the dispatcher

### Lottery Scheduler

- Hands out tickets and draws one at random for every time slice
- Keeps a ready queue in memory for the dispatcher

### Fair Share Scheduler

- Splits processor time between users before it splits it between their processes

### Scheduler Tuning Tips for Very Busy Servers

- Measure before you change the time slice of any of the schedulers
"""


def test_sibling_headings_of_one_kind_are_the_choices_of_a_line_under_one_of_them() -> None:
    lines = tuple(SIBLINGS.splitlines())
    kinds = kinds_of(sections_of(lines))
    assert kinds["Priority Scheduler"] == [
        "Round Robin Scheduler",
        "Priority Scheduler",
        "Lottery Scheduler",
        "Fair Share Scheduler",
    ]
    assert "Scheduler Tuning Tips for Very Busy Servers" not in kinds
    assert side_name("Classic Balancer (v1 -- old generation, 2009)") == "Classic Balancer"

    chunks = chunk_documents([Document("notes/schedulers.md", lines)])
    prompts = generate_prompts(chunks, fake_embed, {"notes/schedulers.md": lines}, min_score=0.0)
    picked = {p.answer: p for p in prompts if p.kind == ItemKind.MULTIPLE_CHOICE and "which one is this" in p.question}
    assert picked["Lottery Scheduler"].choices is not None and len(picked["Lottery Scheduler"].choices) == 4
    assert "Hands out tickets" in picked["Lottery Scheduler"].question
    # a line two siblings share is true of both: not asked as either
    assert all("ready queue" not in p.question for p in picked.values())


def test_three_siblings_make_a_comparison_and_activities_are_no_kind() -> None:
    three = SIBLINGS.split("### Fair Share Scheduler")[0]
    assert kinds_of(sections_of(tuple(three.splitlines())))["Lottery Scheduler"] == [
        "Round Robin Scheduler",
        "Priority Scheduler",
        "Lottery Scheduler",
    ]
    activities = "# Tables\n\n## Reading Data\n\n- a\n\n## Writing Data\n\n- b\n\n## Deleting Data\n\n- c\n"
    assert kinds_of(sections_of(tuple(activities.splitlines()))) == {}
