"""Language packs: where the per-language knowledge files are found.

The package ships ``graphbuilder/data/<kind>/<lang>.toml`` (kinds: ``events``, ``temporal``).
Further pack folders, listed in the environment variable ``GRAPHBUILDER_PACKS`` (separated by
the OS path separator), are searched first, laid out as ``<folder>/<lang>/<kind>.toml``: a new
language, or an extended copy of a shipped one, is added as data, without code.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

PACKS_ENV = "GRAPHBUILDER_PACKS"


def extra_folders() -> list[Path]:
    """The pack folders named in ``GRAPHBUILDER_PACKS``, in search order."""
    raw = os.environ.get(PACKS_ENV, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def pack_file(kind: str, language: str) -> Traversable | None:
    """The ``kind`` file of ``language``: an extra pack folder's first, else the shipped one."""
    for folder in extra_folders():
        candidate = folder / language / f"{kind}.toml"
        if candidate.is_file():
            return candidate
    shipped = resources.files("graphbuilder.data").joinpath(kind).joinpath(f"{language}.toml")
    return shipped if shipped.is_file() else None


def pack_language(kind: str, language: str, fallback: str = "en") -> str:
    """``language`` when a ``kind`` pack exists for it, else ``fallback``."""
    return language if language and pack_file(kind, language) is not None else fallback


def load_pack(kind: str, language: str) -> tuple[dict[str, Any], str]:
    """The parsed ``kind`` pack of ``language`` and a name for it in error messages."""
    path = pack_file(kind, language)
    if path is None:
        raise FileNotFoundError(f"no {kind} pack for language {language!r}")
    with path.open("rb") as fh:
        try:
            return tomllib.load(fh), str(path)
        except tomllib.TOMLDecodeError as exc:
            from graphbuilder.schema import SchemaError

            raise SchemaError(f"{path}: {exc}") from None
