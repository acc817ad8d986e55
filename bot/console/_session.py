"""The terminal tutor's read-answer loop: questions are asked of the notes, `/commands` do the rest."""

from __future__ import annotations

import asyncio
import getpass
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.console._render import Style, render_answer, render_grade, render_prompt, render_summary
from bot.errors import TutorbotError
from bot.knowledge.practice import CheckResult
from bot.pictures import leaderboard_text, mastery_text
from bot.service.picture_data import mastery_data, member_board_data
from bot.service.types import QuizRound, Who
from bot.tutor import Tutor

log = logging.getLogger(__name__)

LOCAL_GUILD = 0
HELP = """Ask any question about the notes, or use a command:
  /quiz [topic]        a short quiz round, graded as you type
  /review              the questions due for review
  /check [answers]     paste a practice question and its options, then an empty line:
                       what the notes say for each option, and the pick
  /streak  /stats      your streak, accuracy and topic mastery
  /leaderboard [week|month|all]
  /topics              the notes' top-level topics
  /help  /quit"""

ReadLine = Callable[[str], Awaitable[str | None]]
Write = Callable[[str], None]


class ConsoleSession:
    """One local member talking to the tutor; input and output are injected so tests can script them."""

    def __init__(self, tutor: Tutor, who: Who, read_line: ReadLine, write: Write, style: Style) -> None:
        self.tutor = tutor
        self.who = who
        self.read_line = read_line
        self.write = write
        self.style = style
        self.commands: dict[str, Callable[[str], Awaitable[None]]] = {
            "quiz": self.quiz,
            "review": self.review,
            "check": self.check,
            "streak": self.streak,
            "stats": self.stats,
            "leaderboard": self.leaderboard,
            "topics": self.topics,
            "help": self.help,
        }

    async def run(self) -> None:
        self.write(self.style.bold("tutorbot") + " — your study notes, ready for questions. Type /help for more.")
        while True:
            line = await self.read_line(self.style.accent("you> "))
            if line is None or line.strip() in {"/quit", "/exit"}:
                return
            if line.strip():
                await self.handle(line.strip())

    async def handle(self, line: str) -> None:
        """Run one line of input, turning the tutor's errors into friendly text."""
        try:
            if line.startswith("/"):
                name, _, rest = line[1:].partition(" ")
                command = self.commands.get(name.lower())
                if command is None:
                    self.write(f"Unknown command /{name}. " + HELP)
                    return
                await command(rest.strip())
            else:
                self.write(render_answer(await self.tutor.ask(line), self.style))
        except TutorbotError as error:
            self.write(self.style.bad(str(error)))

    async def help(self, _: str) -> None:
        self.write(HELP)

    async def topics(self, _: str) -> None:
        self.write("\n".join(f"  • {topic}" for topic in self.tutor.topics))

    async def quiz(self, topic: str) -> None:
        await self._play(await self.tutor.start_quiz(self.who, topic or None))

    async def review(self, _: str) -> None:
        round_ = await self.tutor.start_quiz(self.who, review=True, length=10)
        if not round_.prompts:
            self.write("Nothing is due for review. Try /quiz to learn something new.")
            return
        await self._play(round_)

    async def _play(self, round_: QuizRound) -> None:
        total = len(round_.prompts)
        for number, prompt in enumerate(round_.prompts, start=1):
            self.write(render_prompt(number, total, prompt, self.style))
            response = await self.read_line(self.style.accent("answer> "))
            if response is None or response.strip() in {"/quit", "/stop"}:
                break
            graded = await self.tutor.answer(self.who, prompt.id, response, round_.round_id)
            self.write(render_grade(graded, self.style))
        self.write(render_summary(await self.tutor.finish_round(self.who, round_.round_id), self.style))

    async def check(self, rest: str) -> None:
        """Read a pasted question up to an empty line (`/check 2` asks for two answers) and weigh its options."""
        select = int(rest) if rest.isdigit() else None
        lines = [rest] if rest and select is None else []
        self.write(self.style.dim("Paste the question and its options, then an empty line."))
        while (line := await self.read_line(self.style.accent("... "))) is not None and line.strip():
            lines.append(line)
        self.write(render_check(await self.tutor.check("\n".join(lines), select), self.style))

    async def streak(self, _: str) -> None:
        s = await self.tutor.streak(self.who)
        today = "studied today" if s.studied_today else "not studied yet today"
        self.write(f"Streak: {s.current} day(s), best {s.best}, freezes held {s.freezes_held} ({today}).")

    async def stats(self, _: str) -> None:
        stats = await self.tutor.stats(self.who)
        accuracy = f"{stats.accuracy:.0%}" if stats.accuracy is not None else "—"
        self.write(
            f"{stats.name}: {stats.points} points, {stats.correct}/{stats.answered} right ({accuracy}), "
            f"{stats.reviews_due} review(s) due, streak {stats.streak.current} (best {stats.streak.best})."
        )
        self.write(unfenced(mastery_text(mastery_data(stats))))

    async def leaderboard(self, period: str) -> None:
        board = await self.tutor.leaderboard(self.who.guild_id, period or "week")
        data = member_board_data(board, self.who.user_id, scope="This computer")
        self.write(unfenced(leaderboard_text(data)))


