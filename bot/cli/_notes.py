"""`tutorbot notes add|list|remove|default|download --guild ID`: a server's own notes from the command line.

The same service as `/notes` in Discord (bot.uploads.service): files are read before they are kept, kept in the
database, and the server's index is built at once (in this process): searchable first, then complete with the
quiz questions made from the new files (the command returns once both are recorded).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.cli._common import add_location_flags, fail, print_json, settings_from, with_server_notes
from bot.errors import UploadRefused
from bot.uploads.service import Listing, ServerNotes, listing_state
from bot.wording import plural

CLI_MEMBER = 0  # who uploaded, for files added from the command line


def register(subparsers: argparse._SubParsersAction) -> None:
    notes = subparsers.add_parser("notes", help="a server's own notes: add, list, remove, download")
    actions = notes.add_subparsers(dest="notes_command", required=True)

    def action(name: str, help: str) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=help)
        parser.add_argument("--guild", type=int, required=True, metavar="ID", help="the server's id")
        add_location_flags(parser)
        return parser

    add = action("add", "upload notes files (.md, .txt, .pdf, .docx) and build the server's index")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.set_defaults(func=run_add)
    listing = action("list", "the server's files: name, size, passages, when and by whom")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.set_defaults(func=run_list)
    remove = action("remove", "remove a file and its passages and quiz questions (members' history stays)")
    remove.add_argument("name", help="the file's name as `notes list` shows it")
    remove.set_defaults(func=run_remove)
    default = action("default", "whether the default notes stay in the server's library")
    default.add_argument("state", choices=("on", "off"))
    default.set_defaults(func=run_default)
    download = action("download", "write a file as it was uploaded")
    download.add_argument("name", help="the file's name as `notes list` shows it")
    download.add_argument("-o", "--output", type=Path, help="where to write it (default: its name, here)")
    download.set_defaults(func=run_download)


async def _say(line: str) -> None:
    print(line, file=sys.stderr)


def run_add(args: argparse.Namespace) -> int:
    try:
        uploads = [(path.name, path.read_bytes()) for path in args.files]
    except OSError as error:
        return fail(f"cannot read {error.filename}: {error.strerror}")

    async def work(notes: ServerNotes) -> int:
        await notes.check_sizes(args.guild, {name: len(data) for name, data in uploads})
        outcome = await notes.add(args.guild, uploads, CLI_MEMBER, _say)
        for refusal in outcome.refused:
            print(f"refused: {refusal}", file=sys.stderr)
        if outcome.build is not None:
            for name in outcome.added:
                print(f"added {name}: {plural(outcome.build.passages.get(name, 0), 'passage')}")
            if not outcome.build.complete:
                await _say("Searchable now; making the quiz questions of the new files…")
        return 1 if outcome.refused else 0

    try:
        return asyncio.run(with_server_notes(settings_from(args), work))
    except UploadRefused as refusal:
        return fail(str(refusal), code=1)


def listing_json(guild_id: int, listing: Listing) -> dict:
    """The stable `notes list --json` contract."""
    return {
        "guild": guild_id,
        "include_default": listing.include_default,
        "up_to_date": listing.up_to_date,
        "quiz_ready": listing.quiz_ready,
        "build_failed_at": listing.build_failed_at.isoformat() if listing.build_failed_at else None,
        "quiz_failed_at": listing.quiz_failed_at.isoformat() if listing.quiz_failed_at else None,
        "files": [
            {
                "name": f.name,
                "size": f.size,
                "pages": f.pages,
                "passages": f.passages,
                "uploaded_by": f.uploaded_by,
                "uploaded_at": f.uploaded_at.isoformat(),
                "sha256": f.sha256,
            }
            for f in listing.files
        ],
    }


def run_list(args: argparse.Namespace) -> int:
    listing = asyncio.run(with_server_notes(settings_from(args), lambda notes: notes.listing(args.guild)))
    if args.json:
        print_json(listing_json(args.guild, listing))
        return 0
    default = "with" if listing.include_default else "without"
    print(f"Server {args.guild}: {plural(len(listing.files), 'file')}, {default} the default notes.")
    for f in listing.files:
        passages = "not built yet" if f.passages is None else plural(f.passages, "passage")
        print(f"  {f.name}  {f.size:,} bytes  {passages}  {f.uploaded_at:%Y-%m-%d %H:%M} UTC by {f.uploaded_by}")
    state = listing_state(listing, lambda at: f"{at:%Y-%m-%d %H:%M} UTC", "`tutorbot notes add`")
    if state is not None:
        print(state[1])
    return 0


def run_remove(args: argparse.Namespace) -> int:
    asyncio.run(with_server_notes(settings_from(args), lambda notes: notes.remove(args.guild, args.name)))
    print(f"removed {args.name}")
    return 0


def run_default(args: argparse.Namespace) -> int:
    include = args.state == "on"
    asyncio.run(with_server_notes(settings_from(args), lambda notes: notes.include_default(args.guild, include)))
    print(f"default notes {args.state}")
    return 0


def run_download(args: argparse.Namespace) -> int:
    content = asyncio.run(with_server_notes(settings_from(args), lambda notes: notes.download(args.guild, args.name)))
    target = args.output or Path(Path(args.name).name)
    target.write_bytes(content)
    print(f"wrote {target} ({len(content):,} bytes)", file=sys.stderr)
    return 0
