"""Named markdown strippers: which marks each takes out of which text, and why they differ.

| stripper | text | takes out | keeps |
| --- | --- | --- | --- |
| `plain_heading` | a heading's title | images, link URLs, ** __ * _ ` | link labels |
| `without_emphasis` | a notes line read for quantity | ** __ * _ ` |  |
| `without_bold_or_code` | a notes sentence (quiz items) | ** __ ` | single * and _ |
| `quote_text` | a quote under a practice check | ** ` | __ * _ |
| `folded` | notes text, a phrase to find | runs of * _ ` ; case; repeated whitespace |  |
| `unmarked_question` | a member's question | runs of * _ ` ~ > and pipes, each a space |  |

and, elsewhere, `bot.knowledge.markdown.clean_line` (a notes line before chunking: images and bare or noise links
out, emphasis kept for display), and the quiz's answer comparison, which reads answers rather than markdown
(`bot/quiz/normalise.py` and `term_match.py` take out ** __ ` * ~, normalise `_` too; `grading.py` ` and *).

Deliberate differences: a heading is a title, never code, so every emphasis mark goes; so do they from a line
read for the kind of quantity it gives (bot/knowledge/answer_types.py: "**15** minutes" gives a duration). A notes
sentence keeps a single `*` or `_` because names and patterns hold them (`snake_case`, `*.log`); bold and code
marks go so a quiz item reads as prose. `folded` is for finding a phrase word for word in the notes whatever
their marks, so it also folds case and spacing. A member's marks are replaced by a space, not removed, because
members glue them to words ("**queue**vs`topic`"), and '|' and '>' are Discord's spoiler and quote marks. One
difference is kept only so that results stay identical: a quote under a practice check keeps `__` where a quiz
sentence drops it.
"""

from __future__ import annotations

import re

IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]*)[^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
BOLD_OR_CODE = re.compile(r"\*\*|__|`")
QUOTE_MARKS = re.compile(r"\*\*|`")
FOLDED_MARKS = re.compile(r"[*_`]+")
QUESTION_MARKS = re.compile(r"[*_`~|>]+")


def plain_heading(text: str) -> str:
    """A heading's title without images, link URLs (the label stays) or emphasis marks, stripped."""
    text = IMAGE.sub("", text)
    text = LINK.sub(lambda m: m.group(1), text)
    return without_emphasis(text).strip()


def without_emphasis(text: str) -> str:
    """`text` without any emphasis or code mark (`**`, `__`, `*`, `_`, backticks), not stripped."""
    return EMPHASIS.sub("", text)


def without_bold_or_code(markdown: str) -> str:
    """A notes sentence without bold or code marks (`**`, `__`, backticks), stripped."""
    return BOLD_OR_CODE.sub("", markdown).strip()


def quote_text(text: str) -> str:
    """Notes lines quoted under a practice check, without `**` or backticks (not stripped)."""
    return QUOTE_MARKS.sub("", text)


def folded(text: str) -> str:
    """Lower-cased, without `*`, `_` or backticks, whitespace collapsed to single spaces."""
    return " ".join(FOLDED_MARKS.sub("", text.lower()).split())


def unmarked_question(text: str) -> str:
    """A member's question with each run of markdown or Discord marks (`* _ ` ~ | >`) replaced by a space."""
    return QUESTION_MARKS.sub(" ", text)
