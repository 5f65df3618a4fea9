"""The compiled-resource cache: built once, rebuilt when a source file changes."""

from __future__ import annotations

import io
import multiprocessing as mp
from pathlib import Path

import pytest

from graphbuilder import cache


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GRAPHBUILDER_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_built_once_then_loaded(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "words.txt"
    src.write_text("alpha beta", encoding="utf-8")
    calls = []

    def build() -> list[str]:
        calls.append(1)
        return src.read_text(encoding="utf-8").split()

    assert cache.cached("words", [src], build) == ["alpha", "beta"]
    assert cache.cached("words", [src], build) == ["alpha", "beta"]
    assert len(calls) == 1 and len(list(cache_home.glob("words-*.pickle"))) == 1


def test_changed_source_is_rebuilt_and_old_file_dropped(tmp_path: Path, cache_home: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.txt").write_text("one", encoding="utf-8")
    build = lambda: (folder / "a.txt").read_text(encoding="utf-8")  # noqa: E731
    assert cache.cached("res", [folder], build) == "one"
    (folder / "a.txt").write_text("two!", encoding="utf-8")
    assert cache.cached("res", [folder], build) == "two!"
    assert len(list(cache_home.glob("res-*.pickle"))) == 1


def test_damaged_cache_file_is_rebuilt(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "s.txt"
    src.write_text("x", encoding="utf-8")
    cache.cached("r", [src], lambda: {"v": 1})
    (path,) = cache_home.glob("r-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cache.cached("r", [src], lambda: {"v": 1}) == {"v": 1}


def _build_in_child(src: str, out) -> None:
    out.put(cache.cached("shared", [src], lambda: list(range(50_000))))


def test_two_processes_building_at_once_both_get_it(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "s.txt"
    src.write_text("y", encoding="utf-8")
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    procs = [ctx.Process(target=_build_in_child, args=(str(src), q)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [q.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert results[0] == results[1] == list(range(50_000))
    assert [f.name for f in cache_home.iterdir() if f.suffix == ".tmp"] == []
    assert cache.cached("shared", [src], lambda: []) == list(range(50_000))


def test_no_cache_env_builds_every_time(tmp_path: Path, cache_home: Path, monkeypatch) -> None:
    monkeypatch.setenv("GRAPHBUILDER_NO_CACHE", "1")
    calls = []
    cache.cached("n", [tmp_path], lambda: calls.append(1))
    cache.cached("n", [tmp_path], lambda: calls.append(1))
    assert len(calls) == 2 and not cache_home.exists()


def test_unwritable_cache_dir_still_builds(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("GRAPHBUILDER_NO_CACHE", raising=False)
    calls = []
    assert cache.cached("u", [tmp_path], lambda: calls.append(1) or "built") == "built"
    assert cache.cached("u", [tmp_path], lambda: calls.append(1) or "built") == "built"
    assert len(calls) == 2
    assert cache.cached_file("uf", [tmp_path], lambda fh: fh.write(b"x")) is None


def _write_numbers(fh) -> None:
    fh.write(b"".join(i.to_bytes(4, "little") for i in range(50_000)))


def test_cached_file_built_once_rebuilt_on_change_or_damage(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "s.txt"
    src.write_text("one", encoding="utf-8")
    calls = []

    def write(fh) -> None:
        calls.append(1)
        fh.write(src.read_bytes())

    valid = lambda p: p.read_bytes() in (b"one", b"two!")  # noqa: E731
    first = cache.cached_file("blob", [src], write, valid=valid)
    assert first is not None and first.read_bytes() == b"one"
    assert cache.cached_file("blob", [src], write, valid=valid) == first and len(calls) == 1
    first.write_bytes(b"damaged")
    assert cache.cached_file("blob", [src], write, valid=valid) == first and first.read_bytes() == b"one"
    src.write_text("two!", encoding="utf-8")
    second = cache.cached_file("blob", [src], write, valid=valid)
    assert second != first and second.read_bytes() == b"two!"
    assert [p.name for p in cache_home.glob("blob-*")] == [second.name]
    assert cache.cached_file("blob", [src], write, valid=valid, extra="another version") != second


def _file_in_child(src: str, out) -> None:
    path = cache.cached_file("sharedfile", [src], _write_numbers)
    out.put(path.read_bytes() if path else None)


def test_two_processes_building_a_file_at_once_both_get_it(tmp_path: Path, cache_home: Path) -> None:
    src = tmp_path / "s.txt"
    src.write_text("z", encoding="utf-8")
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    procs = [ctx.Process(target=_file_in_child, args=(str(src), q)) for _ in range(2)]
    for p in procs:
        p.start()
    results = [q.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    buf = io.BytesIO()
    _write_numbers(buf)
    assert results[0] == results[1] == buf.getvalue()
    assert [f.name for f in cache_home.iterdir() if f.suffix == ".tmp"] == []


def test_patterns_keep_their_compiled_program(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle
    import re

    patterns = [re.compile(r"(?P<who>\w+)\s+(?i:met|traf)\b", re.MULTILINE), re.compile(rb"ab+c"),
                re.compile(r"(?<![\w])(?:x|y)$", re.IGNORECASE | re.VERBOSE)]
    data = cache.dumps(patterns)
    compiled = []
    monkeypatch.setattr(re, "compile", lambda *a, **k: compiled.append(a) or re._compile(*a, **k))
    back = pickle.loads(data)
    assert back == patterns and not compiled  # equal patterns: same flags and program
    assert back[0].match("Ada TRAF").group("who") == "Ada" and back[0].groupindex == {"who": 1}
    # another interpreter build recompiles from the pattern text
    monkeypatch.setattr(cache, "_SRE_KEY", ("another python",))
    assert pickle.loads(data) == patterns and len(compiled) == 3


def test_import_time_patterns_come_from_the_cache(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    texts = [r"(?P<day>\d{1,2})\.\s*(?:Jänner|Januar)", r"\bwiederholt\w*"]
    with cache.compiled_patterns("re-test"):
        first = [re.compile(t, re.IGNORECASE) for t in texts]
    assert re.compile is cache._RE_COMPILE and len(list(cache_home.glob("re-test-*.pickle"))) == 1
    real = []
    monkeypatch.setattr(cache, "_RE_COMPILE", lambda *a: real.append(a) or re._compile(*a))
    with cache.compiled_patterns("re-test"):
        again = [re.compile(t, re.IGNORECASE) for t in texts]
        other = re.compile(r"neu\w+")
    assert again == first and real == [(r"neu\w+", 0)] and other.match("neuer")
    assert again[0].match("3. jänner").group("day") == "3"
