"""Prompts with one right answer that say what they ask about, and 'which one is this?' prompts from sibling
sections (#16). Every example is written for these tests."""

from __future__ import annotations

from bot.knowledge.chunking import chunk_documents
from bot.knowledge.corpus import Document
from bot.quiz.candidates import in_list_of_merits
from bot.quiz.definitions import definition_candidates
from bot.quiz.generation import MIN_SCORE, generate_prompts
from bot.quiz.item import ItemKind
from bot.quiz.quality import Speller, assess, shows_side_word
from bot.quiz.sentences import Sentence
from bot.quiz.sibling_sections import kinds_of, label_kinds, sections_of, side_name
from bot.quiz.specificity import (
    asks_a_question,
    figure_sheet,
    hedged,
    manual_page,
    name_beside_its_limit,
    named_by_companions,
    names_something,
    numbered_pair,
    placeholder_answer,
    port_named,
    qualifies_a_configuration,
    subjectless_figure,
    tied_to_one_side,
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


LABELS = """\
# Placement

## Placement strategies

- **Packed:**
  - Fills one host before it starts another, to use the fewest hosts
- **Scattered:**
  - Puts each task on a host chosen at random among those with room
- **Balanced:**
  - Spreads tasks evenly across the zones of the cluster
- **Is placement worth tuning?**
  - Only for clusters of many hosts
- **FetchItem:**
  - Reads one item by its key
- **BatchFetchItem:**
  - Reads many items by their keys
"""


def test_bold_list_labels_with_lines_of_their_own_are_sides_of_one_kind() -> None:
    lines = tuple(LABELS.splitlines())
    kinds = label_kinds(lines)
    assert kinds[5] == ("Packed", ["Packed", "Scattered", "Balanced"])
    assert all(name != "Is placement worth tuning?" for name, _ in kinds.values())
    assert all("FetchItem" not in names for _, names in kinds.values())  # a variant of another shares its lines

    chunks = chunk_documents([Document("notes/placement.md", lines)])
    prompts = generate_prompts(chunks, fake_embed, {"notes/placement.md": lines}, min_score=0.0)
    asked = {p.answer: p for p in prompts if p.kind == ItemKind.COMPARISON}
    assert "Fills one host" in asked["Packed"].question and asked["Packed"].choices == (
        "Packed",
        "Scattered",
        "Balanced",
    )


def test_hedged_broken_off_and_figure_sheet_statements_are_not_asked() -> None:
    assert hedged("If you turn on signing you may be slowed down by the key service")
    assert not hedged("Signing slows every request down")
    assert asks_a_question("You can set it to be HTTPS, or")
    assert figure_sheet("Size range: 4 GiB - _____")
    assert figure_sheet("MIN 100 - MAX _____ or 64000 if on fast disks")
    assert not figure_sheet("Default retention is _____, maximum is 14 days")
    assert not figure_sheet("Size: grows with the data you store, up to _____")
    speller = Speller(NOTES)
    hedge = "True or false? Signing — If you turn on signing you may be slowed down by the key service"
    assert assess(candidate("true_false", hedge, "True"), speller) is None
    broken = "Protocols — Viewer Policy or Origin Policy: which one is this? “You can set it to be HTTPS, or”"
    assert assess(candidate("comparison", broken, "Origin Policy", ("Viewer Policy", "Origin Policy")), speller) is None
    assert assess(candidate("numeric", "Disks — Size range: 4 GiB - _____", "16 TiB"), speller) is None


def test_a_plain_lower_case_blank_ranks_below_the_bar_unless_the_sentence_calls_it_a_name() -> None:
    speller = Speller(NOTES)
    plain = assess(candidate("cloze", "Caches — entries must follow an _____ to stay fresh", "expiry scheme"), speller)
    named = assess(candidate("cloze", "Caches — the share kept is called the _____", "expiry scheme"), speller)
    assert plain is not None and named is not None
    assert plain.score < MIN_SCORE <= named.score


def test_a_plain_word_capitalised_only_to_open_the_sentence_is_still_plain() -> None:
    speller = Speller(NOTES)
    opening = assess(candidate("cloze", "Tiers — _____ your service into two tiers is common", "Splitting"), speller)
    inside = assess(candidate("cloze", "Tiers — the two tiers are wired through _____", "Splitting"), speller)
    assert opening is not None and inside is not None and opening.score < MIN_SCORE <= inside.score


def test_a_typed_definition_naming_a_term_defined_beside_it_is_not_asked() -> None:
    texts = [
        "**Gauges:** to record a value that goes up and down over time",
        "**Counters:** to count things that only ever go up until a restart",
        "**Triggers:** to act at once when gauges / counters cross a line",
    ]
    lines = [_sentence(t, n, "Signals") for n, t in enumerate(texts, 1)]
    asked = {c.prompt.explanation.split(":")[0].strip("*") for c in definition_candidates(lines, {}, {}, fake_embed)}
    assert "Triggers" not in asked and "Gauges" in asked


def test_a_comparison_statement_naming_a_term_a_heading_ties_to_one_side_is_given_away() -> None:
    sides = ["Disk", "Share"]
    tied = 'Attached to one host at a time (unless "Multi-Mount" is on)'
    assert tied_to_one_side(tied, "Disk", sides, ["Disk Multi-Mount", "Share Basics"])
    assert not tied_to_one_side("Attached to one host at a time", "Disk", sides, ["Disk Multi-Mount"])
    assert not tied_to_one_side(tied, "Disk", sides, ["Disk and Share Multi-Mount"])  # tied to both
    notes = (
        "# Storage\n\n## Disk vs Share\n\n### Disk\n\n"
        '- Attached to one host at a time (unless "Multi-Mount" is on)\n'
        "- Lives in one zone and is backed up by snapshots\n\n"
        "### Share\n\n- Mounted by thousands of hosts across zones\n\n"
        "## Disk Multi-Mount\n\n- Lets a few hosts in one zone write to the same disk\n"
    )
    lines = tuple(notes.splitlines())
    chunks = chunk_documents([Document("notes/storage.md", lines)])
    prompts = generate_prompts(chunks, fake_embed, {"notes/storage.md": lines}, min_score=0.0)
    compared = [p.question for p in prompts if p.kind == ItemKind.COMPARISON]
    assert any("snapshots" in q for q in compared) and not any("Multi-Mount" in q for q in compared)


def test_a_statement_showing_a_word_of_its_own_side_gives_it_away() -> None:
    sides = ["Journal Files", "Span Tracer"]
    assert shows_side_word("Journal contains the full request body", "Journal Files", sides)  # singular of a word
    assert shows_side_word("Tries to stack every job on one host first", "Jobstack", ["Jobstack", "Scatter"])
    assert not shows_side_word("Keeps the full request body for a week", "Journal Files", sides)
    assert not shows_side_word("Costs more per hour", "Disk Store", ["Disk Store", "Share Store"])  # shared word


def test_sides_whose_words_are_all_words_of_another_side_are_variants_not_a_kind() -> None:
    notes = (
        "# Serving\n\n## Portal and TLS\n\n"
        "- **Portal with TLS:**\n  - Put the certificate on the front proxy\n  - Open the secure port\n"
        "- **Portal redirect TCP to TLS:**\n  - Send plain requests to the secure address\n"
        "- **Portal behind Gate:**\n  - The gate ends every session it starts\n"
    )
    kinds = label_kinds(tuple(notes.splitlines()))
    assert all("Portal with TLS" not in names for _, names in kinds.values())
    assert all("Portal redirect TCP to TLS" not in names for _, names in kinds.values())


def test_a_word_both_sides_share_gives_nothing_away_in_either_number() -> None:
    sides = ["Flexible Reserved Seat", "Timed Reserved Seats"]
    assert not shows_side_word("Can change the seat's row", "Flexible Reserved Seat", sides)
    assert not shows_side_word("Routes tasks from custom sources", "TaskBridge", ["TaskBridge", "Cron Tasks"])


def test_a_blank_said_to_be_only_what_comes_with_it_has_several_right_answers() -> None:
    assert named_by_companions("_____ with polling, pushing, or batching", "Feed Sync")
    assert named_by_companions("_____ setup for recovery (DR)", "Twin Zone")
    assert not named_by_companions("_____ with a spare drive is the safest choice", "Twin Zone")  # says something
    assert not named_by_companions("_____ cache lifetime for entries by default", "5 minutes")  # a value asked
    speller = Speller(NOTES)
    assert assess(candidate("cloze", "Feeds — _____ with polling, pushing, or batching", "Feed Sync"), speller) is None


def test_a_blank_qualifying_a_configuration_fits_the_format_and_the_tool() -> None:
    assert qualifies_a_configuration("the simple _____ based configuration becomes a stack", "TOML")
    assert qualifies_a_configuration("Because the _____ configuration is compiled, ...", "TOML")
    assert not qualifies_a_configuration("the _____ configuration file sits at the root", "deploy.toml")
    assert not qualifies_a_configuration("settings are written in _____", "TOML")


def test_a_name_blanked_beside_its_limit_and_a_manual_page_are_not_asked() -> None:
    assert name_beside_its_limit("_____ call for disks has a limit of 40 calls per second")
    assert not name_beside_its_limit("ListDisks call has a limit of _____ calls per second")
    assert manual_page("fork(2)") and manual_page("printf(3)")
    assert not manual_page("GetDisk") and not manual_page("Disk (2)")
    speller = Speller(NOTES)
    shebang = candidate("cloze", "Scripts — the first line is read by the _____ system call", "fork(2)")
    assert assess(shebang, speller) is None