def render_check(result: CheckResult, style: Style) -> str:
    """Each option with its support, answer share and best evidence, then the pick or why there is none."""
    letters = [chr(ord("A") + i) for i in range(len(result.question.options))]
    blocks = []
    for index, option in enumerate(result.question.options):
        picked = style.good("  ← pick") if index in result.picks and not result.abstained else ""
        lines = [
            style.bold(f"{letters[index]}. {option}") + picked,
            style.dim(f"   support {result.support[index]:.2f} · answer share {result.scores[index]:.0%}"),
        ]
        for evidence in result.evidence[index][:1]:
            lines += [style.accent(f"   ▸ {evidence.citation.label}"), f"     “{evidence.quote}”"]
        blocks.append("\n".join(lines))
    if result.abstained:
        verdict = style.bad("The notes don't settle this: ") + result.reason
    else:
        picks = ", ".join(letters[i] for i in result.picks)
        verdict = style.good(f"Pick: {picks}") + style.dim(f" (confidence {result.confidence:.0%})")
    if result.question.negated:
        verdict += style.dim(" (the question asks what is NOT true: the pick is the least supported option)")
    return "\n\n".join(blocks) + "\n\n" + verdict


def unfenced(text: str) -> str:
    """A Discord code block's contents, for a terminal that needs no fence."""
    lines = text.strip().split("\n")
    if len(lines) >= 2 and lines[0].startswith("```") and lines[-1] == "```":
        lines = lines[1:-1]
    return "\n".join(lines)


def _readline_input(history: Path) -> ReadLine:
    """input() with readline history, run off the event loop."""
    try:
        import readline

        history.parent.mkdir(parents=True, exist_ok=True)
        if history.exists():
            readline.read_history_file(history)
        readline.set_history_length(1000)
    except (ImportError, OSError):
        readline = None  # type: ignore[assignment]

    async def read_line(prompt: str) -> str | None:
        try:
            line = await asyncio.to_thread(input, prompt)
        except (EOFError, KeyboardInterrupt):
            return None
        if readline is not None:
            try:
                readline.write_history_file(history)
            except OSError:
                log.debug("could not save the console history")
        return line

    return read_line


async def run_console(tutor: Tutor, history: Path) -> None:
    """The interactive terminal tutor for the local user."""
    who = Who(LOCAL_GUILD, 0, getpass.getuser() or "you", is_manager=True)
    session = ConsoleSession(tutor, who, _readline_input(history), print, Style.for_stream())
    await session.run()
