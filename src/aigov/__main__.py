"""``python -m aigov``: the same as the ``aigov`` command."""

from aigov.cli import console_main

console_main()
