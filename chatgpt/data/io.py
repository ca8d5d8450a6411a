"""Reading and writing record files.

KoChatGPT files are named ``*.jsonl`` but are really UTF-8 *JSON arrays*
(``[{...}, {...}]``).  True JSON Lines files (one object per line) are read
as well; the format is detected from the first non-blank character
(``[`` means JSON array, anything else JSON Lines).

Windows line endings (CRLF) are accepted in both forms (``ReadInfo.crlf``
says whether the file had them).  Texts are returned as stored: Unicode
normalisation (NFC) is the job of :mod:`chatgpt.data.clean`.

A leading UTF-8 byte-order mark (BOM) is stripped.  :func:`read_records`
then emits a :class:`~chatgpt.data.errors.DataWarning`; use
:func:`read_records_info` to get the flag back as ``ReadInfo.had_bom``
instead (that is what :func:`chatgpt.data.schema.validate_file` does to
report it as an issue).

Everything that cannot be parsed raises
:class:`~chatgpt.data.errors.DataFormatError` naming the file and the line
(JSON Lines) or the line/column/character position (JSON array).

:func:`write_records` writes our shipped format: a JSON array,
``ensure_ascii=False, indent=1``, written atomically.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import DataFormatError, DataWarning

__all__ = ["ReadInfo", "read_records", "read_records_info", "write_records", "atomic_write_bytes"]

BOM = "\ufeff"


@dataclass(frozen=True)
class ReadInfo:
    """How a file was read: ``format`` is ``"json"`` (array) or ``"jsonl"``;
    ``crlf`` is True when the file has Windows line endings."""

    path: Path
    format: str
    had_bom: bool
    crlf: bool = False


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataFormatError(
            f"{path}: not valid UTF-8 (byte {e.start}: {e.reason})", path=path
        ) from e


def _parse_array(text: str, path: Path) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        where = f"line {e.lineno}, column {e.colno} (char {e.pos})"
        hint = " - the file ends too early (truncated?)" if e.pos >= len(text.rstrip()) else ""
        raise DataFormatError(f"{path}: invalid JSON at {where}: {e.msg}{hint}", path=path) from e
    if not isinstance(data, list):
        raise DataFormatError(f"{path}: expected a JSON array of objects, got {type(data).__name__}", path=path)
    for i, rec in enumerate(data):
        if not isinstance(rec, dict):
            raise DataFormatError(
                f"{path}: record {i}: expected a JSON object, got {type(rec).__name__}", path=path
            )
    return data


def _parse_lines(text: str, path: Path) -> list[dict]:
    records = []
    # split on "\n" only: str.splitlines() would also split inside strings at U+2028, U+0085, ...
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataFormatError(
                f"{path}: line {lineno}: invalid JSON at column {e.colno}: {e.msg}", path=path
            ) from e
        if not isinstance(rec, dict):
            raise DataFormatError(
                f"{path}: line {lineno}: expected a JSON object, got {type(rec).__name__}", path=path
            )
        records.append(rec)
    return records


def read_records_info(path) -> tuple[list[dict], ReadInfo]:
    """Read a JSON-array or JSON-Lines file; return ``(records, ReadInfo)``.

    Does not warn about a BOM; the caller gets ``info.had_bom`` instead.
    """
    path = Path(path)
    text = _decode(path)
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[len(BOM):]
    stripped = text.lstrip()
    if not stripped:
        raise DataFormatError(f"{path}: file is empty", path=path)
    crlf = "\r\n" in text
    if stripped[0] == "[":
        return _parse_array(text, path), ReadInfo(path, "json", had_bom, crlf)
    return _parse_lines(text, path), ReadInfo(path, "jsonl", had_bom, crlf)


def read_records(path) -> list[dict]:
    """Read all records of ``path`` (JSON array or JSON Lines, auto-detected).

    A UTF-8 BOM is stripped and reported with a :class:`DataWarning`.
    Raises :class:`DataFormatError` on anything unparseable.
    """
    records, info = read_records_info(path)
    if info.had_bom:
        warnings.warn(f"{info.path}: starts with a UTF-8 BOM (stripped)", DataWarning, stacklevel=2)
    return records


def atomic_write_bytes(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file + ``os.replace``,
    so that readers never see a half-written file.  Creates parent dirs."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def write_records(path, records: Iterable[dict]) -> Path:
    """Write ``records`` as a UTF-8 JSON array (``ensure_ascii=False,
    indent=1``, trailing newline), atomically.  Returns the path."""
    text = json.dumps(list(records), ensure_ascii=False, indent=1) + "\n"
    return atomic_write_bytes(path, text.encode("utf-8"))
