#!/usr/bin/env bash
# Install the tools the goals are measured against, in a venv of their own.
#
#   bash benchmarks/setup.sh
#
# check-jsonschema and ai-atlas-nexus are comparison points, never aigov
# dependencies, so they live outside the project's .venv and outside the work
# tree.  The venv goes to $AIGOV_COMPARE_VENV, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/aigov-bench-compare; benchmarks/run.py reads
# the same variable.  Rerunning the script upgrades nothing that is already
# installed; delete the folder to start afresh.
#
# ai-atlas-nexus is large (it pulls in linkml, pandas, sqlalchemy and an LLM
# inference client stack; several hundred MB); if it cannot be installed the
# script says so and goes on, and run.py skips that row.  Set
# AIGOV_COMPARE_PYTHON to choose the interpreter (default: python3).
set -uo pipefail

VENV="${AIGOV_COMPARE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/aigov-bench-compare}"
PYTHON="${AIGOV_COMPARE_PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "creating $VENV"
    "$PYTHON" -m venv "$VENV" || { echo "cannot create the venv at $VENV" >&2; exit 1; }
fi

status=0
for package in check-jsonschema ai-atlas-nexus; do
    echo "installing $package into $VENV"
    if ! "$VENV/bin/python" -m pip install --quiet "$package"; then
        echo "NOTE: $package could not be installed; benchmarks/run.py will skip its row" >&2
        status=1
    fi
done

echo
echo "installed into $VENV:"
"$VENV/bin/python" -m pip list --format=freeze 2>/dev/null \
    | grep -iE '^(check-jsonschema|ai-atlas-nexus|jsonschema)==' || true
echo "size: $(du -sh "$VENV" 2>/dev/null | cut -f1)"
exit "$status"
