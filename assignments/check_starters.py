"""CI check of the untouched starters: they run to the end without a traceback, and the rubric
checker names what is missing.

Each ``assignments/item*.ipynb`` is executed as is (evidence to ``outputs/assignments/starters``),
saved executed under ``outputs/assignments/starters/``, then checked with
``python -m chatgpt.rubric check``. Exit code 0 when every starter ran without an error output
*and* the checker reported its item as MISSING (exit code 1 of the checker); 1 otherwise.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    from chatgpt import rubric

    out = ROOT / "outputs" / "assignments" / "starters"
    out.mkdir(parents=True, exist_ok=True)
    os.environ["KOCHATGPT_ASSIGNMENT_DIR"] = str(out)
    ok = True
    for path in sorted((ROOT / "assignments").glob("item*.ipynb")):
        nb = nbformat.read(path, 4)
        t0 = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        executed = out / path.name
        nbformat.write(nb, executed)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if o.output_type == "error"]
        report = rubric.check_path(executed)
        missing = [f"{c['id']} {c['title']}: {c['reason']}" for it in report["items"] for c in it["checks"]
                   if c["status"] == "MISSING"]
        good = not errors and not report["passed"] and missing
        ok &= bool(good)
        print(f"{'OK  ' if good else 'FAIL'} {path.name} ({time.perf_counter() - t0:.0f} s): "
              f"{len(errors)} error output(s); checker: {'PASS' if report['passed'] else 'MISSING'}")
        for e in errors:
            print(f"     traceback: {e.ename}: {e.evalue}")
        for m in missing:
            print(f"     MISSING {m}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
