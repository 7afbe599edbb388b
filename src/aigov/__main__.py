"""The ``aigov`` command and ``python -m aigov``."""

from __future__ import annotations

import signal
import sys


def run() -> None:
    """Start the command line; a Ctrl-C while it starts exits 130 without a traceback.

    While the library loads, Ctrl-C is held back (where the platform can): an
    interrupt inside a compiled extension's start-up (pydantic-core's) ends in
    a panic rather than a ``KeyboardInterrupt``.  It is delivered as soon as
    loading is done, and handled there like any other.
    """
    hold = hasattr(signal, "pthread_sigmask")
    try:
        if hold:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            # Imported here, not at the top: start-up is the moment to guard.
            from aigov.cli import console_main  # noqa: PLC0415
        finally:
            if hold:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    except KeyboardInterrupt:
        sys.stderr.write("aigov: interrupted\n")
        sys.exit(130)
    console_main()


if __name__ == "__main__":
    run()
