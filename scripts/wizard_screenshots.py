"""Redo the screenshots of the wizard on the "Your first profile" page.

Drives :func:`aigov.wizard.run_wizard` with scripted replies, once in
Japanese and once in English, renders the real transcript as a page that looks
like a terminal, and photographs it with headless Chromium:

    python scripts/wizard_screenshots.py            # writes docs/img/wizard-{ja,en}.png
    python scripts/wizard_screenshots.py --html DIR # only the HTML pages, into DIR

The replies below answer every question; the pictures show the start of the
session (with a ``?`` for help and a reply the wizard asks again), then its
end.  Japanese text needs a Japanese font (``apt-get install fonts-ipafont-gothic``).
Chromium's output is a picture, so two runs need not give the same bytes;
``tests/test_wizard.py`` checks that the scripted sessions the pictures
show are still what the wizard says.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from aigov.wizard import next_steps, run_wizard

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"

#: The replies of each session, in the order of the questions.
REPLIES: dict[str, list[str]] = {
    "en": [
        "Customer support chatbot", "", "Answers customers' questions about plans and bills.",
        "telecommunications", "2, 4",
        "?", "maybe", "y", "",
        "y", "n", "n", "n", "y",
        "n", "n", "y", "y",
        "n", "n", "n", "n", "y", "y", "n", "n", "n",
        "?", "2",
        "y", "n", "n", "n", "y", "n", "n",
        "y", "1", "", "", "", "n", "n", "n", "n",
    ],
    "ja": [
        "カスタマーサポート用チャットボット", "customer-chatbot",
        "アプリ上で料金プランや請求についての質問に答える。", "通信", "2、4",
        "?", "たぶん", "はい", "",
        "はい", "いいえ", "いいえ", "いいえ", "はい",
        "いいえ", "いいえ", "はい", "?", "はい",
        "いいえ", "いいえ", "いいえ", "いいえ", "はい", "はい", "いいえ", "いいえ", "いいえ",
        "2",
        "はい", "いいえ", "いいえ", "いいえ", "はい", "いいえ", "いいえ",
        "いいえ",
    ],
}  # fmt: skip
#: How many lines of the start of each session the picture shows.
HEAD_LINES = 52


def transcript(lang: str) -> list[str]:
    """The lines a terminal shows for the scripted session in ``lang``."""
    replies = iter(REPLIES[lang])
    lines: list[str] = []

    def ask(prompt: str) -> str:
        reply = next(replies)
        lines.append(prompt + reply)
        return reply

    def say(text: str) -> None:
        lines.extend(text.split("\n"))

    run_wizard(ask, say, lang=lang)
    lines.extend(next_steps("mine.json", lang).rstrip("\n").split("\n"))
    return lines


def shown(lang: str) -> list[str]:
    """The lines the picture shows: the start of the session, a gap, its end."""
    lines = transcript(lang)
    tail_from = max(i for i, line in enumerate(lines) if line.startswith("["))
    command = f"$ aigov init --lang {lang} -o mine.json"
    return [command, *lines[:HEAD_LINES], "   ⋮", *lines[tail_from:]]


_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #e8e8e8; }}
.window {{ margin: 16px; border-radius: 8px; overflow: hidden;
  box-shadow: 0 2px 10px rgba(0,0,0,.35); background: #1e1e1e; }}
.bar {{ background: #3a3a3a; padding: 8px 12px; }}
.dot {{ display: inline-block; width: 12px; height: 12px; border-radius: 6px;
  margin-right: 6px; }}
pre {{ margin: 0; padding: 12px 16px; color: #d8d8d8; font-size: 14px; line-height: 1.35;
  font-family: "DejaVu Sans Mono", "IPAGothic", monospace; white-space: pre-wrap; }}
.cmd {{ color: #8ae234; }} .reply {{ color: #fce94f; }} .head {{ color: #729fcf; }}
</style></head><body><div class="window"><div class="bar">
<span class="dot" style="background:#ff5f56"></span><span class="dot" style="background:#ffbd2e">
</span><span class="dot" style="background:#27c93f"></span></div><pre>{body}</pre></div>
</body></html>
"""


def _line(text: str) -> str:
    escaped = html.escape(text)
    if text.startswith("$ "):
        return f'<span class="cmd">{escaped}</span>'
    if text.startswith("== "):
        return f'<span class="head">{escaped}</span>'
    prompt, sep, reply = text.rpartition("> ")
    if sep and not text.startswith("  "):
        return f'{html.escape(prompt + sep)}<span class="reply">{html.escape(reply)}</span>'
    return escaped


def page(lang: str) -> str:
    """The HTML page of the session in ``lang``."""
    body = "\n".join(_line(line) for line in shown(lang))
    return _PAGE.format(lang=lang, body=body)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("Chromium is needed: apt-get install -y chromium")


def screenshot(source: Path, target: Path, height: int) -> None:
    """Photograph ``source`` into ``target`` with headless Chromium."""
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={target}",
            f"--window-size=1100,{height}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write the pictures (or, with ``--html DIR``, only the pages)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, help="write the HTML pages into this folder only")
    args = parser.parse_args(argv)
    for lang in ("ja", "en"):
        text = page(lang)
        if args.html is not None:
            args.html.mkdir(parents=True, exist_ok=True)
            (args.html / f"wizard-{lang}.html").write_text(text, encoding="utf-8")
            continue
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / f"wizard-{lang}.html"
            source.write_text(text, encoding="utf-8")
            height = 90 + 19 * len(shown(lang))
            screenshot(source, IMG / f"wizard-{lang}.png", height)
        print(f"wrote {IMG / f'wizard-{lang}.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
