"""Schemas of the four KoChatGPT file kinds, and their validation.

=======  =====================================================  ==========
kind     required keys                                          optional
=======  =====================================================  ==========
``sft``  prompt: str, completion: str, tokens: int              category
``rm``   prompt, completion_0, completion_1, completion_2: str; category
         ranking: permutation of [0, 1, 2] (see :mod:`.pairs`)
``ppo``  prompt: str                                            category
``eval`` prompt: str, reference: str, category: str             -
=======  =====================================================  ==========

Validation collects *every* problem as an :class:`Issue` (file, 0-based
record index, key, message, fault class ``code``) instead of stopping at the
first one: missing/unknown keys, wrong types (``bool`` is not accepted as
``int``), empty or whitespace-only strings, bad rankings, identical RM
completions, texts over ``max_chars`` (when given), duplicates (same prompt
for sft/ppo/eval, same whole record for rm) and, as warnings, texts not in
Unicode NFC.  The fault classes are listed in :data:`FAULT_CODES`;
:mod:`chatgpt.data.faults` groups the issues by class into a fault report.

Issues have a severity: ``"error"`` or ``"warning"``.  A stripped UTF-8 BOM
is a warning; duplicates are errors unless ``allow_duplicates=True`` (the
original KoChatGPT files contain some), in which case they are warnings.
``strict=True`` raises :class:`DataFormatError` if there is any error.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .errors import DataFormatError
from .io import read_records_info
from .pairs import COMPLETION_KEYS, ranking_problem

__all__ = [
    "KINDS", "REQUIRED_KEYS", "OPTIONAL_KEYS", "TEXT_KEYS",
    "Issue", "ValidationReport",
    "detect_kind", "detect_file_kind", "record_faults", "record_problems", "validate_records", "validate_file",
    "FAULT_CODES",
]

KINDS = ("sft", "rm", "ppo", "eval")

#: key -> expected type ("ranking" is checked separately).
REQUIRED_KEYS: dict[str, dict[str, type]] = {
    "sft": {"prompt": str, "completion": str, "tokens": int},
    "rm": {"prompt": str, **{k: str for k in COMPLETION_KEYS}, "ranking": list},
    "ppo": {"prompt": str},
    "eval": {"prompt": str, "reference": str, "category": str},
}
OPTIONAL_KEYS: dict[str, dict[str, type]] = {
    "sft": {"category": str}, "rm": {"category": str}, "ppo": {"category": str}, "eval": {},
}
#: Free-text fields of each kind (what cleaning and length statistics look at).
TEXT_KEYS: dict[str, tuple[str, ...]] = {
    "sft": ("prompt", "completion"),
    "rm": ("prompt", *COMPLETION_KEYS),
    "ppo": ("prompt",),
    "eval": ("prompt", "reference"),
}

MAX_LISTED = 10  # problems shown in a strict-mode error message

#: Fault classes (``Issue.code``) and what each means.  Errors make cleaning drop the record;
#: ``not_nfc`` and ``bom`` are warnings (fixed on reading/cleaning).
FAULT_CODES: dict[str, str] = {
    "missing_key": "a required key is missing",
    "wrong_type": "a value has the wrong type (bool is not int; tokens < 0)",
    "unknown_key": "a key the schema does not know",
    "empty": "an empty or whitespace-only text",
    "bad_ranking": "an RM ranking that is not a permutation of 0..2",
    "identical_completions": "an RM record with two identical completions (after NFC + whitespace folding)",
    "too_long": "a text longer than max_chars characters",
    "duplicate": "an exact duplicate (same prompt; same whole record for rm)",
    "near_duplicate": "a near-duplicate prompt (character n-gram Jaccard >= threshold; only when asked for)",
    "not_nfc": "text not in Unicode NFC (e.g. decomposed Hangul jamo); normalised on loading",
    "no_records": "the file holds no records",
    "unreadable": "the file cannot be parsed",
    "bom": "the file starts with a UTF-8 BOM (stripped on reading)",
}


@dataclass(frozen=True)
class Issue:
    """One problem.  ``index`` is the 0-based record index (``None`` for
    file-level problems), ``key`` the offending key if any."""

    file: str
    index: int | None
    key: str | None
    message: str
    severity: str = "error"
    code: str | None = None       # fault class, a key of FAULT_CODES

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        if self.index is not None:
            where += f"record {self.index}: "
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}{prefix}{self.message}"


@dataclass
class ValidationReport:
    """Result of validating one file (or list of records)."""

    file: str
    kind: str | None
    n_records: int
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors

    def summary(self, limit: int = MAX_LISTED) -> str:
        """Multi-line text: a header and the first ``limit`` problems."""
        errs = self.errors
        lines = [f"{self.file}: {len(errs)} problem(s) in {self.n_records} {self.kind or '?'} records"]
        lines += [f"  {i}" for i in errs[:limit]]
        if len(errs) > limit:
            lines.append(f"  ... and {len(errs) - limit} more")
        return "\n".join(lines)

    def raise_if_errors(self) -> None:
        """Raise :class:`DataFormatError` listing the first problems."""
        if self.errors:
            raise DataFormatError(self.summary(), path=self.file, problems=[str(i) for i in self.errors])


def detect_kind(record: dict) -> str:
    """Kind of one record from its keys: ``ranking``/``completion_N`` -> rm,
    ``completion``/``tokens`` -> sft, ``reference`` -> eval, otherwise a
    ``prompt`` -> ppo.  Raises :class:`DataFormatError` if undecidable."""
    if not isinstance(record, dict):
        raise DataFormatError(f"cannot detect kind of a {type(record).__name__}; expected an object")
    keys = set(record)
    if "ranking" in keys or keys & set(COMPLETION_KEYS):
        return "rm"
    if "completion" in keys or "tokens" in keys:
        return "sft"
    if "reference" in keys:
        return "eval"
    if "prompt" in keys:
        return "ppo"
    raise DataFormatError(f"cannot detect the kind of a record with keys {sorted(keys)}")


def detect_file_kind(records: list, path="") -> str:
    """The most common record kind in ``records`` (first seen wins ties)."""
    counts: Counter = Counter()
    for rec in records:
        try:
            counts[detect_kind(rec)] += 1
        except DataFormatError:
            pass
    if not counts:
        raise DataFormatError(f"{path}: cannot detect the kind of file (no recognisable records)", path=path)
    return counts.most_common(1)[0][0]


def _type_name(value) -> str:
    return type(value).__name__


def record_faults(record, kind: str, *, max_chars: int | None = None) -> list[tuple[str, str | None, str]]:
    """Problems of one record as ``(code, key, message)`` triples (duplicates are not checked here).

    ``code`` is a fault class of :data:`FAULT_CODES`.  ``max_chars`` (``None`` = no limit) flags
    over-long text fields as ``too_long``; RM records with two equal completions (after NFC and
    whitespace folding) are ``identical_completions``.
    """
    if not isinstance(record, dict):
        return [("wrong_type", None, f"expected an object, got {_type_name(record)}")]
    required, optional = REQUIRED_KEYS[kind], OPTIONAL_KEYS[kind]
    problems: list[tuple[str, str | None, str]] = []
    for key in required:
        if key not in record:
            problems.append(("missing_key", key, f"missing key '{key}'"))
    for key in record:
        if key not in required and key not in optional:
            problems.append(("unknown_key", key, f"unknown key '{key}' for a {kind} record"))
    for key, typ in {**required, **optional}.items():
        if key not in record:
            continue
        value = record[key]
        if key == "ranking":
            msg = ranking_problem(value)
            if msg:
                problems.append(("bad_ranking", key, msg))
        elif typ is int:
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(("wrong_type", key, f"'{key}' should be int, got {_type_name(value)} ({value!r})"))
            elif value < 0:
                problems.append(("wrong_type", key, f"'{key}' should be >= 0, got {value}"))
        elif not isinstance(value, typ):
            problems.append(("wrong_type", key,
                             f"'{key}' should be {typ.__name__}, got {_type_name(value)} ({value!r:.40})"))
        elif typ is str and not value.strip():
            problems.append(("empty", key, f"'{key}' is empty" if not value else f"'{key}' is whitespace only"))
        elif typ is str and max_chars is not None and key in TEXT_KEYS[kind] and len(value) > max_chars:
            problems.append(("too_long", key, f"'{key}' has {len(value)} characters (> max_chars={max_chars})"))
    if kind == "rm":
        texts = [record.get(k) for k in COMPLETION_KEYS]
        if all(isinstance(t, str) and t.strip() for t in texts):
            folded = [_fold(t) for t in texts]
            same = [(a, b) for a in range(len(folded)) for b in range(a + 1, len(folded)) if folded[a] == folded[b]]
            if same:
                a, b = same[0]
                problems.append(("identical_completions", COMPLETION_KEYS[b],
                                 f"'{COMPLETION_KEYS[a]}' and '{COMPLETION_KEYS[b]}' are identical"))
    return problems


def _fold(text: str) -> str:
    """NFC + whitespace runs to one space (how texts are compared for identity)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def record_problems(record, kind: str) -> list[tuple[str | None, str]]:
    """Schema problems of one record as ``(key, message)`` pairs (see :func:`record_faults`)."""
    return [(key, msg) for _, key, msg in record_faults(record, kind)]


