"""graphbuilder: news articles -> event-timeline knowledge graph (offline, deterministic)."""

__version__ = "0.1.0"
