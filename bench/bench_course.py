"""Wall time of every course notebook (``notebooks/*.ipynb``) on the tiny profile, executed with nbclient.

The notebooks run in name order, as a student runs them, in a fresh output directory
(``KOCHATGPT_OUTPUT_DIR=bench/out/course``, emptied first unless ``--reuse``) so every stage
checkpoint a notebook needs is built by the notebook that needs it (``ensure_checkpoint``) and
the times add up to a cold run of the course. ``KOCHATGPT_PROFILE=tiny``, ``HF_HUB_OFFLINE=1``.
Executed copies are written to ``bench/out/course/notebooks/`` (git-ignored), never over the
sources.

If ``notebooks/`` has no notebook yet the script says so and prints ``course_total_s=nan
course_notebooks=0``. A notebook that fails or runs past ``--timeout`` is reported with
``…_s=nan`` and ``course_failed=N``; the others still run. Once ``--budget`` seconds are spent the
remaining notebooks are skipped (``course_skipped=N``).

Last line: ``course_total_s=… course_notebooks=… course_<name>_s=… …``.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--notebooks", default=str(C.REPO / "notebooks"), help="folder of .ipynb files")
    p.add_argument("--timeout", type=int, default=900, help="seconds per notebook (default 900)")
    p.add_argument("--budget", type=int, default=1500, help="seconds for all notebooks (default 1500)")
    p.add_argument("--reuse", action="store_true", help="keep checkpoints from an earlier run (warm timing)")
    p.add_argument("--kernel", default="python3", help="Jupyter kernel name (default python3)")
    return p.parse_args(argv)


def key(path: Path) -> str:
    """``01_sft.ipynb`` → ``course_01_sft_s``."""
    return "course_" + re.sub(r"[^0-9A-Za-z]+", "_", path.stem).strip("_").lower() + "_s"


def main(argv=None) -> dict:
    a = parse_args(argv)
    C.setup_env()
    nbs = sorted(Path(a.notebooks).glob("*.ipynb"))
    if not nbs:
        print(f"no notebooks in {a.notebooks} yet: nothing to time (they are written separately)", flush=True)
        out = {"course_total_s": float("nan"), "course_notebooks": 0}
        print(C.kv_line(out), flush=True)
        return out
    import nbformat
    from nbclient import NotebookClient

    work = C.OUT / "course"
    if work.exists() and not a.reuse:
        shutil.rmtree(work)
    (work / "notebooks").mkdir(parents=True, exist_ok=True)
    # the kernel inherits this environment; PYTHONPATH makes ``chatgpt`` importable from notebooks/ even
    # when the package is not pip-installed into the venv (otherwise the setup cell would try to clone it)
    pp = os.environ.get("PYTHONPATH", "")
    os.environ.update(KOCHATGPT_OUTPUT_DIR=str(work), KOCHATGPT_PROFILE="tiny", HF_HUB_OFFLINE="1",
                      TOKENIZERS_PARALLELISM="false", PYTHONPATH=str(C.REPO) + (os.pathsep + pp if pp else ""))
    out: dict = {}
    times: dict[str, float] = {}
    failed = skipped = 0
    t_all = time.perf_counter()
    for nb_path in nbs:
        k = key(nb_path)
        if time.perf_counter() - t_all > a.budget:
            C.log(f"{nb_path.name}: skipped (budget of {a.budget}s spent)")
            times[k] = float("nan")
            skipped += 1
            continue
        nb = nbformat.read(nb_path, as_version=4)
        client = NotebookClient(nb, timeout=a.timeout, kernel_name=a.kernel,
                                resources={"metadata": {"path": str(nb_path.parent)}})
        t0 = time.perf_counter()
        try:
            client.execute()
            times[k] = time.perf_counter() - t0
            C.log(f"{nb_path.name}: {times[k]:.1f}s")
        except Exception as e:  # noqa: BLE001 - report and go on with the next notebook
            times[k] = float("nan")
            failed += 1
            C.log(f"{nb_path.name}: FAILED after {time.perf_counter() - t0:.0f}s: {type(e).__name__}: "
                  f"{str(e).strip().splitlines()[-1][:300] if str(e).strip() else ''}")
        nbformat.write(nb, work / "notebooks" / nb_path.name)
    ok = [v for v in times.values() if v == v]
    out["course_total_s"] = sum(ok) if not failed and not skipped else float("nan")
    out["course_total_ok_s"] = sum(ok)
    out["course_notebooks"] = len(nbs)
    out["course_failed"] = failed
    out["course_skipped"] = skipped
    out["course_cold"] = int(not a.reuse)
    out.update(times)
    print(C.kv_line(out), flush=True)
    return out


if __name__ == "__main__":
    main()
