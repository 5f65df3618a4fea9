"""Extraction on every core: a process pool of extractors feeding one writer.

:func:`parallel_extract` yields results in input order, whatever order the workers finish in,
so ``--workers N`` gives exactly the output of one worker. The input is consumed lazily with a
bounded number of chunks in flight (memory does not grow with the corpus). On platforms with
``fork`` the workers inherit the parent's pipeline (its compiled gazetteers and models are
not pickled); elsewhere each worker builds its own from the compiled-resource cache.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from graphbuilder.limits import Limits
from graphbuilder.models import Document

CHUNK = 8  # documents per task: amortises the inter-process round trip
AHEAD = 512  # documents queued for the workers (covers a batch write of the default size)
_STATE: dict[str, Any] = {}  # the worker's pipeline and settings (set before fork / in initializer)


def _init(state: dict[str, Any]) -> None:
    _STATE.update(state)
    if _STATE.get("pipeline") is None:
        from graphbuilder.pipeline import Pipeline

        _STATE["pipeline"] = Pipeline(config=_STATE.get("config"))


def _run_chunk(docs: list[Document]) -> list[Any]:
    from graphbuilder.core import extract_one
    from graphbuilder.errors import Failure

    st = _STATE
    out = []
    for doc in docs:
        result = extract_one(st["pipeline"], doc, st["reference_date"], st["language"], st["limits"],
                              st["repeated"].get(doc.source or "", None))
        then = st["then"]
        out.append(then(result) if then is not None and not isinstance(result, Failure) else result)
    return out


def warm_up(pipeline: Any) -> None:
    """Run the pipeline once per language on an invented sentence, so that resources it loads
    on first use (lemma dictionaries, models) are in memory before the workers fork."""
    for lang, text in (("de", "Die Ministerin Ada Korn traf am Montag in Wien den Bürgermeister Paul Ried."),
                       ("en", "Minister Ada Korn met Mayor Paul Ried in Vienna on Monday.")):
        try:
            pipeline.process(Document(id=f"warm-up-{lang}", text=text), language=lang)
        except Exception:  # noqa: BLE001 (a failing warm-up only costs time in the workers)
            pass


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for d in docs:
        chunk.append(d)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def parallel_extract(
    docs: Iterable[Document], pipeline: Any, workers: int, *, reference_date: dt.date | None,
    language: str | None, limits: Limits, repeated: dict[str, Any],
    then: Callable[[Any], Any] | None = None, chunk: int = CHUNK, ahead: int = AHEAD,
) -> Iterator[Any]:
    """Extract ``docs`` in ``workers`` processes; yields results (``then(extraction)`` or a
    Failure) in input order. ``then`` must be a module-level function (it runs in the worker).
    Up to ``ahead`` documents are queued, so the workers keep extracting while the consumer
    writes a batch (the bound keeps memory constant)."""
    state = {"reference_date": reference_date, "language": language, "limits": limits,
             "repeated": repeated, "then": then}
    if "fork" in mp.get_all_start_methods():
        warm_up(pipeline)  # lazily loaded models: load them once, shared by the forked workers
        ctx = mp.get_context("fork")
        _STATE.clear()
        _STATE.update(state, pipeline=pipeline)
        pool = ctx.Pool(workers)
    else:  # spawn: each worker builds its pipeline (from the on-disk cache)
        ctx = mp.get_context("spawn")
        pool = ctx.Pool(workers, initializer=_init,
                        initargs=({**state, "pipeline": None,
                                   "config": getattr(pipeline, "config", None)},))
    try:
        inflight: deque[Any] = deque()
        for part in _chunks(docs, chunk):
            inflight.append(pool.apply_async(_run_chunk, (part,)))
            if len(inflight) >= max(3 * workers, -(-ahead // chunk)):
                yield from inflight.popleft().get()
        while inflight:
            yield from inflight.popleft().get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _STATE.clear()
