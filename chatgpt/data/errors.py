"""Exceptions raised by :mod:`chatgpt.data`.

Every error names the file (and where possible the record or line) that
caused it, so that a learner can open the file and fix it.
"""

from __future__ import annotations

__all__ = ["DataFormatError", "DataWarning", "DownloadError"]


class DataFormatError(ValueError):
    """A data file cannot be parsed or does not follow the expected schema.

    Attributes:
        path: the offending file (``None`` for in-memory records).
        problems: the individual problem messages (may be empty for parse
            errors, where the message itself says everything).
    """

    def __init__(self, message: str, *, path=None, problems=None):
        super().__init__(message)
        self.path = path
        self.problems = list(problems or [])


class DownloadError(RuntimeError):
    """Fetching the original KoChatGPT files failed (offline, HTTP error,
    wrong content).  The message says what to do by hand instead."""


class DataWarning(UserWarning):
    """Something worth knowing that does not stop loading: a UTF-8 BOM that
    was stripped, duplicate records that were accepted, ..."""
