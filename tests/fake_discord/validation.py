"""Discord's checks on a message body (content and embeds), answered the way Discord does: 400 Invalid Form Body.

Limits: https://discord.com/developers/docs/resources/message#embed-object-embed-limits; media URLs
(image, thumbnail, author and footer icons) must be http(s) or `attachment://`, links (embed and author url)
http(s). Autocomplete results: at most 25 choices, each name 1-100 characters, each string value at most 100.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

CONTENT_LIMIT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_LIMIT = 6000
URL_LIMIT = 2048
TEXT_LIMITS = {"title": 256, "description": 4096}
FIELD_LIMITS = {"name": 256, "value": 1024}
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
AUTHOR_NAME_LIMIT = 256
MEDIA_URLS = (("image", "url"), ("thumbnail", "url"), ("author", "icon_url"), ("footer", "icon_url"))
LINK_URLS = (("url",), ("author", "url"))

CHOICES_LIMIT = 25
CHOICE_TEXT_LIMIT = 100

Errors = dict[str, Any]


def error_list(code: str, message: str) -> Errors:
    return {"_errors": [{"code": code, "message": message}]}


def url_problem(url: object, *, attachments: bool) -> Errors | None:
    """Discord's complaint about a URL in an embed, or None when it would accept it."""
    if not isinstance(url, str) or len(url) > URL_LIMIT:
        return error_list("URL_TYPE_INVALID_URL", "Not a well formed URL.")
    parts = urlsplit(url)
    allowed = ("http", "https", "attachment") if attachments else ("http", "https")
    if parts.scheme not in allowed:
        return error_list(
            "URL_TYPE_INVALID_SCHEME", f'Scheme "{parts.scheme}" is not supported. Scheme must be one of {allowed}.'
        )
    if not parts.netloc or any(c.isspace() for c in url):
        return error_list("URL_TYPE_INVALID_URL", "Not a well formed URL.")
    return None


def _dig(data: dict[str, Any], path: tuple[str, ...]) -> object:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _nest(path: tuple[str, ...], leaf: Errors) -> Errors:
    for key in reversed(path):
        leaf = {key: leaf}
    return leaf


def embed_errors(embed: dict[str, Any]) -> tuple[Errors, int]:
    """Problems in one embed (keyed like Discord's error object) and its character count toward the 6,000."""
    errors: Errors = {}
    for key, limit in TEXT_LIMITS.items():
        if len(embed.get(key) or "") > limit:
            errors[key] = error_list("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")
    fields = embed.get("fields") or []
    if len(fields) > FIELD_COUNT_LIMIT:
        errors["fields"] = error_list("BASE_TYPE_MAX_LENGTH", f"Must be {FIELD_COUNT_LIMIT} or fewer in length.")
    for index, field in enumerate(fields):
        for key, limit in FIELD_LIMITS.items():
            if not field.get(key) or len(field[key]) > limit:
                errors.setdefault("fields", {}).setdefault(str(index), {})[key] = error_list(
                    "BASE_TYPE_BAD_LENGTH", f"Must be between 1 and {limit} in length."
                )
    footer, author = embed.get("footer") or {}, embed.get("author") or {}
    if len(footer.get("text") or "") > FOOTER_LIMIT:
        errors["footer"] = error_list("BASE_TYPE_MAX_LENGTH", f"Must be {FOOTER_LIMIT} or fewer in length.")
    if len(author.get("name") or "") > AUTHOR_NAME_LIMIT:
        errors["author"] = error_list("BASE_TYPE_MAX_LENGTH", f"Must be {AUTHOR_NAME_LIMIT} or fewer in length.")
    for paths, attachments in ((MEDIA_URLS, True), (LINK_URLS, False)):
        for path in paths:
            url = _dig(embed, path)
            problem = None if url is None else url_problem(url, attachments=attachments)
            if problem is not None:
                errors.update(_nest(path, problem))
    size = sum(len(embed.get(key) or "") for key in TEXT_LIMITS)
    size += sum(len(f.get("name") or "") + len(f.get("value") or "") for f in fields)
    size += len(footer.get("text") or "") + len(author.get("name") or "")
    return errors, size


def message_errors(body: dict[str, Any]) -> Errors | None:
    """Discord's `errors` object for a message body (create, edit, interaction reply or followup), or None."""
    errors: Errors = {}
    if len(body.get("content") or "") > CONTENT_LIMIT:
        errors["content"] = error_list("BASE_TYPE_MAX_LENGTH", f"Must be {CONTENT_LIMIT} or fewer in length.")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_PER_MESSAGE:
        errors["embeds"] = error_list("BASE_TYPE_MAX_LENGTH", f"Must be {EMBEDS_PER_MESSAGE} or fewer in length.")
    total = 0
    for index, embed in enumerate(embeds):
        problems, size = embed_errors(embed)
        total += size
        if problems:
            errors.setdefault("embeds", {})[str(index)] = problems
    if total > EMBED_TOTAL_LIMIT:
        errors.setdefault("embeds", {}).update(
            error_list("MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL_LIMIT}")
        )
    return errors or None


def choices_errors(body: dict[str, Any]) -> Errors | None:
    """Discord's `errors` object for an autocomplete result's data (`{"choices": [...]}`), or None."""
    choices = body.get("choices")
    if not isinstance(choices, list):
        return {"choices": error_list("BASE_TYPE_REQUIRED", "This field is required")}
    if len(choices) > CHOICES_LIMIT:
        return {"choices": error_list("BASE_TYPE_MAX_LENGTH", f"Must be {CHOICES_LIMIT} or fewer in length.")}
    errors: Errors = {}
    for index, choice in enumerate(choices):
        problems: Errors = {}
        if not 1 <= len(str(choice.get("name") or "")) <= CHOICE_TEXT_LIMIT:
            problems["name"] = error_list(
                "BASE_TYPE_BAD_LENGTH", f"Must be between 1 and {CHOICE_TEXT_LIMIT} in length."
            )
        value = choice.get("value")
        if isinstance(value, str) and len(value) > CHOICE_TEXT_LIMIT:
            problems["value"] = error_list("BASE_TYPE_MAX_LENGTH", f"Must be {CHOICE_TEXT_LIMIT} or fewer in length.")
        if problems:
            errors[str(index)] = problems
    return {"choices": errors} if errors else None
