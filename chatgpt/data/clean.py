"""Conservative cleaning of records, with a full account of what changed.

For every free-text field of a kind (see :data:`.schema.TEXT_KEYS`):

1. Unicode NFC normalisation (``nfc``).
2. Whitespace folding (``whitespace``): ``\\r\\n``/``\\r`` become ``\\n``;
   runs of spaces, tabs and other horizontal whitespace become one space;
   every line is stripped; runs of newlines (blank lines) become a single
   newline; the text is stripped.
3. A stray leading quote, apostrophe or backtick (``' " ` ‘ “``) is removed,
   together with a matching trailing one (``leading_quote``).  It is only
   removed when it does not pair with a quote *inside* the text, so
   ``"안녕"이라고 했다`` is left alone while ``'안녕하세요`` and
   ``"안녕하세요"`` both become ``안녕하세요``.

``category`` (if present) is only NFC-normalised and stripped.  Then a
record is dropped, for the first matching reason, when it is ``invalid``
(fails the schema, e.g. wrong type), a text field is ``empty``, a text
field is ``too_short`` (< ``min_chars``) or ``too_long`` (> ``max_chars``),
or it is a ``duplicate`` (same cleaned prompt for sft/ppo/eval, same whole
cleaned record for rm; the first occurrence is kept).

Nothing is dropped silently: :class:`CleanReport` counts every removal
and every modification (counted per *record*, once per reason) and keeps
the input indices of the removed records.  For sft, ``tokens`` is kept
as is (not recomputed).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from .schema import KINDS, TEXT_KEYS, record_problems

__all__ = ["CleanReport", "clean_records", "clean_text", "fold_whitespace", "strip_stray_quote",
           "REMOVAL_REASONS", "MODIFICATION_REASONS"]

REMOVAL_REASONS = ("invalid", "empty", "too_short", "too_long", "duplicate")
MODIFICATION_REASONS = ("nfc", "whitespace", "leading_quote")

_HSPACE = re.compile(r"[^\S\n]+")          # whitespace except newline
_NEWLINES = re.compile(r"\n{2,}")
_QUOTE_PAIRS = {"'": "'", '"': '"', "`": "`", "\u2018": "\u2019", "\u201c": "\u201d"}


def fold_whitespace(text: str) -> str:
    """Collapse horizontal whitespace, strip lines, keep single newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_HSPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _NEWLINES.sub("\n", "\n".join(lines)).strip()


def strip_stray_quote(text: str) -> str:
    """Remove an unpaired leading quote (and a matching trailing one)."""
    if not text or text[0] not in _QUOTE_PAIRS:
        return text
    opener, closer = text[0], _QUOTE_PAIRS[text[0]]
    body = text[1:]
    if body.endswith(closer):
        inner = body[: -len(closer)]
    else:
        inner = body
    if opener in inner or closer in inner:
        return text                         # the quote pairs with one inside
    return inner.strip()


def clean_text(text: str) -> tuple[str, set[str]]:
    """Clean one string; return ``(new_text, reasons_it_changed)``."""
    changed: set[str] = set()
    new = unicodedata.normalize("NFC", text)
    if new != text:
        changed.add("nfc")
    folded = fold_whitespace(new)
    if folded != new:
        changed.add("whitespace")
    unquoted = strip_stray_quote(folded)
    if unquoted != folded:
        changed.add("leading_quote")
    return unquoted, changed


@dataclass
class CleanReport:
    """Counts of what :func:`clean_records` did."""

    kind: str
    total: int = 0
    kept: int = 0
    removed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REMOVAL_REASONS, 0))
    modified: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MODIFICATION_REASONS, 0))
    removed_indices: dict[str, list[int]] = field(default_factory=lambda: {r: [] for r in REMOVAL_REASONS})

    def as_dict(self) -> dict:
        """``{"kept": n, "removed": {...}, "modified": {...}}`` (plus total)."""
        return {"total": self.total, "kept": self.kept, "removed": dict(self.removed),
                "modified": dict(self.modified)}

    def __str__(self) -> str:
        rem = ", ".join(f"{k} {v}" for k, v in self.removed.items())
        mod = ", ".join(f"{k} {v}" for k, v in self.modified.items())
        return (f"{self.kind}: {self.total} records -> kept {self.kept}, removed {sum(self.removed.values())} "
                f"({rem}); modified: {mod}")


def _drop(report: CleanReport, reason: str, index: int) -> None:
    report.removed[reason] += 1
    report.removed_indices[reason].append(index)


def clean_records(records, kind: str, *, min_chars: int = 1, max_chars: int = 2000):
    """Clean ``records`` of ``kind``; return ``(cleaned_records, CleanReport)``.

    The input is not modified.  Length limits apply to every text field
    (in characters, after cleaning).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    report = CleanReport(kind, total=len(records))
    out: list[dict] = []
    seen: set = set()
    for i, rec in enumerate(records):
        problems = record_problems(rec, kind)
        if problems and not _only_empty_text(problems, kind):
            _drop(report, "invalid", i)
            continue
        new = dict(rec)
        changed: set[str] = set()
        for key in TEXT_KEYS[kind]:
            new[key], why = clean_text(rec[key])
            changed |= why
        if isinstance(new.get("category"), str):
            new["category"] = unicodedata.normalize("NFC", new["category"]).strip()
        texts = [new[k] for k in TEXT_KEYS[kind]]
        if any(not t for t in texts):
            _drop(report, "empty", i)
            continue
        if any(len(t) < min_chars for t in texts):
            _drop(report, "too_short", i)
            continue
        if any(len(t) > max_chars for t in texts):
            _drop(report, "too_long", i)
            continue
        dk = json.dumps(new, sort_keys=True, ensure_ascii=False) if kind == "rm" else new["prompt"]
        if dk in seen:
            _drop(report, "duplicate", i)
            continue
        seen.add(dk)
        for reason in changed:
            report.modified[reason] += 1
        out.append(new)
    report.kept = len(out)
    return out, report


def _only_empty_text(problems, kind: str) -> bool:
    """True if a record's only schema problems are empty text fields
    (those are counted as ``empty``, not ``invalid``)."""
    return all(
        key in TEXT_KEYS[kind] and (msg.endswith("is empty") or msg.endswith("whitespace only"))
        for key, msg in problems)
