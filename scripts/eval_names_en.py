"""English name figures side by side: CoNLL-2003 testa (dev part / blind third) and MEANTIME dev
named-mention recall on its tune and blind halves, plus cross-document B-cubed.

The MEANTIME halves are fixed by file name: tune = int(sha256(file name).hexdigest(), 16) % 2 == 0
(20 of the 60 documents), blind = the rest. Only the tune half's errors are meant to be read
(``--errors`` prints them); a change counts when the blind half, testa dev and the blind third
do not drop. Usage: ``PYTHONPATH=. python scripts/eval_names_en.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from pathlib import Path


def half(name: str) -> str:
    return "tune" if int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "blind"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("..") / "shared")
    ap.add_argument("--errors", action="store_true", help="print the tune half's missed names")
    args = ap.parse_args()

    from graphbuilder import registry
    from graphbuilder.evaluation.conll import evaluate_conll
    from graphbuilder.evaluation.meantime import evaluate_meantime, meantime_files
    from graphbuilder.extract.ner import default_entities

    root = args.shared / "eval" / "meantime-en-dev"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:  # symlinks only: nothing is copied
        for path in meantime_files(root):
            target = Path(tmp) / half(path.name) / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path.resolve())
        for part in ("tune", "blind"):
            res = evaluate_meantime(Path(tmp) / part, top_errors=500)
            ent = res["entities"]
            rows.append((f"MEANTIME {part} half ({res['docs']} docs), recall exact / overlap",
                         f"{ent['exact']['micro']['r']:.4f} / {ent['overlap']['micro']['r']:.4f}"))
            if args.errors and part == "tune":
                print("\n".join(res["errors"]["entity_misses"]))
    res = evaluate_meantime(root)
    ent = res["entities"]
    rows.append((f"MEANTIME all ({res['docs']} docs), recall exact / overlap",
                 f"{ent['exact']['micro']['r']:.4f} / {ent['overlap']['micro']['r']:.4f}"))
    rows.append(("MEANTIME cross-document B-cubed F1", f"{res['bcubed']['overall']['f1']:.4f}"))
    conll = evaluate_conll(args.shared / "train" / "ner" / "en" / "conll2003-eng.testa",
                           registry.get("entities", default_entities())())
    rows.insert(0, ("CoNLL-2003 testa F1, dev part / blind third",
                    f"{conll['micro']['f1']:.4f} / {conll['blind']['micro']['f1']:.4f}"))
    for name, fig in rows:
        print(f"{name:60} {fig}")


if __name__ == "__main__":
    main()
