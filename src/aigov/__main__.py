"""The ``aigov`` command and ``python -m aigov``."""

from __future__ import annotations

import sys


def run() -> None:
    """Start the command line; a Ctrl-C while it starts exits 130 without a traceback."""
    try:
        # Imported here, not at the top: start-up (importing the library) is
        # the moment a Ctrl-C would otherwise end in a traceback.
        from aigov.cli import console_main  # noqa: PLC0415
    except KeyboardInterrupt:
        sys.stderr.write("aigov: interrupted\n")
        sys.exit(130)
    console_main()


if __name__ == "__main__":
    run()
