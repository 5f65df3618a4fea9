"""The tuning/blind split of the dev corpora (fixed hash of the file name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuilder.evaluation.timeml import select_part, split_part, value_errors, Timex


def test_split_is_fixed_by_file_name_and_about_one_third_blind() -> None:
    names = [f"article_{i:03d}.tml" for i in range(300)]
    parts = [split_part(n) for n in names]
    assert parts == [split_part(str(Path("some/dir") / n)) for n in names]  # the name only
    assert 70 <= parts.count("blind") <= 130


def test_select_part_keeps_disjoint_parts_and_refuses_unknown_ones() -> None:
    files = [Path(f"doc{i}.tml") for i in range(30)]
    tune, blind = select_part(files, "tune"), select_part(files, "blind")
    assert sorted(tune + blind) == sorted(files) and not set(tune) & set(blind)
    assert select_part(files, "all") == files
    with pytest.raises(ValueError, match="unknown corpus part 'test'"):
        select_part(files, "test")


def test_value_errors_name_misses_wrong_values_and_spurious() -> None:
    gold = [Timex(0, 5, "heute", "DATE", "PRESENT_REF"), Timex(10, 15, "Mai", "DATE", "2020-05")]
    pred = [Timex(0, 5, "heute", "DATE", "2020-05-04"), Timex(20, 24, "bald", "DATE", "FUTURE_REF")]
    errs = value_errors(gold, pred)
    assert [e.split()[0] for e in errs] == ["VALUE", "MISS", "SPUR"]
