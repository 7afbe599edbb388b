"""Did-you-mean suggestions (private helper)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from aigov.errors import MAX_SHOWN

__all__ = ["OWN_LABEL", "Hints", "did_you_mean", "own_label_hint", "suggest"]

#: A label of one's own beside a closed vocabulary (``domains``): ``x-`` and
#: lowercase letters and digits in hyphen-separated words.
OWN_LABEL = r"^x-[a-z0-9]+(?:-[a-z0-9]+)*$"

_CUTOFF = 0.7


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def suggest(value: str, options: Iterable[str], limit: int = 3) -> list[str]:
    """Return up to ``limit`` options close to ``value``, best first.

    IDs that share a framework prefix (``jp-ai-util-2019:``) are compared on
    the part after it, so the common prefix does not make unrelated IDs look
    alike.  An option whose last part equals the value (``fairness`` for
    ``jp-ai-util-2019:fairness``) always counts as a match, since users often
    type the short form.  Cheap upper bounds rule most options out before the
    full comparison, so one call costs about a pass over the options.
    """
    pool = sorted(set(options))
    scored: dict[str, float] = {}
    head = value.rpartition(":")[0]
    whole, local = difflib.SequenceMatcher(), difflib.SequenceMatcher()
    whole.set_seq2(value)
    local.set_seq2(_local(value))
    for option in pool:
        tail = option.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
        if tail == value:
            scored[option] = 2.0
            continue
        if len(value) >= 3 and ":" not in value and option.startswith(value):
            # A truncated id ('nist' for 'nist-ai-rmf-1.0') is a strong hint.
            scored[option] = 1.5
            continue
        same_framework = bool(head) and option.rpartition(":")[0] == head
        matcher = local if same_framework else whole
        matcher.set_seq1(_local(option) if same_framework else option)
        if matcher.real_quick_ratio() < _CUTOFF or matcher.quick_ratio() < _CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio >= _CUTOFF:
            scored[option] = ratio
    ranked = sorted(scored, key=lambda o: (-scored[o], o))
    if not ranked:
        return []
    # Only the options about as close as the best one: a clear winner stands alone.
    best = scored[ranked[0]]
    return [o for o in ranked if scored[o] >= best - 0.05][:limit]


def did_you_mean(value: str, options: Iterable[str]) -> str | None:
    """The hint ``did you mean 'x'?`` for the closest option, or None when none is close."""
    close = suggest(value, options)
    return f"did you mean {close[0]!r}?" if close else None


def own_label_hint(value: object, options: Sequence[str]) -> str:
    """The hint for a value that is neither one of ``options`` nor a label of one's own.

    A close option comes first (``healthcar``); then the value written as a
    label (``logistics`` or ``x-Logistics``: ``x-logistics``); else the options.
    The loader, the schema validator and the rule checker all word it so.
    """
    if isinstance(value, str):
        close = did_you_mean(value, options)
        if close:
            return close
        label = value.lower() if value.lower().startswith("x-") else "x-" + value
        if re.match(OWN_LABEL, label):
            return f"did you mean {label!r}? labels of your own start with 'x-' and are lowercase"
    return (
        "expected "
        + ", ".join(repr(o) for o in options)
        + ", or a label of your own: 'x-' and lowercase words joined by '-'"
    )


class Hints:
    """Did-you-mean hints for the problems of one document, at a bounded cost.

    A message shows the first :data:`aigov.errors.MAX_SHOWN` problems, so only
    that many hints are worked out; the rest get the fallback.  A document
    with thousands of unknown references then costs no more than one with
    twenty (a comparison with every ID for each of them took minutes).
    """

    def __init__(self, budget: int = MAX_SHOWN) -> None:
        self.budget = budget

    def __call__(
        self, value: str, options: Sequence[str], fallback: str | None = None
    ) -> str | None:
        """The hint for ``value`` among ``options``, or ``fallback``."""
        if self.budget <= 0:
            return fallback
        self.budget -= 1
        return did_you_mean(value, options) or fallback
