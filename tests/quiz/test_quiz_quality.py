"""The quality checks of prompt candidates, on cases written for them."""

from __future__ import annotations

from bot.quiz.candidates import Candidate, framing
from bot.quiz.prompt import Prompt
from bot.quiz.quality import Speller, assess, cuts_a_quantity, gives_away, side_words
from bot.quiz.sentences import Context, Sentence

NOTES = ["Queues keep messages until a consumer deletes them.", "A consumer polls the queue for messages."] * 3


def candidate(kind: str, question: str, answer: str, choices: tuple[str, ...] | None = None) -> Candidate:
    prompt = Prompt("p", kind, question, answer, (), choices, "notes.md", ("T",), 1, 1, "T")
    return Candidate(prompt, 4.0)


def test_the_heading_or_statement_naming_the_answer_gives_it_away() -> None:
    assert gives_away("pipeline.yml", "CodePipeline Pipeline file — the file at the root is _____")
    assert gives_away("KEYS_AND_VALUES", "which setting keeps the keys and the values?")
    assert not gives_away("pipeline.yml", "Builds — the file at the root is _____")


def test_a_blank_never_cuts_a_number_from_its_unit() -> None:
    assert cuts_a_quantity("retries every 5 _____", "minute wait")
    assert cuts_a_quantity("holds up to _____ GB", "64")
    assert not cuts_a_quantity("retries every _____", "5 minutes")


def test_comparison_statements_may_not_name_a_word_of_one_side() -> None:
    assert side_words("Hot Storage", ["Hot Storage", "Cold Storage"]) == {"hot"}
    asked = candidate(
        "comparison",
        "Hot vs Cold — Hot Storage or Cold Storage: which one is this? “hot data”",
        "Hot Storage",
        ("Hot Storage", "Cold Storage"),
    )
    assert assess(asked, Speller(NOTES)) is None


def test_misspelt_or_doubled_words_disqualify_a_candidate() -> None:
    speller = Speller(NOTES)
    assert speller.misspelt("The consumer reads the mesage") == ["mesage"]
    assert speller.misspelt("The consumer deletes the message") == []
    assert assess(candidate("cloze", "Queues — a consumer reads the mesage _____", "message"), speller) is None
    assert assess(candidate("cloze", "Queues — the the consumer polls the _____", "queue"), speller) is None


def test_sums_and_list_items_are_not_questions() -> None:
    speller = Speller(NOTES)
    assert assess(candidate("numeric", "Sizes — 4 * 16 = _____", "64 KB"), speller) is None
    assert assess(candidate("cloze", "Events — Created, Removed, _____, etc.", "Restored"), speller) is None


def test_the_score_is_stored_with_the_prompt_and_vague_blanks_score_lower() -> None:
    speller = Speller(NOTES)
    sharp = assess(
        candidate("cloze", "Queues — messages wait in the _____ until a consumer deletes them", "SQS queue"), speller
    )
    vague = assess(candidate("cloze", "Queues — a queue is a _____", "managed buffer"), speller)
    assert sharp is not None and vague is not None
    assert sharp.prompt.quality == sharp.score and vague.prompt.quality < sharp.prompt.quality


def test_multiple_choice_distractors_share_the_answers_unit() -> None:
    speller = Speller(NOTES)
    mixed = candidate(
        "multiple_choice", "Limits — a message holds up to _____", "256 KB", ("256 KB", "15 minutes", "1 MB", "64 KB")
    )
    same = candidate(
        "multiple_choice", "Limits — a message holds up to _____", "256 KB", ("256 KB", "2 MB", "1 MB", "64 KB")
    )
    assert assess(mixed, speller) is None and assess(same, speller) is not None


def test_framing_is_the_nearest_heading_that_names_something() -> None:
    sentence = Sentence(
        "Messages are kept for 4 days.",
        "notes.md",
        ("Messaging", "Queues in depth", "Good to know"),
        9,
        (Context(8, "Retention:"),),
    )
    assert framing(sentence) == "Queues in depth › Retention"
