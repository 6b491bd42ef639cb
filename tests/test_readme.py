"""The README's quick start must keep pointing at things that exist."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def quickstart_commands() -> list[str]:
    """The shell lines of the first fenced block under '## Quick start'."""
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S)
    assert block, "no fenced code block under '## Quick start'"
    lines = [ln.strip() for ln in block.group(1).splitlines()]
    return [ln for ln in lines if ln and not ln.startswith("#")]


def test_quickstart_has_exactly_two_commands() -> None:
    commands = quickstart_commands()
    assert len(commands) == 2, commands
    for command in commands:
        assert command.startswith("python3 -m venv .venv && "), command


def test_run_command_uses_the_console_script() -> None:
    run = quickstart_commands()[0]
    scripts = PYPROJECT["project"]["scripts"]
    last = shlex.split(run.split("&&")[-1])[0]
    assert Path(last).name in scripts, (last, scripts)
    assert scripts[Path(last).name] == "bot.__main__:main"


def test_test_command_installs_existing_extras_and_runs_pytest() -> None:
    test = quickstart_commands()[1]
    extras = set(re.findall(r"\.\[([a-z,]+)\]", test)[0].split(","))
    assert extras <= set(PYPROJECT["project"]["optional-dependencies"]), extras
    assert "test" in extras
    assert test.rstrip().endswith("-m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quickstart_commands()[1] in ci.splitlines()
    assert ci.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in ci


def test_every_env_variable_is_documented() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    variables = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.M)
    assert "TELEGRAM_BOT_TOKEN" in variables
    missing = [v for v in variables if f"`{v}`" not in README]
    assert not missing, f"README configuration table lacks {missing}"


def test_linked_documents_exist() -> None:
    for link in re.findall(r"\]\(([^)#:]+)\)", README):
        assert (ROOT / link).exists(), link


def test_example_exchanges_are_what_the_bot_says_today() -> None:
    """The README's sample replies are real output, so they must change when the bot does."""
    from bot.engine import Engine
    from bot.knowledge.loader import load_knowledge
    from bot.render import render_plain

    examples = README.split("<!-- examples:start -->", 1)[1].split("<!-- examples:end -->")[0]
    blocks = re.findall(r"```text\n> (.+?)\n(.*?)\n```", examples, re.S)
    assert len(blocks) == 3
    engine = Engine(load_knowledge(ROOT / "knowledge"))
    for question, reply in blocks:
        assert render_plain(engine.ask(question), engine.knowledge) == reply, question
