"""Execute the course notebooks in order into ``outputs/notebooks/`` (with outputs) and export HTML.

    python -m chatgpt.course            # all notebooks
    python -m chatgpt.course 02 03      # only those whose name starts with 02 / 03
    python -m chatgpt.course --record 01  # maintainers: re-record the checked outputs in notebooks/

Committed notebooks carry no outputs and no execution counts, except the cells marked
``# NBVAL_CHECK_OUTPUT`` (deterministic counts, tables, a loss on fixed tensors): their
output is the reference that ``pytest --nbval-lax`` compares against. ``--record``
executes a notebook and writes it back in exactly that form.

Notebooks run with the ``tiny`` profile unless ``KOCHATGPT_PROFILE`` says otherwise,
from the repository's ``notebooks/`` folder (never the caller's working directory).
Prints each notebook's wall time and the total, and writes them (with the machine and the load
average) to ``<out>/timings.json``.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from chatgpt.config import default_output_dir, repo_root


def notebooks(prefixes=()) -> list[Path]:
    paths = sorted((repo_root() / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return [p for p in paths if not prefixes or any(p.name.startswith(x) for x in prefixes)]


def execute(path: Path, out_dir: Path, timeout: int = 1800) -> float:
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    seconds = time.perf_counter() - t0
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_dir / path.name)
    html, _ = HTMLExporter().from_notebook_node(nb)
    (out_dir / path.with_suffix(".html").name).write_text(html, encoding="utf-8")
    return seconds


CHECK_MARK = "NBVAL_CHECK_OUTPUT"


def strip(nb) -> None:
    """Clear outputs/execution counts except on ``NBVAL_CHECK_OUTPUT`` cells.

    Checked cells keep their outputs and get a stable execution count (1, 2, …): nbval treats a
    reference cell without a count as never run and would refuse to compare its outputs.
    """
    nb.metadata.pop("widgets", None)
    checked = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        if CHECK_MARK not in cell.source:
            cell.outputs = []
        else:
            checked += 1
            cell.execution_count = checked
            for out in cell.outputs:
                if "execution_count" in out:
                    out["execution_count"] = None
                out.get("metadata", {}).clear() if isinstance(out.get("metadata"), dict) else None


def record(path: Path, timeout: int = 1800) -> float:
    """Execute ``path`` in place and keep only the checked outputs."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    strip(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - t0


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m chatgpt.course", description=__doc__.split("\n")[0])
    p.add_argument("prefixes", nargs="*", help="only notebooks starting with these prefixes")
    p.add_argument("--out", default=None, help="default: outputs/notebooks")
    p.add_argument("--record", action="store_true", help="re-record checked outputs into notebooks/ in place")
    args = p.parse_args(argv)
    os.environ.setdefault("KOCHATGPT_PROFILE", "tiny")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.record:
        for nb in notebooks(args.prefixes):
            print(f"recording {nb.name}: {record(nb):.0f} s", flush=True)
        return
    out = Path(args.out) if args.out else default_output_dir() / "notebooks"
    times = {}
    load_before = os.getloadavg()
    for nb in notebooks(args.prefixes):
        print(f"running {nb.name} …", flush=True)
        times[nb.name] = execute(nb, out)
        print(f"  {nb.name}: {times[nb.name]:.0f} s", flush=True)
    total = sum(times.values())
    (out / "timings.json").write_text(json.dumps(
        {"seconds": total, "notebooks": times, "machine": machine(), "loadavg_before": load_before,
         "loadavg_after": os.getloadavg(), "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}, indent=1))
    print("\nper-notebook wall time (s):")
    for name, sec in times.items():
        print(f"  {name:32s} {sec:7.1f}")
    print(f"  {'total':32s} {total:7.1f}  ({total / 60:.1f} min) → {out}")


def machine() -> dict:
    """CPU model, cores and torch threads of this machine (for the timings)."""
    import platform

    import torch

    cpu = platform.processor() or "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu_model": cpu, "cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads()}


if __name__ == "__main__":
    main()
