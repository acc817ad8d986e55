"""The terminal tutor's read-answer loop: questions are asked of the notes, commands do the rest.

Ctrl-C stops what is going on (an answer being worked out, a quiz round, a half-typed line); a second Ctrl-C in a
row, or Ctrl-D, ends the session with a goodbye.
"""

from __future__ import annotations

import asyncio
import getpass
import signal
import sys
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from rich.console import RenderableType
from rich.markup import escape
from rich.text import Text

from bot.console._input import Interrupted, ReadLine, stream_reader, terminal_reader
from bot.console._mock import render_mock_report, take_mock
from bot.console._render import (
    marked,
    render_answer,
    render_check,
    render_grade,
    render_prompt,
    render_summary,
    render_table,
    terminal_console,
)
from bot.errors import TutorbotError, UnusableAnswer
from bot.exam.dates import split_date_and_name
from bot.pictures import leaderboard_table, mastery_table, readiness_table
from bot.quiz.item import QuizItem
from bot.quiz.report_reason import ReportReason
from bot.service.exam_domains import NO_DOMAIN, domain_listing
from bot.service.exams import countdown_line, plan_lines
from bot.service.followups import Conversation
from bot.service.picture_data import mastery_data, member_board_data
from bot.service.readiness import readiness_data
from bot.service.reports import REPORT_REASONS
from bot.service.types import QuizRound, Who
from bot.tutor import Tutor
from bot.wording import plural, time_zone_line

LOCAL_GUILD = 0
HELP = """Ask any question about the notes, or use a command (the slash is optional):
  /quiz [topic]        a short quiz round, graded as you type (/skip a question, /stop the round)
  /review              the questions due for review
  /check [answers]     paste a practice question and its options, then an empty line:
                       what the notes say for each option, and the pick
  /again               study the last question set aside (failed too often) again
  /report wrong|ambiguous|notes   report the last question asked (it is then left out of your quizzes)
  /streak  /stats      your streak, accuracy and topic mastery
  /leaderboard [week|month|all]
  /timezone [zone]     the time zone your study days follow; set it (e.g. Europe/Berlin, or server)
  /exam [set DATE [NAME] | clear | result passed|failed [SCORE]]   your exam date and countdown
  /mock [questions] [minutes]   a timed mock exam (the exam's shape by default); /mock report: the last report
  /exam readiness      your readiness stage by its rule, with each exam domain
  /exam domains        the exam's domains and the notes' sections in each; /exam move SECTION = DOMAIN (or none),
                       /exam reset [SECTION] to undo moves
  /drill               a round on your weak spots: recent misses, weakest domains, leeches
  /topics              the topics you can quiz yourself on
  /help  /quit         Ctrl-C stops an answer or a round; Ctrl-C twice or Ctrl-D quits"""
EXAM_USAGE = (
    "  /exam  /exam set 2027-03-14 [name]  /exam clear  /exam readiness  /exam result passed|failed [score]\n"
    "  /exam domains  /exam move SECTION = DOMAIN  /exam reset [SECTION]"
)
REPORT_WORDS = {"notes": ReportReason.NOT_IN_NOTES} | {reason.value: reason for reason in ReportReason}
QUIT_WORDS = frozenset({"quit", "exit", "bye"})
STOP_WORDS = frozenset({"stop", "quit", "exit"})  # inside a quiz round: end the round
SKIP_WORDS = frozenset({"skip", "pass"})
GOODBYE = "Goodbye — good luck with your studies!"
ANSWER_HINT = "Type an answer, /skip to skip this question, or /stop to end the round."

Write = Callable[[RenderableType], None]
T = TypeVar("T")


def command_word(text: str) -> str | None:
    """`quit` for `/quit`, `quit` or `Quit!`: a slash, or a single word alone on the line."""
    words = text.strip().split()
    if words and words[0].startswith("/"):
        return words[0][1:].lower()
    if len(words) == 1:
        return words[0].rstrip("!.?").lower()
    return None


