"""Writes the assignment notebooks: starters (``assignments/``) and the answer key (``assignments/solutions/``).

Both come from the same cell list, so they never drift apart: a ``todo`` cell holds the
starter text and the solution text, every other cell is shared. Run after editing::

    python assignments/build_notebooks.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from cells import NOTEBOOKS  # noqa: E402


def build(name: str, item: int, cells: list, solution: bool) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata.update({"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                        "language_info": {"name": "python"},
                        "kochatgpt": {"item": item, "role": "solution" if solution else "starter"}})
    for cell in cells:
        kind, *text = cell
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(text[0].strip()))
        elif kind == "code":
            nb.cells.append(nbformat.v4.new_code_cell(text[0].strip()))
        elif kind == "todo":
            starter, answer = text
            nb.cells.append(nbformat.v4.new_code_cell((answer if solution else starter).strip()))
        else:
            raise ValueError(f"{name}: unknown cell kind {kind!r}")
    for i, cell in enumerate(nb.cells):
        cell.id = f"{name[:5]}-{i:02d}"                 # stable ids: rebuilding does not churn the diff
    return nb


def main() -> None:
    for name, (item, cells) in NOTEBOOKS.items():
        for solution, folder in ((False, HERE), (True, HERE / "solutions")):
            folder.mkdir(exist_ok=True)
            nbformat.write(build(name, item, cells, solution), folder / f"{name}.ipynb")
            print("wrote", folder / f"{name}.ipynb")


if __name__ == "__main__":
    main()
