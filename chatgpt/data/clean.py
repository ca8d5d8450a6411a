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

``category`` (if present) is only NFC-normalised and stripped; keys the
schema does not know are removed (``unknown_key``).  Then a record is
dropped, for the first matching reason, when it is ``invalid`` (fails the
schema, e.g. a missing key, a wrong type, a ranking that is not a
permutation), a text field is ``empty``, a text field is ``too_short``
(< ``min_chars``) or ``too_long`` (> ``max_chars``), two RM completions are
``identical``, or it is a ``duplicate`` (same cleaned prompt for
sft/ppo/eval, same whole cleaned record for rm; the first occurrence is
kept; ``dedupe=False`` keeps duplicates).

The second half of the module is the *cleaning lesson* of notebook
``09_data_cleaning``: the same operations as separate steps, each returning
``(records, StepReport)`` with the counts before and after —
:func:`drop_invalid`, :func:`normalize_records` (NFC, whitespace, repeated
punctuation such as ``"!!!"`` or ``"ㅋㅋㅋㅋㅋ"``), :func:`filter_length`,
:func:`dedupe_exact`, :func:`dedupe_near` (character n-gram Jaccard, exact or
MinHash, see :mod:`.neardup`) and :func:`drop_leaked` with
:func:`leakage_check` (training prompts that also appear, exactly or nearly,
among the evaluation prompts).

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

from .neardup import near_duplicate_groups, near_duplicate_pairs
from .schema import KINDS, OPTIONAL_KEYS, REQUIRED_KEYS, TEXT_KEYS, record_faults

__all__ = ["CleanReport", "clean_records", "clean_text", "fold_whitespace", "strip_stray_quote",
           "squeeze_punctuation", "REMOVAL_REASONS", "MODIFICATION_REASONS",
           "StepReport", "drop_invalid", "normalize_records", "filter_length", "dedupe_exact", "dedupe_near",
           "LeakReport", "leakage_check", "drop_leaked", "clean_steps"]

REMOVAL_REASONS = ("invalid", "empty", "too_short", "too_long", "identical", "duplicate")
MODIFICATION_REASONS = ("nfc", "whitespace", "leading_quote", "unknown_key")

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


# runs of ! or ? (mixed too) -> the first one; 4+ dots -> "..."; …… -> …; ~~ -> ~; ,, -> ,;
# Korean laughter/crying jamo (ㅋ ㅎ ㅠ ㅜ) repeated 4+ times -> 3 times
_PUNCT_RULES = [
    (re.compile(r"([!?])[!?]+"), r"\1"),
    (re.compile(r"\.{4,}"), "..."),
    (re.compile(r"…{2,}"), "…"),
    (re.compile(r"~{2,}"), "~"),
    (re.compile(r",{2,}"), ","),
    (re.compile(r"([ㅋㅎㅠㅜ])\1{3,}"), r"\1\1\1"),
]


def squeeze_punctuation(text: str) -> str:
    """Shorten repeated punctuation: ``"정말요???!!"`` -> ``"정말요?"``, ``"음......"`` -> ``"음..."``,
    ``"ㅋㅋㅋㅋㅋㅋ"`` -> ``"ㅋㅋㅋ"``.  A single ``"..."`` is left alone."""
    for pattern, repl in _PUNCT_RULES:
        text = pattern.sub(repl, text)
    return text


def clean_text(text: str, *, punctuation: bool = False) -> tuple[str, set[str]]:
    """Clean one string; return ``(new_text, reasons_it_changed)``.

    With ``punctuation=True``, repeated punctuation is squeezed too (reason ``punctuation``).
    """
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
    if punctuation:
        squeezed = squeeze_punctuation(unquoted)
        if squeezed != unquoted:
            changed.add("punctuation")
        unquoted = squeezed
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
        rem = ", ".join(f"{k} {v}" for k, v in self.removed.items() if v) or "-"
        mod = ", ".join(f"{k} {v}" for k, v in self.modified.items() if v) or "-"
        return (f"{self.kind}: {self.total} records -> kept {self.kept}, removed {sum(self.removed.values())} "
                f"({rem}); modified: {mod}")


def _drop(report: CleanReport, reason: str, index: int) -> None:
    report.removed[reason] += 1
    report.removed_indices[reason].append(index)


