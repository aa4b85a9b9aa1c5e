"""The issuer's defaults for letters, from ``~/.config/notices/letters.toml`` or ``--config``.

    # ~/.config/notices/letters.toml
    authority = "河北省生态环境厅"      # 发文机关 (default: the record's authority)
    authority_en = "Hebei Department of Ecology and Environment"
    prefix = "冀环函"                   # 发文字号 prefix: 冀环函〔2018〕12号
    signature = "河北省生态环境厅"      # 署名 (default: the authority)
    issuer = "河北省生态环境厅办公室"   # 印发机关 (default: the authority's office)
    issuer_en = "Office of the Hebei Department of Ecology and Environment"

Every key is optional; an option given on the command line wins over the file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from ..errors import DataError

__all__ = ["LetterConfig", "default_config_path", "load_config"]


@dataclass(frozen=True, slots=True)
class LetterConfig:
    """Who signs the letters. None leaves a value to the record (or its derived default)."""

    authority: str | None = None
    authority_en: str | None = None
    prefix: str | None = None
    signature: str | None = None
    signature_en: str | None = None
    issuer: str | None = None
    issuer_en: str | None = None

    def merged(self, **overrides: str | None) -> "LetterConfig":
        """This config with the given values (None or empty leaves a key as it is)."""
        return replace(self, **{k: v for k, v in overrides.items() if v})


def default_config_path() -> Path:
    """``$XDG_CONFIG_HOME/notices/letters.toml`` (``~/.config/notices/letters.toml``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "notices" / "letters.toml"


def load_config(path: str | Path | None = None) -> LetterConfig:
    """The config in ``path``, or in the default place if it exists (else the built-in one).

    A given ``path`` that is missing, or a file that is not TOML or has unknown keys, is a
    :class:`~notices.errors.DataError` naming the file.
    """
    import tomllib

    explicit = path is not None
    file = Path(path).expanduser() if explicit else default_config_path()
    if not file.is_file():
        if explicit:
            raise DataError("no such config file", path=str(file))
        return LetterConfig()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"not a TOML file ({exc})", path=str(file)) from None
    except OSError as exc:
        raise DataError(exc.strerror or str(exc), path=str(file)) from None
    known = {f.name for f in fields(LetterConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DataError(f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}",
                        path=str(file))
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        raise DataError(f"{', '.join(bad)}: expected a string", path=str(file))
    return LetterConfig(**{k: v.strip() or None for k, v in data.items()})
