"""The local console chat: banner, answers via render_plain, one conversation, clean exits."""

from __future__ import annotations

import io
from typing import cast

import pytest
from fixtures.engine_pack import build_knowledge

from bot.answer import Answer, Reply
from bot.compose.conversation import Conversation
from bot.console import BANNER, NEW_CONVERSATION, run_console
from bot.engine import Engine
from bot.knowledge.models import Knowledge
from bot.render import render_plain


class FakeEngine:
    """Records questions; answers every one with no_match (render_plain still runs for real)."""

    def __init__(self, knowledge: Knowledge, fail_on: str = "") -> None:
        self.knowledge = knowledge
        self.asked: list[str] = []
        self.fail_on = fail_on

    def ask(self, question: str) -> Answer:
        if question == self.fail_on:
            raise RuntimeError("engine bug")
        self.asked.append(question)
        return Answer(question=question, normalized=question, status="no_match", reason="low_score")

    # What a Conversation needs of an engine (bot.compose.conversation.Replier).
    def conversation(self, **kw: object) -> Conversation:
        return Conversation(self, **kw)  # type: ignore[arg-type]

    def converse(self, message: str, history: object, now: float) -> tuple[Reply, tuple[()]]:
        return Reply(message, (self.ask(message),)), ()

    def turn_for(self, entry_id: str, now: float) -> None:
        return None


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return build_knowledge()


def run(engine: object, text: str) -> tuple[int, str]:
    out = io.StringIO()
    code = run_console(cast(Engine, engine), io.StringIO(text), out)
    return code, out.getvalue()


def test_banner_is_one_line_saying_console_and_how_to_quit() -> None:
    assert "\n" not in BANNER
    assert "TELEGRAM_BOT_TOKEN" in BANNER
    assert "Ctrl-D" in BANNER


def test_each_question_gets_the_plain_reply(knowledge: Knowledge) -> None:
    engine = FakeEngine(knowledge)
    code, output = run(engine, "镇江低保标准是多少\n\n   \nGDP是多少\n")
    assert code == 0
    assert engine.asked == ["镇江低保标准是多少", "GDP是多少"]  # blank lines are skipped
    lines = output.splitlines()
    assert lines[0] == BANNER
    expected = render_plain(engine.ask("GDP是多少"), knowledge)
    assert expected in output


def test_real_engine_answers_with_the_sourced_figure(knowledge: Knowledge) -> None:
    code, output = run(Engine(knowledge), "镇江低保标准是多少\n")
    assert code == 0
    assert "875" in output
    assert "新华日报" in output


@pytest.mark.parametrize("word", ["q", "quit", "exit", "退出", "Q", "/quit"])
def test_quit_words_stop_reading(knowledge: Knowledge, word: str) -> None:
    engine = FakeEngine(knowledge)
    code, _ = run(engine, f"低保\n{word}\n养老\n")
    assert code == 0
    assert engine.asked == ["低保"]


def test_eof_without_trailing_newline(knowledge: Knowledge) -> None:
    engine = FakeEngine(knowledge)
    code, _ = run(engine, "低保")
    assert code == 0
    assert engine.asked == ["低保"]


def test_empty_input_just_prints_the_banner(knowledge: Knowledge) -> None:
    code, output = run(FakeEngine(knowledge), "")
    assert code == 0
    assert output == BANNER + "\n"


def test_ctrl_c_exits_cleanly(knowledge: Knowledge) -> None:
    class Interrupting(io.StringIO):
        def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
            raise KeyboardInterrupt

    out = io.StringIO()
    code = run_console(cast(Engine, FakeEngine(knowledge)), Interrupting(), out)
    assert code == 0
    assert out.getvalue().endswith("\n")


def test_an_engine_error_does_not_end_the_session(knowledge: Knowledge) -> None:
    engine = FakeEngine(knowledge, fail_on="坏问题")
    code, output = run(engine, "坏问题\n低保\n")
    assert code == 0
    assert "Sorry" in output
    assert engine.asked == ["低保"]


def test_a_session_is_one_conversation_and_new_starts_afresh(knowledge: Knowledge) -> None:
    code, output = run(Engine(knowledge), "镇江低保标准是多少\n那2019年呢\n/new\n那2019年呢\n")
    assert code == 0
    replies = output.split("\n\n")
    assert "（接上题：低保标准）" in replies[1]  # the follow-up continued the question
    assert NEW_CONVERSATION in output and "/new" in BANNER
    assert "接上题" not in replies[-1]  # after /new nothing is carried over


def test_every_part_of_a_message_is_answered_in_order(knowledge: Knowledge) -> None:
    _, output = run(Engine(knowledge), "镇江低保标准是多少？养老床位有多少张？\n")
    assert "1. 问：镇江低保标准是多少？" in output and "2. 问：养老床位有多少张？" in output
    assert output.index("875") < output.index("1.72万张")
