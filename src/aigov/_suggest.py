"""Did-you-mean suggestions (private helper)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["suggest"]


def suggest(value: str, options: Iterable[str], limit: int = 3) -> list[str]:
    """Return up to ``limit`` options close to ``value``, best first.

    Besides plain string similarity, an option whose part after the last
    ``:`` or ``/`` equals the value (``fairness`` for ``jp-ai-util-2019:fairness``)
    counts as a match, since users often type the short form.
    """
    pool = sorted(set(options))
    tails = [opt for opt in pool if opt.rsplit(":", 1)[-1].rsplit("/", 1)[-1] == value]
    close = difflib.get_close_matches(value, pool, n=limit, cutoff=0.6)
    if not close and ":" in value:
        # Compare the local parts too, so 'jp-ai-util-2019:fairnes' still finds its twin.
        head, _, tail = value.rpartition(":")
        same_prefix = [opt for opt in pool if opt.startswith(head + ":")]
        locals_ = {opt.rpartition(":")[2]: opt for opt in same_prefix}
        close = [
            locals_[name]
            for name in difflib.get_close_matches(tail, list(locals_), n=limit, cutoff=0.6)
        ]
    result: list[str] = []
    for opt in [*tails, *close]:
        if opt not in result:
            result.append(opt)
    return result[:limit]
