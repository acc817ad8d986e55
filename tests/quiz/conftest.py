"""Fixtures for the quiz tests: a small hand-written set of notes and an embedding that needs no model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.knowledge.chunking import Chunk, chunk_documents
from bot.knowledge.corpus import Document
from bot.quiz.generation import generate_prompts
from bot.quiz.item import QuizItem

NOTES = """\
# Queues

## Simple Queue Service (SQS)

- Simple Queue Service (SQS) is a fully managed message queue
- Default retention of messages is `4` days, maximum is `14` days
- Messages up to `256` KB are accepted by every queue
- A consumer that is slow can extend the **visibility timeout** of a message it is processing
- Use the `ReceiveMessage` API call to poll messages from a queue in batches
- Use the `DeleteMessage` API call to remove a processed message from its queue
- Use the `SendMessage` API call to put a new message into a queue
- Use the `PurgeQueue` API call to empty a queue of all of its messages

![](https://example.com/queue-diagram.png)

Read more [here](https://example.com/sqs).

```
aws sqs send-message --queue-url QUEUE_SECRET_URL --message-body hello
```

## SQS Delivery Modes

**Standard queue**: unlimited throughput with at least once delivery of each message

**FIFO queue**: exactly once processing with messages kept in the order they were sent

**Delay queue**: postpones the delivery of new messages to consumers for a number of seconds

**Dead-letter queue**: keeps the messages that consumers failed to process after several receives

# Storage

## EBS vs Instance Store

- Instance Store is physically attached to the machine that hosts the instance
- Instance Store gives very high disk performance but its data is lost on a hardware failure
- EBS volumes survive a stop and start of the instance they are attached to
- Instance Store data is lost whenever its instance is stopped or terminated

## EBS Volume Types

- `gp2` volumes give a baseline of `3` IOPS per GB of provisioned volume size
- `gp3` volumes reach a baseline of `3000` IOPS whatever the size of the volume
- `io2` volumes are meant for critical databases that need sustained high IOPS
- An EBS volume can be attached to only one instance at a time by default
- Snapshots of EBS volumes are stored in **Amazon S3** behind the scenes
"""


def fake_embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors from character trigrams: similar spellings land close, like a tiny embedding model."""
    vectors = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        padded = f"  {text.lower()}  "
        for i in range(len(padded) - 2):
            vectors[row, hashlib.md5(padded[i : i + 3].encode()).digest()[0] % 64] += 1.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


@pytest.fixture(scope="session")
def notes_lines() -> dict[str, tuple[str, ...]]:
    return {"notes/queues.md": tuple(NOTES.splitlines())}


@pytest.fixture(scope="session")
def notes_chunks(notes_lines: dict[str, tuple[str, ...]]) -> list[Chunk]:
    return chunk_documents([Document(source, lines) for source, lines in notes_lines.items()])


@pytest.fixture(scope="session")
def small_prompts(notes_chunks: list[Chunk], notes_lines: dict[str, tuple[str, ...]]) -> list[QuizItem]:
    return generate_prompts(notes_chunks, fake_embed, notes_lines, min_score=0.0)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]
