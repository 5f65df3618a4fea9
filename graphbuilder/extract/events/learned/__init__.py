"""Learned event extraction: a CRF trigger tagger (and a role classifier) trained on the event corpus."""

from graphbuilder.extract.events.learned.extractor import LearnedEventExtractor

__all__ = ["LearnedEventExtractor"]
