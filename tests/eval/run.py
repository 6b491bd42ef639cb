"""Run an evaluation set (dev or held-out) against the answer engine and print the figures.

    python -m tests.eval.run dev                 # every shape, summary table
    python -m tests.eval.run dev --fails         # ... and every wrong item
    python -m tests.eval.run heldout --json out.json

Grading reads only the JSON contract of `python -m bot ask --json` (`bot.render.to_json`), so
it measures what a user is shown, not engine internals. See tests/eval/README.md for the format.
A benchmark-style script: it prints figures and never fails a build; the unit tests assert
behaviour per shape with small fixtures of their own.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
Reply = dict[str, Any]
AskFn = Callable[[str, str | None], Reply]

_UNITS = re.compile(r"[元人次名家个项件场户张亩万亿%/·月岁周级A-Za-z\s]")


@dataclass
class Check:
    """One graded message: a single question, one part of a multi-part message, or one turn."""

    shape: str
    kind: str
    q: str
    expect: dict[str, Any]
    ok: bool = False
    strict: bool = False  # not_stated answered as not_stated (not just "not answered")
    got: str = ""
    why: str = ""


@dataclass
class Tally:
    n: int = 0
    ok: int = 0
    strict: int = 0
    fails: list[Check] = field(default_factory=list)


_MAGNITUDES = {"万": 1e4, "亿": 1e8}


def _same_amount(value: float, unit: str, target: float, tol: float) -> bool:
    """Whether a computed value (in its unit's magnitude: 20.59 of 万元) is the target, which
    a set may write in base units (205900 元) or in 万 / 亿 (20.6 万元): the same amount."""
    base = value * _MAGNITUDES.get(unit[:1], 1.0)
    return any(abs(base - target * m) <= tol * m + 1e-9 for m in (1.0, 1e4, 1e8))


def _number(text: str) -> float | None:
    """The first number of a figure as written (12.24万 -> 122400, 91.85% -> 91.85)."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*(万|亿)?", text.replace(",", ""))
    if m is None:
        return None
    v = float(m.group(1))
    return v * {"万": 1e4, "亿": 1e8}.get(m.group(2) or "", 1.0)


def _same_figure(want: str, got: str) -> bool:
    if not got:
        return False
    w, g = want.replace(" ", ""), got.replace(" ", "")
    if w in g:
        return True
    nw, ng = _number(w), _number(g)
    return nw is not None and ng is not None and abs(nw - ng) <= 1e-9 * max(1.0, abs(nw))


def _parts(reply: Reply) -> list[Reply]:
    parts = reply.get("parts")
    return list(parts) if isinstance(parts, list) and parts else [reply]


def _main_text(part: Reply) -> str:
    answers = part.get("answers") or []
    first = answers[0] if answers else {}
    bits = [str(first.get(k, "")) for k in ("title", "value", "unit", "period", "scope", "text")]
    bits.append(str(first.get("quote", "")))
    return " ".join(bits)


def _listed_text(part: Reply) -> str:
    return " ".join(
        " ".join(str(a.get(k, "")) for k in ("title", "value", "unit", "text", "quote"))
        for a in part.get("answers") or []
    )


def grade(
    expect: dict[str, Any], part: Reply, rest: Sequence[Reply] = ()
) -> tuple[bool, bool, str]:
    """(right, strictly right, why not) for one expectation against one reply part. `rest`:
    the other parts of a reply the engine split a one-expectation question into (丹阳、句容各有
    啥亮点 → one overview per place): what they list counts for `includes`, as the user reads
    the whole reply; status, figure and wording are the first part's."""
    status = str(part.get("status", ""))
    want = str(expect.get("expect", "answered"))
    if expect.get("verdict") == "not_stated":
        want = "not_stated"  # the article does not say, whatever `expect` says besides
    verdict = part.get("verdict")
    derived = part.get("derived") or None
    if want in ("not_stated", "refused"):
        if (
            want == "not_stated"
            and expect.get("verdict") == "not_stated"
            and verdict
            in (
                "yes",
                "no",
            )
        ):
            return False, False, f"verdict {verdict}"
        answered_as_stated = status == "answered" and not derived
        if answered_as_stated:
            return False, False, "answered as if stated"
        strict = status == "not_stated" if want == "not_stated" else status != "answered"
        return True, strict, ""
    if want == "derived":
        if not derived:
            return False, False, f"status {status}, nothing computed"
        value = derived.get("value")
        tol = float(expect.get("tolerance", 0) or 0)
        if "value" in expect:
            target = float(expect["value"])
            if not isinstance(value, int | float) or not _same_amount(
                float(value), str(derived.get("unit", "")), target, tol
            ):
                return False, False, f"computed {value}, want {target}±{tol}"
        # A comparison may be checked by what it names instead ("says": the larger one).
        said = f"{derived.get('text', '')} {derived.get('formula', '')} {part.get('reply', '')}"
        for s in expect.get("says") or ():
            if str(s) not in said:
                return False, False, f"computed, missing {s!r}"
        if not derived.get("label") or not derived.get("formula"):
            return False, False, "computed figure without its label or formula"
        return True, True, ""
    # answered
    if status != "answered":
        return False, False, f"status {status} ({part.get('reason', '')})"
    if "verdict" in expect and str(verdict) != str(expect["verdict"]):
        return False, False, f"verdict {verdict}, want {expect['verdict']}"
    answers = part.get("answers") or []
    if "figure" in expect:
        first = answers[0] if answers else {}
        # The figure that answers when it is not the entry's own (a duration: 连续4年).
        first = part.get("figure") or first
        figure = f"{first.get('value', '')}{first.get('unit', '')}"
        if not _same_figure(str(expect["figure"]), figure):
            return False, False, f"figure {figure or '—'}, want {expect['figure']}"
    text = _main_text(part) + " " + str(part.get("reply", "") if not answers else "")
    if part.get("meta"):
        text += " " + str(part.get("reply", ""))
    if part.get("overview"):  # a list answers with every item it shows, not its first alone
        text += " " + _listed_text(part)
    for s in expect.get("says") or ():
        if str(s) not in text:
            return False, False, f"missing {s!r}"
    # An answer about the article lists in its reply (its sections), not in entries.
    listed = " ".join(
        _listed_text(p) + (" " + str(p.get("reply", "")) if p.get("meta") else "")
        for p in (part, *rest)
    )
    for s in expect.get("includes") or ():
        if str(s) not in listed:
            return False, False, f"overview lacks {s!r}"
    return True, True, ""


