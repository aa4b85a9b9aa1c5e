"""What every generator in scripts/ does with its output: write it, or with --check say whether
the committed file is current (exit 1 when it is not)."""
from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(target: Path, text: str, what: str, argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print(f"{target}: {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {target} ({what})")
    return 0