class ConsoleSession:
    """One local member talking to the tutor; input and output are injected so tests can script them."""

    def __init__(self, tutor: Tutor, who: Who, read_line: ReadLine, write: Write) -> None:
        self.tutor = tutor
        self.who = who
        self.read_line = read_line
        self.write = write
        self._running: asyncio.Task[Any] | None = None
        self._set_aside: QuizItem | None = None  # the last question set aside as a leech, for /again
        self._asked: QuizItem | None = None  # the last question asked, for /report
        self.commands: dict[str, Callable[[str], Awaitable[None]]] = {
            "quiz": self.quiz,
            "review": self.review,
            "again": self.again,
            "report": self.report,
            "check": self.check,
            "streak": self.streak,
            "stats": self.stats,
            "leaderboard": self.leaderboard,
            "timezone": self.timezone,
            "exam": self.exam,
            "mock": self.mock,
            "drill": self.drill,
            "topics": self.topics,
            "help": self.help,
        }

    async def run(self) -> None:
        self.write(marked("[bold]tutorbot[/] — your study notes, ready for questions. Type help for the commands."))
        interrupted = False
        while True:
            try:
                line = await self.interruptible(self.read_line("you> "))
                if line is None or command_word(line) in QUIT_WORDS:
                    break
                interrupted = False
                if line.strip():
                    await self.interruptible(self.handle(line.strip()))
            except Interrupted:
                if interrupted:
                    break
                interrupted = True
                self.write(marked("[dim]Stopped. (Ctrl-C again or Ctrl-D to quit.)[/]"))
        self.write(Text(GOODBYE))

    def interrupt(self) -> None:
        """Ctrl-C outside the line editor (SIGINT): cancel what is running."""
        if self._running is not None:
            self._running.cancel()

    async def interruptible(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` so that `interrupt` cancels it; its cancellation is raised as Interrupted."""
        task = asyncio.ensure_future(work)
        self._running = task
        try:
            return await task
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # the session itself is being cancelled
            raise Interrupted from None
        finally:
            self._running = None

    async def handle(self, line: str) -> None:
        """Run one line of input (a command, or a question, pasted over several lines or not)."""
        try:
            name = command_word(line)
            if name is not None and (line.startswith("/") or name in self.commands):
                command = self.commands.get(name)
                if command is None:
                    self.write(Text(f"Unknown command /{name}.\n{HELP}"))
                    return
                rest = line[1 + len(name) :] if line.startswith("/") else ""  # `quiz!` alone takes no topic
                await command(rest.strip())
            else:
                where = Conversation(self.who.guild_id, 0, self.who.user_id)
                self.write(render_answer(await self.tutor.ask(" ".join(line.split()), where=where)))
        except TutorbotError as error:
            self.write(marked(f"[red]{escape(str(error))}[/]"))

    async def help(self, _: str) -> None:
        self.write(Text(HELP))

    async def topics(self, _: str) -> None:
        counts = await self.tutor.quiz_topic_sizes(self.who.guild_id)
        self.write(Text("\n".join(f"  • {topic} ({plural(n, 'question')})" for topic, n in counts.items())))

    async def quiz(self, topic: str) -> None:
        await self._play(await self.tutor.start_quiz(self.who, topic or None))

    async def review(self, _: str) -> None:
        round_ = await self.tutor.start_quiz(self.who, review=True)
        if not round_.prompts:
            self.write(Text("Nothing is due for review. Try /quiz to learn something new."))
            return
        await self._play(round_)

    async def _play(self, round_: QuizRound) -> None:
        """Ask each question until it gets a usable answer or is skipped; /stop or Ctrl-C ends the round early.

        The summary is shown however the round ends; Ctrl-C then goes on up (Interrupted) to the session.
        """
        total = len(round_.prompts)
        try:
            for number, prompt in enumerate(round_.prompts, start=1):
                self.write(render_prompt(number, total, prompt))
                self._asked = prompt
                if not await self._answer(prompt, round_.round_id):
                    return
        finally:
            self.write(render_summary(await self.tutor.finish_round(self.who, round_.round_id)))

    async def _answer(self, prompt: QuizItem, round_id: str) -> bool:
        """Read answers to one question until one is usable, or it is skipped; False when the round should end."""
        while True:
            response = await self.read_line("answer> ")
            if response is None:
                return False
            text = response.strip()
            word = command_word(text) if text.startswith("/") else None
            if word in STOP_WORDS:
                return False
            if word in SKIP_WORDS:
                self.write(marked(f"[dim]Skipped: the answer is {escape(prompt.answer)}.[/]"))
                return True
            if not text or word is not None:
                self.write(marked(f"[dim]{ANSWER_HINT}[/]"))
                continue
            try:
                graded = await self.tutor.answer(self.who, prompt.id, text, round_id)
            except UnusableAnswer as problem:
                self.write(marked(f"[yellow]{escape(str(problem))}[/] [dim]{ANSWER_HINT}[/]"))
                continue
            self.write(render_grade(graded))
            if graded.set_aside is not None:
                self._set_aside = prompt
            return True

    async def again(self, _: str) -> None:
        if self._set_aside is None:
            self.write(Text("No question has been set aside in this session."))
            return
        prompt = await self.tutor.study_again(self.who, self._set_aside.id)
        self._set_aside = None
        self.write(Text(f"Back in your reviews: {prompt.question}"))

    async def report(self, reason: str) -> None:
        """Report the last question asked: `wrong`, `ambiguous` or `notes` (not in the notes)."""
        key = REPORT_WORDS.get(reason.strip().lower())
        if self._asked is None:
            self.write(Text("No question has been asked yet: /report comes after a quiz question."))
            return
        if key is None:
            self.write(Text("Say what is wrong: /report wrong, /report ambiguous or /report notes (not in the notes)."))
            return
        outcome = await self.tutor.report(self.who, self._asked.id, key)
        if not outcome.new:
            self.write(Text("You have reported that question already."))
        else:
            left_out = " It is left out of your quizzes from now on." if outcome.suspended else ""
            self.write(Text(f"Reported: {REPORT_REASONS[key].lower()}.{left_out}"))

    async def check(self, rest: str) -> None:
        """Read a pasted question up to an empty line (`/check 2` asks for two answers) and weigh its options."""
        first, _, pasted = rest.partition("\n")
        select = int(first) if first.strip().isdigit() else None
        lines = [first] if first and select is None else []
        if pasted:
            lines.append(pasted)  # pasted in one go after the command: nothing more to read
        else:
            self.write(marked("[dim]Paste the question and its options, then an empty line.[/]"))
            while (line := await self.read_line("... ")) is not None and line.strip():
                lines.append(line)
        self.write(render_check(await self.tutor.check("\n".join(lines), select, guild_id=self.who.guild_id)))

    async def streak(self, _: str) -> None:
        s = await self.tutor.streak(self.who)
        today = "studied today" if s.studied_today else "not studied yet today"
        self.write(
            Text(
                f"Streak: {plural(s.current, 'day')}, best {plural(s.best, 'day')}, "
                f"{plural(s.freezes_held, 'freeze')} held ({today})."
            )
        )

    async def stats(self, _: str) -> None:
        stats = await self.tutor.stats(self.who)
        accuracy = f"{stats.accuracy:.0%}" if stats.accuracy is not None else "—"
        self.write(
            Text(
                f"{stats.name}: {plural(stats.points, 'point')}, {stats.correct}/{stats.answered} right ({accuracy}), "
                f"{plural(stats.reviews_due, 'review')} due, streak {plural(stats.streak.current, 'day')} "
                f"(best {plural(stats.streak.best, 'day')})."
            )
        )
        if stats.exam is not None and (countdown := countdown_line(stats.exam)):
            self.write(Text(f"Exam: {countdown}."))
        self.write(render_table(mastery_table(mastery_data(stats))))

    async def leaderboard(self, period: str) -> None:
        board = await self.tutor.leaderboard(self.who.guild_id, period or "week")
        data = member_board_data(board, self.who.user_id, scope="This computer")
        self.write(render_table(leaderboard_table(data)))

    async def exam(self, rest: str) -> None:
        """`/exam` shows the exam dates; `/exam set DATE [NAME]`, `/exam clear`, `/exam result passed|failed [N]`."""
        action, _, arguments = rest.partition(" ")
        action = action.lower()
        if action == "set":
            when, name = split_date_and_name(arguments)
            plan = await self.tutor.set_exam(self.who, when, name)
        elif action == "clear":
            plan = await self.tutor.clear_exam(self.who)
        elif action == "result":
            outcome, _, score = arguments.strip().partition(" ")
            if score.strip() and not score.strip().isdigit():
                self.write(Text("The score is a whole number, e.g. /exam result passed 812."))
                return
            await self.tutor.record_exam_result(self.who, outcome.lower(), int(score) if score.strip() else None)
            self.write(Text(f"Recorded: {outcome.lower()}."))
            return
        elif action == "readiness":
            ready = await self.tutor.exam_readiness(self.who)
            self.write(Text(f"Readiness: {ready.stage}. {' '.join(ready.reasons)}\nThe rule: {ready.rule}"))
            self.write(render_table(readiness_table(readiness_data(self.who.name, ready))))
            return
        elif action in ("domains", "move", "reset"):
            await self.exam_domains(action, arguments.strip())
            return
        elif not action:
            plan = await self.tutor.exam_plan(self.who)
        else:
            self.write(Text(f"Use one of:\n{EXAM_USAGE}"))
            return
        self.write(Text("\n".join(plan_lines(plan)) or "No exam date set: /exam set 2027-03-14 [name]."))

    async def exam_domains(self, action: str, arguments: str) -> None:
        """`/exam domains` lists them; `/exam move SECTION = DOMAIN` moves a section; `/exam reset [SECTION]`."""
        if action == "move":
            section, equals, domain = arguments.partition("=")
            if not equals:
                self.write(Text(f"Write /exam move SECTION = DOMAIN (or = {NO_DOMAIN})."))
                return
            domains = await self.tutor.move_exam_section(self.who, section, domain)
        elif action == "reset":
            domains = await self.tutor.reset_exam_sections(self.who, arguments or None)
        else:
            domains = await self.tutor.server_exam_domains(self.who.guild_id)
        for name, sections in domain_listing(domains, await self.tutor.topics(self.who.guild_id)):
            self.write(Text("\n".join([name, *(f"  • {s}" for s in sections)])))

    async def drill(self, _: str) -> None:
        drill = await self.tutor.start_drill(self.who)
        if not drill.prompts:
            self.write(Text("Nothing to drill yet: answer some quiz questions or take a mock exam (/mock) first."))
            return
        await self._play(drill)

    async def mock(self, rest: str) -> None:
        """`/mock [questions] [minutes]` starts (or resumes) a mock exam; `/mock report` shows the last report."""
        words = rest.split()
        if words[:1] == ["report"]:
            self.write(render_mock_report(await self.tutor.mocks.last_report(self.who)))
            return
        if not all(w.isdigit() for w in words) or len(words) > 2:
            self.write(Text("Use /mock [questions] [minutes], e.g. /mock 20 40, or /mock report."))
            return
        sizes: list[int | None] = [int(w) for w in words] + [None, None]
        session = await self.tutor.mocks.start(self.who, sizes[0], sizes[1])
        await take_mock(self.tutor, self.who, session, self.read_line, self.write)

    async def timezone(self, zone: str) -> None:
        zones = await (self.tutor.set_time_zone(self.who, zone) if zone else self.tutor.time_zones(self.who))
        self.write(Text(time_zone_line(zones.own, zones.server, zones.local_now)))


async def run_console(tutor: Tutor, history: Path) -> None:
    """The interactive terminal tutor for the local user: a line editor on a terminal, plain lines from a pipe."""
    who = Who(LOCAL_GUILD, 0, getpass.getuser() or "you", is_manager=True)
    console = terminal_console()
    read_line = terminal_reader(history) if sys.stdin.isatty() and sys.stdout.isatty() else stream_reader(sys.stdin)
    session = ConsoleSession(tutor, who, read_line, console.print)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGINT, session.interrupt)
    try:
        await session.run()
    finally:
        loop.remove_signal_handler(signal.SIGINT)