def _not_nfc_keys(record, kind: str) -> list[str]:
    if not isinstance(record, dict):
        return []
    return [k for k in TEXT_KEYS[kind]
            if isinstance(record.get(k), str) and not unicodedata.is_normalized("NFC", record[k])]


def _dup_key(record, kind: str):
    if not isinstance(record, dict):
        return None
    if kind == "rm":
        return json.dumps(record, sort_keys=True, ensure_ascii=False)
    prompt = record.get("prompt")
    return prompt if isinstance(prompt, str) and prompt.strip() else None


def validate_records(records, kind: str | None = None, path="", *, allow_duplicates: bool = False,
                     strict: bool = False, max_chars: int | None = None) -> ValidationReport:
    """Validate in-memory ``records`` of ``kind`` (detected if ``None``).

    ``path`` is only used in messages.  Returns a :class:`ValidationReport`;
    with ``strict=True`` raises :class:`DataFormatError` on any error.
    ``max_chars`` (default: no limit) reports longer text fields as ``too_long``.
    Texts not in NFC are ``not_nfc`` warnings.  Every issue carries its fault class
    (``Issue.code``, see :data:`FAULT_CODES`).
    """
    file = str(path)
    if kind is None:
        kind = detect_file_kind(records, file)
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    report = ValidationReport(file, kind, len(records))
    if not records:
        report.issues.append(Issue(file, None, None, "file has no records", code="no_records"))
    seen: dict = {}
    dup_severity = "warning" if allow_duplicates else "error"
    what = "record" if kind == "rm" else "prompt"
    for i, rec in enumerate(records):
        for code, key, msg in record_faults(rec, kind, max_chars=max_chars):
            report.issues.append(Issue(file, i, key, msg, code=code))
        for key in _not_nfc_keys(rec, kind):
            report.issues.append(Issue(file, i, key, f"'{key}' is not in Unicode NFC (normalised on loading)",
                                       "warning", code="not_nfc"))
        dk = _dup_key(rec, kind)
        if dk is None:
            continue
        if dk in seen:
            report.issues.append(Issue(file, i, None if kind == "rm" else "prompt",
                                       f"duplicate {what} (same as record {seen[dk]})", dup_severity,
                                       code="duplicate"))
        else:
            seen[dk] = i
    if strict:
        report.raise_if_errors()
    return report


def validate_file(path, kind: str | None = None, *, strict: bool = False,
                  allow_duplicates: bool = False, max_chars: int | None = None) -> ValidationReport:
    """Read and validate one file.

    A file that cannot be parsed gives a report with a single file-level
    error (or raises, with ``strict=True``).  A stripped BOM is reported as
    a warning issue.
    """
    file = str(path)
    try:
        records, info = read_records_info(path)
        if kind is None:
            kind = detect_file_kind(records, file)
    except DataFormatError as e:
        if strict:
            raise
        msg = str(e)
        if msg.startswith(f"{file}: "):
            msg = msg[len(file) + 2:]
        return ValidationReport(file, kind, 0, [Issue(file, None, None, msg, code="unreadable")])
    report = validate_records(records, kind, file, allow_duplicates=allow_duplicates, max_chars=max_chars)
    if info.had_bom:
        report.issues.insert(0, Issue(file, None, None, "file starts with a UTF-8 BOM (stripped on reading)",
                                      "warning", code="bom"))
    if strict:
        report.raise_if_errors()
    return report
