"""The quality checks of prompt candidates, on cases written for them."""

from __future__ import annotations

from bot.quiz.candidates import Candidate, framing
from bot.quiz.item import QuizItem
from bot.quiz.quality import Speller, assess, cuts_a_quantity, gives_away, side_words
from bot.quiz.sentences import Context, Sentence

NOTES = ["Queues keep messages until a consumer deletes them.", "A consumer polls the queue for messages."] * 3


def candidate(kind: str, question: str, answer: str, choices: tuple[str, ...] | None = None) -> Candidate:
    prompt = QuizItem("p", kind, question, answer, (), choices, "notes.md", ("T",), 1, 1, "T")
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
        candidate("cloze", "Queues — a consumer removes a processed message with _____", "DeleteMessage"), speller
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


def test_a_stem_an_acronym_spelled_out_or_a_sibling_name_gives_the_answer_away() -> None:
    acronyms = {"KMS": "Key Management Service"}
    assert gives_away("Regional", "when you buy it for a Region it is called a _____ reservation")
    assert gives_away("Zonal", "bought for one Availability Zone it is a _____ reservation")
    assert gives_away("SSE-KMS", "encryption that leverages the Key Management Service", acronyms)
    assert gives_away("CacheHitCount", "_____ and CacheMissCount metrics: efficiency of the cache")
    assert gives_away("TLS", "_____ refers to Transport Layer Security")
    assert gives_away("Subsegments", "X-Ray — if you need more details in your segment")
    assert gives_away(".ebextensions/", "Beanstalk extensions — files must be in the _____ directory")
    assert gives_away("single AZ", "One Zone — data is stored in a _____ (lost if the AZ is destroyed)")
    assert not gives_away("Memcached", "ElastiCache — a managed Redis or _____")
    assert gives_away("single Docker container", "Single Container Mode — run your application as a _____")
    assert not gives_away("buildspec.yml", "Build instructions can be defined in code (in the _____ file)")
    # an identifier needs more than half of its parts shown, or one written in capitals and only plain English left
    # to guess; words every choice shares tell nothing
    assert not gives_away("DELETE_FAILED", "RDS has delete protection so the stack ends in a _____ state")
    assert not gives_away("DescribeInstances", "the _____ API call is limited to 100 calls per second")
    assert gives_away("PutRecord", "_____ accepts 1000 PUT requests per second per shard")
    assert not gives_away("PutRecord", "_____ accepts 1000 writes per second per shard")
    assert not gives_away("Step Scaling", "Auto Scaling — scale based on alarms", shared={"scaling"})
    assert gives_away("Step Scaling", "Auto Scaling — scale based on alarms")


def test_a_quantity_the_question_already_states_is_no_question() -> None:
    speller = Speller(NOTES)
    converted = candidate("numeric", "Limits — Maximum execution time: 900 seconds (_____)", "15 minutes")
    assert assess(converted, speller) is None
    assert assess(candidate("numeric", "Deployments — Half at a time: _____", "50%"), speller) is None
    assert assess(candidate("numeric", "Canary — shift traffic until _____", "100%"), speller) is None
    assert assess(candidate("numeric", "Limits — Maximum execution time is _____", "15 minutes"), speller) is not None


def test_list_items_glued_blanks_and_rough_ranges_are_not_questions() -> None:
    speller = Speller(NOTES)
    faulty = [
        ("Consistency — strong consistency for all _____, PUT, and LIST operations", "GET"),
        ("URLs — the URL grants the permissions of its creator for _____ / PUT", "GET"),
        ("KMS — the quota is either 5500, 10000, or _____ depending on the region", "30000"),
        ("Reads — use byte-range fetches to parallelize _____s", "GET"),
        ("Performance — high request rates (latency 100 - _____)", "200 ms"),
        ("Volumes — Size range: _____ - 16 TiB", "500 GiB"),  # the low end of a range
        ("Checks — about one request every _____", "2 seconds"),  # a rough figure
        ("Daemon — run it with a configuration file (in _____)", ".ebextensions/daemon.config"),  # one file's path
    ]
    for question, answer in faulty:
        assert assess(candidate("cloze", question, answer), speller) is None, question
    limit = candidate("numeric", "Volumes — Volume size ranges from 1 GiB to _____", "16 TiB")
    assert assess(limit, speller) is not None


def test_answers_cut_mid_phrase_or_with_a_misspelt_unit_are_refused() -> None:
    speller = Speller(NOTES)
    cut = candidate("cloze", "Tasks — placed by the constraints of _____ and port", "CPU, memory,")
    assert assess(cut, speller) is None
    assert assess(candidate("numeric", "Delay — the delay can be up to _____", "15 minuted"), speller) is None
    assert assess(candidate("numeric", "Delay — the delay can be up to _____", "15 minutes"), speller) is not None


def test_slips_in_capitalised_and_short_words_and_in_choices_are_found() -> None:
    speller = Speller(NOTES)
    assert speller.misspelt("Discared messages go to a queue") == ["Discared"]
    assert speller.misspelt("less latency (vs 400 ms fo the other)") == ["fo"]
    choices = ("Great combinatin", "Spot", "On Demand")
    slip = candidate(
        "multiple_choice", "Instances — which term is described? “reserved for baseline”", choices[0], choices
    )
    assert assess(slip, speller) is None


def test_multiple_choice_choices_may_not_appear_in_the_question() -> None:
    speller = Speller(NOTES)
    named = candidate(
        "multiple_choice",
        "Deployments — which term is described? “EC2 / On-Premise or Lambda”",
        "Compute platform",
        ("Compute platform", "EC2 / On-Premise", "Deployment group", "Service role"),
    )
    assert assess(named, speller) is None


def test_plain_lower_case_phrases_and_pairs_are_vague_blanks() -> None:
    speller = Speller(NOTES)
    sharp = assess(candidate("cloze", "Queues — a consumer polls for new work with _____", "ReceiveMessage"), speller)
    phrase = assess(candidate("cloze", "Databases — the application uses _____ to reach it", "one DNS name"), speller)
    pair = assess(candidate("cloze", "Throttling — limits can be set per API _____", "Stage and Method"), speller)
    assert sharp is not None and phrase is not None and pair is not None
    assert phrase.score < sharp.score and pair.score < sharp.score


def test_a_choice_alone_in_sharing_a_word_with_the_question_is_singled_out() -> None:
    speller = Speller(NOTES)
    choices = ("ReceiveMessageWaitTimeSeconds", "ChangeMessageVisibility", "PurgeQueue", "DeleteMessage")
    asked = candidate(
        "multiple_choice", "Queues — which term is described? “how long we wait for messages”", choices[0], choices
    )
    assert assess(asked, speller) is None


def test_common_one_word_answers_are_vague_and_rarer_plain_words_less_so() -> None:
    speller = Speller(NOTES)
    common = assess(candidate("cloze", "Errors — it is the _____ itself who caused the problem", "server"), speller)
    rare = assess(
        candidate("cloze", "Replicas — _____ replication keeps read replicas eventually consistent", "asynchronous"),
        speller,
    )
    named = assess(
        candidate("cloze", "Replicas — reads go through the _____ of the cluster", "ReaderEndpoint"), speller
    )
    assert common is not None and rare is not None and named is not None
    assert common.score < rare.score < named.score
