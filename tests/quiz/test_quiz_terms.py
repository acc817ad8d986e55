from __future__ import annotations

from bot.knowledge.analysis.sentences import notes_sentences
from bot.quiz.sentences import code_lines, enclosing
from bot.quiz.terms import acronym_map, key_terms, names_pattern


def test_acronyms_are_read_both_ways_and_digits_count_as_repeats() -> None:
    found = acronym_map(
        [
            "Simple Queue Service (SQS) is a queue",
            "MFA (Multi Factor Authentication) can be set up",
            "Amazon Elastic Compute Cloud (EC2) rents machines",
            "Redis (Replication) is not an acronym",
            "the Amazon Elastic Block Store (Amazon EBS) volume",
        ]
    )
    assert found == {
        "SQS": "Simple Queue Service",
        "MFA": "Multi Factor Authentication",
        "EC2": "Elastic Compute Cloud",
        "EBS": "Elastic Block Store",
    }


def test_key_terms_take_bold_code_and_quantities_but_not_labels_or_stop_words() -> None:
    text = "**Note:** the **visibility timeout** of `ReceiveMessage` is **not** above `12` hours in us-east-1"
    terms = {(t.text, t.kind) for t in key_terms(text)}
    assert terms == {("visibility timeout", "phrase"), ("ReceiveMessage", "code"), ("12 hours", "number")}


def test_examples_and_ordinals_are_not_terms() -> None:
    assert key_terms("Pick a region (e.g., `us-east-1`) for the `3rd` bucket") == []


def test_known_names_are_found_as_whole_words() -> None:
    pattern = names_pattern(["Simple Queue Service", "SQS"])
    texts = [t.text for t in key_terms("Simple Queue Service and xSQS and SQS", pattern)]
    assert texts == ["Simple Queue Service", "SQS"]


def test_sentences_keep_abbreviations_together() -> None:
    assert notes_sentences("Use a queue (e.g. SQS). It scales. Costs vs. benefits matter.") == [
        "Use a queue (e.g. SQS).",
        "It scales.",
        "Costs vs. benefits matter.",
    ]


def test_code_blocks_and_liquid_blocks_are_skipped() -> None:
    lines = ["text", "```", "code", "```", "{% highlight c %}", "more", "{% endhighlight %}", "after"]
    assert code_lines(lines) == {2, 3, 4, 5, 6, 7}


def test_a_list_item_is_framed_by_its_parents_and_pseudo_heading() -> None:
    lines = ["## Heading", "**Pros and cons**", "", "- Instance Store cons:", "  - Data survives only reboots"]
    assert [c.text for c in enclosing(lines, 5, set())] == ["**Pros and cons**", "Instance Store cons:"]
