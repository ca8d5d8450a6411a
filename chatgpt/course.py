"""Execute the course notebooks in order into ``outputs/notebooks/`` (with outputs) and export HTML.

    python -m chatgpt.course            # all notebooks
    python -m chatgpt.course 02 03      # only those whose name starts with 02 / 03

Notebooks run with the ``tiny`` profile unless ``KOCHATGPT_PROFILE`` says otherwise,
from the repository's ``notebooks/`` folder (never the caller's working directory).
Prints each notebook's wall time.
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


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m chatgpt.course", description=__doc__.split("\n")[0])
    p.add_argument("prefixes", nargs="*", help="only notebooks starting with these prefixes")
    p.add_argument("--out", default=None, help="default: outputs/notebooks")
    args = p.parse_args(argv)
    os.environ.setdefault("KOCHATGPT_PROFILE", "tiny")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out = Path(args.out) if args.out else default_output_dir() / "notebooks"
    times = {}
    for nb in notebooks(args.prefixes):
        print(f"running {nb.name} …", flush=True)
        times[nb.name] = execute(nb, out)
        print(f"  {nb.name}: {times[nb.name]:.0f} s", flush=True)
    (out / "timings.json").write_text(json.dumps(times, indent=1))
    print(f"total {sum(times.values()):.0f} s → {out}")


if __name__ == "__main__":
    main()
