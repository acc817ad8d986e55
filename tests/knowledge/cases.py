"""Questions written for these tests (not from the shared eval sets) and the notes line that answers each."""

from __future__ import annotations

from bot.knowledge.corpus import Document

# (question, words of the notes line that answers it); line numbers are looked up, so they stay true.
CASES = [
    ("How long can SQS long polling wait for messages?", "The wait time can be between `1` second to `20` seconds"),
    ("What is the default deregistration delay for a load balancer?", "The **default is `300` seconds**"),
    ("How much memory can a Lambda function be given?", "Memory allocation: 128 MB - 3008 MB"),
    ("How big can a single SQS message be?", "Message size limit is `256KB` in SQS"),
    ("What is the maximum size of the Lambda tmp directory?", "Max size is `512MB`"),
    ("How long is the default scaling cooldown of an auto scaling group?", "default cooldown period of `300` seconds"),
]
TYPOS = [
    ("how long is the conection draning delay by defualt", "The **default is `300` seconds**"),
    ("maximum sise of an sqs mesage", "Message size limit is `256KB` in SQS"),
]


def answer_line(notes: Document, words: str) -> int:
    """The number of the one line of the notes that contains `words`."""
    (number,) = [n for n, line in enumerate(notes.lines, start=1) if words in line]
    return number