def _items(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in doc["items"]:
            yield str(doc["shape"]), item


def _summary(reply: Reply) -> str:
    bits = []
    for p in _parts(reply):
        answers = p.get("answers") or []
        first = answers[0] if answers else {}
        bit = f"{p.get('status')}/{p.get('reason', '')}"
        if first:
            bit += f" {first.get('id', '')} {first.get('value', '')}{first.get('unit', '')}"
        if p.get("verdict"):
            bit += f" verdict={p['verdict']}"
        if p.get("derived"):
            bit += f" derived={p['derived'].get('value')}"
        bits.append(bit)
    return " | ".join(bits)


def run(folder: Path, ask: AskFn) -> list[Check]:
    checks: list[Check] = []
    for n, (shape, item) in enumerate(_items(folder)):
        kind = str(item.get("kind", ""))
        if "turns" in item:
            chat = f"eval-{n}"
            for t, turn in enumerate(item["turns"]):
                reply = ask(str(turn["q"]), chat)
                c = Check(shape, f"{kind}#{t + 1}", str(turn["q"]), turn)
                c.ok, c.strict, c.why = grade(turn, _parts(reply)[0])
                c.got = _summary(reply)
                checks.append(c)
            continue
        reply = ask(str(item["q"]), None)
        parts = _parts(reply)
        if "parts" in item:
            for i, want in enumerate(item["parts"]):
                c = Check(shape, f"{kind}#{i + 1}", str(item["q"]), want)
                if i < len(parts):
                    c.ok, c.strict, c.why = grade(want, parts[i])
                else:
                    c.why = f"only {len(parts)} part(s) answered"
                c.got = _summary(reply)
                checks.append(c)
            continue
        c = Check(shape, kind, str(item["q"]), item)
        c.ok, c.strict, c.why = grade(item, parts[0], parts[1:])
        c.got = _summary(reply)
        checks.append(c)
    return checks


def engine_ask() -> AskFn:
    """The bundled knowledge through the real engine and JSON contract."""
    from bot.engine import Engine
    from bot.knowledge.loader import load_knowledge
    from bot.render import reply_json

    knowledge = load_knowledge()
    engine = Engine(knowledge)
    chats: dict[str, Any] = {}

    def ask(q: str, chat: str | None) -> Reply:
        if chat is not None:
            conv = chats.setdefault(chat, engine.conversation())
            return dict(reply_json(conv.reply(q), knowledge))
        return dict(reply_json(engine.reply(q), knowledge))

    return ask


def report(checks: list[Check], *, fails: bool = False) -> str:
    by: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for c in checks:
        for key in ((c.shape, c.kind.split("#")[0]), (c.shape, "*")):
            t = by[key]
            t.n += 1
            t.ok += c.ok
            t.strict += c.ok and c.strict
            if not c.ok and key[1] != "*":
                t.fails.append(c)
    lines = [f"{'shape':<14}{'kind':<22}{'n':>5}{'right':>8}{'%':>7}{'strict%':>9}"]
    for (shape, kind), t in sorted(by.items(), key=lambda kv: (kv[0][0], kv[0][1] != "*", kv[0])):
        label = "— all —" if kind == "*" else kind
        lines.append(
            f"{shape:<14}{label:<22}{t.n:>5}{t.ok:>8}{100 * t.ok / t.n:>6.1f}%"
            f"{100 * t.strict / t.n:>8.1f}%"
        )
    total = Counter(c.ok for c in checks)
    n = len(checks)
    lines.append(f"{'ALL':<36}{n:>5}{total[True]:>8}{100 * total[True] / max(n, 1):>6.1f}%")
    wrong_figure = sum(
        1
        for c in checks
        if (not c.ok and c.why in ("answered as if stated",)) or c.why.startswith("figure ")
    )
    lines.append(f"confident wrong answers (a figure shown as the answer, wrongly): {wrong_figure}")
    if fails:
        lines.append("")
        for (shape, _kind), t in sorted(by.items()):
            for c in t.fails:
                lines.append(
                    f"✗ [{shape}/{c.kind}] {c.q}\n    want {c.expect}\n    got  {c.got}"
                    f"\n    why  {c.why}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.run", description=__doc__)
    sets = sorted(d.name for d in HERE.iterdir() if d.is_dir() and any(d.glob("*.yaml")))
    parser.add_argument("set", choices=sets, help="a folder of YAML sets: dev, heldout, …")
    parser.add_argument("--fails", action="store_true", help="list every wrong item")
    parser.add_argument("--shape", help="only this shape (file)")
    parser.add_argument("--json", type=Path, help="also write every check as JSON here")
    args = parser.parse_args(argv)
    checks = run(HERE / args.set, engine_ask())
    if args.shape:
        checks = [c for c in checks if c.shape == args.shape]
    print(report(checks, fails=args.fails))
    if args.json:
        args.json.write_text(
            json.dumps([c.__dict__ for c in checks], ensure_ascii=False, indent=1, default=str),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
