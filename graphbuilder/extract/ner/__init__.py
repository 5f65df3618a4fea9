"""The learned name recogniser (CRF) and the setting that chooses the entities component.

``GRAPHBUILDER_NER`` (``crf`` or ``rules``) selects the entities component everywhere the
caller does not name one (pipeline, ``ingest``, ``extract``, ``eval``); the default is the CRF,
which beat the rules on every dev set (docs/quality.md).
"""

from __future__ import annotations

import os

DEFAULT_ENTITIES = "crf"


def default_entities() -> str:
    """Name of the entities component to use: ``$GRAPHBUILDER_NER`` or :data:`DEFAULT_ENTITIES`."""
    return os.environ.get("GRAPHBUILDER_NER", "").strip() or DEFAULT_ENTITIES
