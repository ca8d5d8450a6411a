"""Fault reports of real-world data files, and loading that cleans or refuses.

The original KoChatGPT files are not clean (the PPO file, 12,000 prompts,
holds 3 empty prompts and 52 exact duplicates).  Rejecting such a file as a
whole leaves a learner with nothing; keeping it as is trains on faults.  So
every file is read as it is and described by a :class:`FaultReport`: for
each fault class of :data:`chatgpt.data.schema.FAULT_CODES` (empty texts,
exact duplicates, RM rankings that are not permutations, identical RM
completions, over-long texts, missing keys, wrong types, text not in NFC,
optionally near-duplicates) the number of records that have it and the
first record numbers (0-based, as in every message of :mod:`chatgpt.data`),
plus how the file was written (JSON array or JSON Lines, BOM, CRLF).

:func:`load_checked` is what the loaders use:

* default (``strict=False``): a file with faults is cleaned with
  :func:`chatgpt.data.clean.clean_records` and both reports are printed
  (faults by class, then kept / removed / modified counts), so nothing is
  dropped silently;
* ``strict=True``: a file whose faults would make cleaning drop a record
  raises :class:`~chatgpt.data.errors.DataFormatError` carrying the report.

A clean file is returned untouched and prints nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .clean import CleanReport, clean_records
from .errors import DataFormatError
from .io import ReadInfo, read_records_info
from .neardup import near_duplicate_pairs
from .schema import FAULT_CODES, TEXT_KEYS, Issue, ValidationReport, detect_file_kind, validate_records

__all__ = ["DEFAULT_MAX_CHARS", "FaultClass", "FaultReport", "fault_report", "file_fault_report", "load_checked"]

DEFAULT_MAX_CHARS = 2000   # longer text fields are "too_long" (the same default as clean_records)
N_FIRST = 5                # record numbers listed per fault class


@dataclass
class FaultClass:
    """One fault class in one file: ``count`` records, the first record numbers, one example message."""

    code: str
    severity: str
    count: int = 0
    first: list[int] = field(default_factory=list)
    example: str = ""
    seen: set = field(default_factory=set, repr=False)   # record numbers counted so far


@dataclass
class FaultReport:
    """Everything wrong with one file (or list of records), grouped by fault class."""

    file: str
    kind: str
    n_records: int
    format: str | None = None       # "json" (array) / "jsonl" / None (in-memory records)
    had_bom: bool = False
    crlf: bool = False
    classes: dict[str, FaultClass] = field(default_factory=dict)
    validation: ValidationReport | None = None

    @property
    def errors(self) -> dict[str, FaultClass]:
        """Fault classes that make cleaning drop records (and strict loading fail)."""
        return {c: f for c, f in self.classes.items() if f.severity == "error"}

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def clean(self) -> bool:
        """No fault of any class (warnings included) and no BOM."""
        return not self.classes

    def counts(self) -> dict[str, int]:
        """``{fault class: number of records}`` in the order of :data:`FAULT_CODES`."""
        return {c: f.count for c, f in self.classes.items()}

    @property
    def faulty_records(self) -> int:
        """Records with at least one error-class fault."""
        idx = {i.index for i in (self.validation.errors if self.validation else []) if i.index is not None}
        return len(idx)

    def summary(self, n_first: int = N_FIRST) -> str:
        """A header line, then one line per fault class: count, first record numbers, an example."""
        form = {"json": "JSON array", "jsonl": "JSON Lines", None: "records"}[self.format]
        notes = [n for n, on in (("UTF-8 BOM", self.had_bom), ("CRLF line endings", self.crlf)) if on]
        head = f"{self.file}: {self.n_records} {self.kind} records ({form}{''.join(', ' + n for n in notes)})"
        if self.clean:
            return head + ": no faults"
        lines = [head + f": {self.faulty_records} record(s) with faults"]
        for code, f in self.classes.items():
            first = ("records " + ", ".join(map(str, f.first[:n_first])) + (", ..." if f.count > n_first else "")
                     if f.first else "(the file)")
            tag = "" if f.severity == "error" else " (warning)"
            example = f"  e.g. {f.example}" if f.example else ""
            lines.append(f"  {code:<22}{f.count:>6}  {first}{tag}{example}")
        lines.append("  (record numbers are 0-based)")
        return "\n".join(lines)

    __str__ = summary

    def raise_if_faults(self) -> None:
        """Raise :class:`DataFormatError` with the summary when any error-class fault is present."""
        if self.errors:
            problems = [str(i) for i in self.validation.errors] if self.validation else []
            raise DataFormatError(self.summary(), path=self.file, problems=problems)


def _add(report: FaultReport, code: str, severity: str, index: int | None, message: str) -> None:
    f = report.classes.setdefault(code, FaultClass(code, severity))
    if index is None or index not in f.seen:   # count records, not fields
        f.count += 1
        if index is not None:
            f.seen.add(index)
            if len(f.first) < N_FIRST:
                f.first.append(index)
    if not f.example:
        f.example = message


def fault_report(records, kind: str | None = None, path="", *, info: ReadInfo | None = None,
                 max_chars: int | None = DEFAULT_MAX_CHARS, allow_duplicates: bool = False,
                 near_dup_threshold: float | None = None) -> FaultReport:
    """The :class:`FaultReport` of in-memory ``records`` (``info``: how they were read, if from a file).

    ``allow_duplicates`` makes exact duplicates a warning; ``near_dup_threshold`` (e.g. 0.8) adds the
    ``near_duplicate`` class (prompts, or whole RM records, with character 3-gram Jaccard >= threshold
    that are not exact duplicates; a warning: cleaning does not remove them).
    """
    file = str(path)
    kind = kind or detect_file_kind(records, file)
    val = validate_records(records, kind, file, allow_duplicates=allow_duplicates, max_chars=max_chars)
    report = FaultReport(file, kind, len(records), info.format if info else None,
                         bool(info and info.had_bom), bool(info and info.crlf), validation=val)
    if report.had_bom:
        _add(report, "bom", "warning", None, "")
    by_code: dict[str, list[Issue]] = {}
    for issue in val.issues:
        by_code.setdefault(issue.code or "unreadable", []).append(issue)
    for code in FAULT_CODES:           # fixed order, whatever order the issues came in
        for issue in by_code.get(code, []):
            _add(report, code, issue.severity, issue.index,
                 issue.message if issue.index is None else f"record {issue.index}: {issue.message}")
    if near_dup_threshold is not None:
        dups = {i.index for i in by_code.get("duplicate", [])}
        ok = [i for i, r in enumerate(records) if isinstance(r, dict)
              and all(isinstance(r.get(k), str) for k in TEXT_KEYS[kind]) and i not in dups]
        texts = ["\n".join(records[i][k] for k in (TEXT_KEYS[kind] if kind == "rm" else ("prompt",))) for i in ok]
        for a, b, sim in near_duplicate_pairs(texts, near_dup_threshold):
            if texts[a] != texts[b]:
                _add(report, "near_duplicate", "warning", ok[b],
                     f"record {ok[b]} is similar to record {ok[a]} (Jaccard {sim:.2f})")
        if "near_duplicate" in report.classes:   # keep the fixed order: move it after "duplicate"
            report.classes = {c: report.classes[c] for c in ["bom", *FAULT_CODES] if c in report.classes}
    return report


def file_fault_report(path, kind: str | None = None, **kwargs) -> FaultReport:
    """Read ``path`` as it is (JSON array or JSON Lines, BOM, CRLF) and return its :class:`FaultReport`.

    A file that cannot be parsed at all raises :class:`DataFormatError` (there are no records to report on).
    """
    records, info = read_records_info(path)
    return fault_report(records, kind, path, info=info, **kwargs)


def load_checked(path, kind: str, *, strict: bool = False, allow_duplicates: bool = False,
                 max_chars: int = DEFAULT_MAX_CHARS, verbose: bool = True) -> tuple[list[dict], FaultReport,
                                                                                    CleanReport | None]:
    """Read ``path``; return ``(records, FaultReport, CleanReport or None)``.

    A clean file comes back as is.  Otherwise, with ``strict=False`` the records are cleaned
    (:func:`clean_records`, duplicates kept when ``allow_duplicates``) and, with ``verbose``, the fault
    report and the cleaning counts are printed; with ``strict=True`` a file with error-class faults
    raises :class:`DataFormatError` with the report, and so does one whose cleaning would drop records
    (e.g. an NFD and an NFC copy of one prompt); warnings (BOM, text not in NFC) are fixed.
    """
    records, info = read_records_info(path)
    report = fault_report(records, kind, path, info=info, max_chars=max_chars, allow_duplicates=allow_duplicates)
    if report.clean:
        return records, report, None
    if strict:
        report.raise_if_faults()
    if set(report.classes) == {"bom"}:
        if verbose:
            print(f"[data] {report.summary()}")
        return records, report, None
    cleaned, creport = clean_records(records, kind, max_chars=max_chars, dedupe=not allow_duplicates)
    if strict and creport.kept < creport.total:
        raise DataFormatError(f"{report.summary()}\ncleaning would remove records: {creport}", path=path)
    if verbose:
        print(f"[data] {report.summary()}\n[data] cleaned {creport}"
              + ("" if strict else "\n[data] (strict=True, or --strict-data in the pipeline, stops on faults instead)"))
    return cleaned, report, creport
