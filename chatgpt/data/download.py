"""Fetching the three original KoChatGPT files (SFT, RM, PPO).

:func:`download_kochatgpt` downloads them with :mod:`urllib` from
:data:`ORIGINAL_BASE_URL`, checks that each parses as a file of its kind and
has the expected number of records, and only then moves it into place
(atomically), **as downloaded**.  The originals are not clean (the PPO file
has 3 empty prompts and 52 exact duplicates): each file's
:class:`~chatgpt.data.faults.FaultReport` (fault classes, counts, first
record numbers) is printed and summed up in a :class:`DataWarning`, and the
loaders clean the file when it is read (see :mod:`chatgpt.data.loaders`).
``strict=True`` (``python -m chatgpt.data download --strict``) refuses a file
with faults instead, installing nothing.

Offline, it fails at once: the host is resolved and connected to with a
short timeout before anything else, and every network error becomes a
:class:`DownloadError` that says how to get the files by hand.
"""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

from .errors import DataFormatError, DataWarning, DownloadError
from .faults import FaultReport, fault_report
from .io import atomic_write_bytes, read_records_info
from .loaders import DATA_DIR_ENV, PPO_FILE, RM_FILE, SFT_FILE
from .schema import detect_file_kind

__all__ = ["ORIGINAL_BASE_URL", "ORIGINAL_REPO_URL", "ORIGINAL_FILES", "ORIGINAL_COUNTS", "download_kochatgpt"]

ORIGINAL_BASE_URL = "https://raw.githubusercontent.com/airobotlab/KoChatGPT/main/data_kochatgpt/"
ORIGINAL_REPO_URL = "https://github.com/airobotlab/KoChatGPT/tree/main/data_kochatgpt"
#: file name -> kind
ORIGINAL_FILES = {SFT_FILE: "sft", RM_FILE: "rm", PPO_FILE: "ppo"}
#: file name -> number of records in the original files
ORIGINAL_COUNTS = {SFT_FILE: 12000, RM_FILE: 10220, PPO_FILE: 12000}

PREFLIGHT_TIMEOUT = 3.0  # seconds for DNS + TCP connect before downloading


def _hint(dest: Path) -> str:
    return (f"If you are offline or the download keeps failing, download the three files by hand from "
            f"{ORIGINAL_REPO_URL} and put them in {dest}, then set {DATA_DIR_ENV}={dest}")


def _preflight(base_url: str, timeout: float) -> None:
    """Resolve and connect to the host of ``base_url`` within ``timeout``."""
    parts = urllib.parse.urlsplit(base_url)
    host = parts.hostname
    if not host:
        raise OSError(f"no host in URL {base_url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    result: dict = {}

    def resolve():  # getaddrinfo has no timeout of its own: run it in a thread
        try:
            result["addr"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as e:
            result["error"] = e

    t = threading.Thread(target=resolve, daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise TimeoutError(f"resolving {host} took more than {timeout:g} s")
    if "error" in result:
        raise OSError(f"cannot resolve {host}: {result['error']}")
    with socket.create_connection((host, port), timeout=timeout):
        pass


def _fetch(url: str, timeout: float) -> bytes:
    req = urllib.request.Request(url, headers={"User-Agent": "chatgpt-course-data/1.0"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.read()


def _check(path: Path, name: str, expected: int | None, strict: bool = False) -> FaultReport:
    """The fault report of ``path`` as file ``name``.

    Raises :class:`DataFormatError` when it does not parse or (``strict``) has faults, and
    :class:`DownloadError` when it has not ``expected`` records (a truncated or wrong file).
    """
    kind = ORIGINAL_FILES[name]
    try:
        records, info = read_records_info(path)
        detected = detect_file_kind(records, name)
    except DataFormatError as e:
        raise DataFormatError(f"not a valid {kind} file:\n{e}", path=path) from e
    if detected != kind:
        raise DataFormatError(f"not a valid {kind} file: its records look like {detected} records", path=path)
    report = fault_report(records, kind, name, info=info)
    if expected is not None and report.n_records != expected:
        raise DownloadError(f"{name}: expected {expected} records, got {report.n_records}")
    if strict and report.errors:
        raise DataFormatError(f"it has faults (strict=True):\n{report.summary()}", path=path,
                              problems=[str(i) for i in report.validation.errors])
    return report


def _tell(report: FaultReport, verbose: bool) -> None:
    if report.clean:
        return
    if verbose:
        print(f"[download] {report.summary()}")
    counts = ", ".join(f"{c} {n}" for c, n in report.counts().items())
    warnings.warn(f"{report.file}: installed as downloaded with faults ({counts}); the loaders clean it "
                  f"on reading (pass strict=True to refuse it)", DataWarning, stacklevel=3)


def download_kochatgpt(dest, *, base_url: str = ORIGINAL_BASE_URL, expected_counts=ORIGINAL_COUNTS,
                       timeout: float = 10.0, force: bool = False, strict: bool = False,
                       verbose: bool = True) -> dict[str, Path]:
    """Download the SFT, RM and PPO files into directory ``dest``.

    Returns ``{file name: path}``.  Files already in ``dest`` that pass the
    checks are kept unless ``force=True``.  ``expected_counts=None`` skips
    the record-count check.  A file with faults is installed as downloaded
    and its fault report printed (``verbose``) and warned about; with
    ``strict=True`` it is refused.  Raises :class:`DownloadError` on any
    network problem (quickly when offline), when a file does not parse or
    has the wrong number of records, or (``strict``) has faults.
    """
    dest = Path(dest).expanduser()
    counts = expected_counts or {}
    if not base_url.endswith("/"):
        base_url += "/"
    paths: dict[str, Path] = {}
    todo = []
    for name in ORIGINAL_FILES:
        target = dest / name
        if target.is_file() and not force:
            try:
                _check(target, name, counts.get(name), strict)
                paths[name] = target
                continue
            except (DataFormatError, DownloadError):
                pass
        todo.append(name)
    if not todo:
        return paths
    try:
        _preflight(base_url, min(timeout, PREFLIGHT_TIMEOUT))
    except OSError as e:  # includes TimeoutError, ConnectionRefusedError, socket.gaierror
        raise DownloadError(f"cannot reach {base_url}: {e}.\n{_hint(dest)}") from e
    tmps: dict[str, Path] = {}
    reports: dict[str, FaultReport] = {}
    try:
        for name in todo:  # download and check everything before installing anything
            url = base_url + name
            tmps[name] = atomic_write_bytes(dest / f".{name}.download", _download(url, timeout, dest))
            try:
                reports[name] = _check(tmps[name], name, counts.get(name), strict)
            except (DataFormatError, DownloadError) as e:
                raise DownloadError(f"downloaded {url} was not installed: {e}") from e
    except BaseException:
        for tmp in tmps.values():
            tmp.unlink(missing_ok=True)
        raise
    for name, tmp in tmps.items():
        paths[name] = tmp.replace(dest / name)
        _tell(reports[name], verbose)
    return {name: paths[name] for name in ORIGINAL_FILES}


def _download(url: str, timeout: float, dest: Path) -> bytes:
    """Fetch ``url``; turn every network error into a :class:`DownloadError`."""
    try:
        return _fetch(url, timeout)
    except urllib.error.HTTPError as e:
        raise DownloadError(f"could not download {url}: HTTP {e.code} {e.reason}.\n{_hint(dest)}") from e
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise DownloadError(f"could not download {url}: {reason}.\n{_hint(dest)}") from e
