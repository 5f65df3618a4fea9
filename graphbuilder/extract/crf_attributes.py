"""The attributes a CRF model knows, for handing a tagger only those (speed only, same output).

python-crfsuite converts every feature string of a sentence to a C++ string (UTF-8) and crfsuite then
looks each one up in the model's attribute dictionary, silently dropping the ones the model never saw
in training (about 20 % of the recogniser's and the trigger tagger's strings). A tagger given only the
known attributes, in the same order, computes exactly the same scores: the same tags, marginals and
sequence probabilities. Testing every freshly built string against the dictionary costs about what it
saves (docs/quality.md, session 9), so the test is made once per *word type*: the per-word feature
tuples the feature builders cache are filtered once and kept as UTF-8 ``bytes`` (which
python-crfsuite takes without encoding them again). Training never goes through here: it sees every
feature string as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


class KnownAttributes:
    """The attribute strings of one CRF model (``frozenset``) and the filter that keeps them."""

    def __init__(self, attributes: frozenset[str], path: Path | None = None) -> None:
        self.attributes = attributes
        self.path = path  # the model file, when known: derived tables are kept in the resource cache

    def pairs(self, prefix: str) -> tuple[frozenset[str], frozenset[str]]:
        """:func:`pair_parts` of these attributes (kept in the resource cache for a model file)."""
        if self.path is None:
            return pair_parts(self.attributes, prefix)
        from graphbuilder.cache import cached

        return cached(f"crf-pairs-{self.path.stem}-{prefix.rstrip('=')}", [self.path, __file__],
                      lambda: pair_parts(self.attributes, prefix))

    def keep(self, feats: Iterable[str]) -> tuple[bytes, ...]:
        """The strings of ``feats`` the model knows, in order, as UTF-8 bytes."""
        known = self.attributes
        return tuple([f.encode() for f in feats if f in known])

    def keep_at(self, feats: tuple[str, ...], at: tuple[int, ...]) -> tuple[bytes, ...]:
        """:meth:`keep` that tests only the strings at the positions ``at`` (in descending order;
        those of open-class templates such as the word form, mostly unknown for rare words) and
        passes the others on untested: the model ignores an unknown one, so the tagger's result is
        the same, and the test (a new string hashed and looked up) is paid only where it often
        removes one."""
        known = self.attributes
        out = [f.encode() for f in feats]
        for i in at:
            if i < len(feats) and feats[i] not in known:
                del out[i]
        return tuple(out)


def pair_parts(attributes: frozenset[str], prefix: str) -> tuple[frozenset[str], frozenset[str]]:
    """For the attributes ``<prefix>a|b`` (``bi=`` bigrams …): every string that can stand before a
    ``|`` in one of them and every string that can stand after one (all splits, so a word that
    itself holds a ``|`` is covered). A word in neither set cannot make a known attribute there."""
    firsts: set[str] = set()
    seconds: set[str] = set()
    n = len(prefix)
    for a in attributes:
        if a.startswith(prefix):
            body = a[n:]
            k = body.find("|")
            while k >= 0:
                firsts.add(body[:k])
                seconds.add(body[k + 1:])
                k = body.find("|", k + 1)
    return frozenset(firsts), frozenset(seconds)


def known_attributes(path: Path, tagger: Any) -> KnownAttributes:
    """The attributes of the model at ``path`` (opened as ``tagger``); read from the model once
    (``Tagger.info()``, ≈ 0.6 s for the German recogniser) and then kept in the resource cache,
    keyed by the model file's contents."""
    from graphbuilder.cache import cached

    return KnownAttributes(cached(f"crf-attributes-{path.stem}", [path, __file__],
                                  lambda: frozenset(tagger.info().attributes)), path)
