"""Regenerate the bundled JSON Schemas from the pydantic models.

Run ``python scripts/generate_schemas.py`` after changing a model;
``tests/test_schemas.py`` fails while a bundled schema is stale.
"""

from __future__ import annotations

from pathlib import Path

from aigov._jsonio import dumps_canonical
from aigov.schemas import schema_names
from aigov.schemas._generate import generate_schema

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "src" / "aigov" / "schemas"


def main() -> None:
    """Write every schema to ``src/aigov/schemas/<name>.schema.json``."""
    for name in schema_names():
        path = SCHEMA_DIR / f"{name}.schema.json"
        path.write_text(dumps_canonical(generate_schema(name)), encoding="utf-8")
        print(f"wrote {path.relative_to(SCHEMA_DIR.parent.parent.parent)}")


if __name__ == "__main__":
    main()
