#!/usr/bin/env bash
# The large fuzz budget (the test suite runs 100 seeded examples per entry point).
set -euo pipefail
cd "$(dirname "$0")/.."
AIGOV_FUZZ_EXAMPLES="${AIGOV_FUZZ_EXAMPLES:-5000}" python -m pytest -q tests/test_fuzz.py -p no:cacheprovider