def clean_records(records, kind: str, *, min_chars: int = 1, max_chars: int = 2000, dedupe: bool = True):
    """Clean ``records`` of ``kind``; return ``(cleaned_records, CleanReport)``.

    The input is not modified.  Length limits apply to every text field
    (in characters, after cleaning).  ``dedupe=False`` keeps duplicates.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    known = {**REQUIRED_KEYS[kind], **OPTIONAL_KEYS[kind]}
    report = CleanReport(kind, total=len(records))
    out: list[dict] = []
    seen: set = set()
    for i, rec in enumerate(records):
        codes = {code for code, _, _ in record_faults(rec, kind)}
        if codes - {"empty", "unknown_key", "identical_completions"}:
            _drop(report, "invalid", i)
            continue
        changed: set[str] = {"unknown_key"} if "unknown_key" in codes else set()
        new = {k: v for k, v in rec.items() if k in known}
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
        if kind == "rm" and len(set(texts[1:])) < len(texts) - 1:
            _drop(report, "identical", i)
            continue
        dk = json.dumps(new, sort_keys=True, ensure_ascii=False) if kind == "rm" else new["prompt"]
        if dedupe and dk in seen:
            _drop(report, "duplicate", i)
            continue
        seen.add(dk)
        for reason in changed:
            report.modified[reason] += 1
        out.append(new)
    report.kept = len(out)
    return out, report


# ---------------------------------------------------------------- the cleaning lesson, step by step

@dataclass
class StepReport:
    """What one cleaning step did: record counts ``before``/``after``, records ``modified``,
    the ``removed`` indices (into the step's *input*), per-reason ``details`` and a few ``examples``."""

    step: str
    before: int
    after: int
    modified: int = 0
    removed: list[int] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    examples: list = field(default_factory=list)

    def row(self) -> dict:
        """One table row: step, before, after, removed, modified, then the details."""
        return {"step": self.step, "before": self.before, "after": self.after,
                "removed": self.before - self.after, "modified": self.modified, **self.details}

    def __str__(self) -> str:
        extra = ", ".join(f"{k} {v}" for k, v in self.details.items())
        return (f"{self.step}: {self.before} -> {self.after} records (removed {self.before - self.after}, "
                f"modified {self.modified})" + (f"; {extra}" if extra else ""))


def _key_text(rec: dict, kind: str, key: str | None) -> str:
    """The text a duplicate/leak check compares: ``rec[key]``, or the prompt (all fields for rm)."""
    if key is not None:
        return rec[key]
    if kind == "rm":
        return "\n".join(rec[k] for k in TEXT_KEYS["rm"])
    return rec["prompt"]


def drop_invalid(records, kind: str):
    """Remove records with a schema fault (missing key, wrong type, empty text, bad ranking,
    identical RM completions); unknown keys are removed from the record, not the record.
    ``details`` counts records per fault class (a record can have several)."""
    known = {**REQUIRED_KEYS[kind], **OPTIONAL_KEYS[kind]}
    out, removed, per_code, modified = [], [], {}, 0
    for i, rec in enumerate(records):
        codes = {code for code, _, _ in record_faults(rec, kind)}
        for code in sorted(codes):
            per_code[code] = per_code.get(code, 0) + 1
        if codes - {"unknown_key"}:
            removed.append(i)
            continue
        if codes:
            modified += 1
        out.append({k: v for k, v in rec.items() if k in known})
    return out, StepReport("drop_invalid", len(records), len(out), modified, removed, per_code)


def normalize_records(records, kind: str, *, punctuation: bool = True, n_examples: int = 1):
    """NFC, whitespace folding, stray leading quote and (by default) repeated punctuation on every
    text field (see :func:`clean_text`).  Removes nothing; ``details`` counts records per reason;
    ``examples`` shows up to ``n_examples`` changed fields per reason.
    Expects valid records (run :func:`drop_invalid` first)."""
    out, per_reason, examples, modified = [], {}, [], 0
    shown: dict[str, int] = {}              # reason -> examples shown (up to n_examples per reason)
    for rec in records:
        new, changed = dict(rec), set()
        for key in TEXT_KEYS[kind]:
            new[key], why = clean_text(rec[key], punctuation=punctuation)
            if why and any(shown.get(w, 0) < n_examples for w in why):
                examples.append({"field": key, "before": rec[key], "after": new[key], "why": sorted(why)})
                for w in why:
                    shown[w] = shown.get(w, 0) + 1
            changed |= why
        for reason in sorted(changed):
            per_reason[reason] = per_reason.get(reason, 0) + 1
        modified += bool(changed)
        out.append(new)
    return out, StepReport("normalize", len(records), len(out), modified, [], per_reason, examples)


def filter_length(records, kind: str, *, min_chars: int = 1, max_chars: int = 2000):
    """Remove records with a text field shorter than ``min_chars`` or longer than ``max_chars`` characters
    (an empty text after normalisation is ``too_short``)."""
    out, removed, details = [], [], {"too_short": 0, "too_long": 0}
    for i, rec in enumerate(records):
        lengths = [len(rec[k]) for k in TEXT_KEYS[kind]]
        reason = "too_short" if min(lengths) < min_chars else "too_long" if max(lengths) > max_chars else None
        if reason:
            details[reason] += 1
            removed.append(i)
        else:
            out.append(rec)
    return out, StepReport("filter_length", len(records), len(out), 0, removed, details)


def dedupe_exact(records, kind: str, *, key: str | None = None):
    """Keep the first of records whose compared text (``key``; default the prompt, the whole record
    for rm) is identical; run after :func:`normalize_records` so that spacing does not hide duplicates."""
    out, removed, seen = [], [], {}
    examples = []
    for i, rec in enumerate(records):
        k = _key_text(rec, kind, key)
        if k in seen:
            removed.append(i)
            if len(examples) < 3:
                examples.append({"kept": seen[k], "removed": i, "text": k})
        else:
            seen[k] = i
            out.append(rec)
    return out, StepReport("dedupe_exact", len(records), len(out), 0, removed, {}, examples)


def dedupe_near(records, kind: str, *, threshold: float = 0.8, n: int = 3, method: str = "minhash",
                key: str | None = None):
    """Keep the first record of every group of near-duplicates (character ``n``-gram Jaccard
    >= ``threshold`` on the compared text, see :mod:`.neardup`); ``details`` has the numbers of
    similar pairs and groups, ``examples`` a few pairs with their similarity."""
    texts = [_key_text(r, kind, key) for r in records]
    pairs = near_duplicate_pairs(texts, threshold, n=n, method=method)
    groups = near_duplicate_groups(len(records), pairs)
    drop = sorted(i for g in groups for i in g[1:])
    dropset = set(drop)
    out = [r for i, r in enumerate(records) if i not in dropset]
    examples = [{"a": texts[i], "b": texts[j], "jaccard": round(sim, 3)} for i, j, sim in pairs[:5]]
    return out, StepReport("dedupe_near", len(records), len(out), 0, drop,
                           {"pairs": len(pairs), "groups": len(groups)}, examples)


@dataclass
class LeakReport:
    """Training records whose prompt also appears among the evaluation prompts:
    ``exact`` (same text after NFC and whitespace folding) and ``near`` (Jaccard >= threshold)
    as ``(train index, eval index[, similarity])``."""

    n_train: int
    n_eval: int
    threshold: float | None
    exact: list[tuple[int, int]] = field(default_factory=list)
    near: list[tuple[int, int, float]] = field(default_factory=list)

    @property
    def leaked(self) -> list[int]:
        """Sorted training indices that leak (exactly or nearly)."""
        return sorted({i for i, *_ in self.exact} | {i for i, *_ in self.near})

    def __str__(self) -> str:
        near = f", {len({i for i, *_ in self.near})} nearly (Jaccard >= {self.threshold})" if self.threshold else ""
        return (f"leakage: {len(self.leaked)} of {self.n_train} training records share their prompt with the "
                f"{self.n_eval} evaluation prompts: {len({i for i, _ in self.exact})} exactly{near}")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def leakage_check(train, eval_records, *, threshold: float | None = 0.8, n: int = 3, method: str = "minhash",
                  key: str = "prompt", eval_key: str = "prompt") -> LeakReport:
    """Compare the ``key`` texts of ``train`` with the ``eval_key`` texts of ``eval_records``.

    ``threshold=None`` checks exact matches only.  Near matches that are also exact are listed once (as exact).
    """
    tr = [_fold(r[key]) for r in train]
    ev = [_fold(r[eval_key]) for r in eval_records]
    where: dict[str, int] = {}
    for j, t in enumerate(ev):
        where.setdefault(t, j)
    report = LeakReport(len(tr), len(ev), threshold)
    report.exact = [(i, where[t]) for i, t in enumerate(tr) if t in where]
    if threshold is not None:
        exact = {i for i, _ in report.exact}
        pairs = near_duplicate_pairs(tr + ev, threshold, n=n, method=method)
        report.near = [(i, j - len(tr), sim) for i, j, sim in pairs
                       if i < len(tr) <= j and i not in exact]
    return report


def drop_leaked(train, eval_records, *, threshold: float | None = 0.8, n: int = 3,
                method: str = "minhash"):
    """Remove training records that leak into the evaluation prompts (see :func:`leakage_check`)."""
    leak = leakage_check(train, eval_records, threshold=threshold, n=n, method=method)
    drop = set(leak.leaked)
    out = [r for i, r in enumerate(train) if i not in drop]
    examples = [{"train": train[i]["prompt"], "eval": eval_records[j]["prompt"], "jaccard": round(sim, 3)}
                for i, j, sim in leak.near[:3]]
    details = {"exact": len({i for i, _ in leak.exact}), "near": len({i for i, *_ in leak.near})}
    return out, StepReport("drop_leaked", len(train), len(out), 0, sorted(drop), details, examples)


def clean_steps(records, kind: str, *, eval_records=None, min_chars: int = 1, max_chars: int = 2000,
                near_threshold: float | None = 0.8, n: int = 3, method: str = "minhash"):
    """All lesson steps in order; returns ``(records, [StepReport, ...])``.

    drop_invalid -> normalize -> filter_length -> dedupe_exact -> dedupe_near (if ``near_threshold``)
    -> drop_leaked (if ``eval_records``; exact, plus near when ``near_threshold``).
    """
    steps = []
    records, r = drop_invalid(records, kind)
    steps.append(r)
    records, r = normalize_records(records, kind)
    steps.append(r)
    records, r = filter_length(records, kind, min_chars=min_chars, max_chars=max_chars)
    steps.append(r)
    records, r = dedupe_exact(records, kind)
    steps.append(r)
    if near_threshold is not None:
        records, r = dedupe_near(records, kind, threshold=near_threshold, n=n, method=method)
        steps.append(r)
    if eval_records is not None:
        records, r = drop_leaked(records, eval_records, threshold=near_threshold, n=n, method=method)
        steps.append(r)
    return records, steps
