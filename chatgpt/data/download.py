"""Fetching the three original KoChatGPT files (SFT, RM, PPO).

:func:`download_kochatgpt` downloads them with :mod:`urllib` from
:data:`ORIGINAL_BASE_URL`, checks that each parses, follows the schema and
has the expected number of records, and only then moves it into place
(atomically).  Duplicates are accepted (the originals contain some) and
reported with a :class:`DataWarning`.

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
from .io import atomic_write_bytes, read_records_info
from .loaders import DATA_DIR_ENV, PPO_FILE, RM_FILE, SFT_FILE
from .schema import validate_records

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


def _check(path: Path, name: str, expected: int | None) -> None:
    """Raise DataFormatError/DownloadError if ``path`` is not a good ``name``."""
    records, _ = read_records_info(path)
    report = validate_records(records, ORIGINAL_FILES[name], name, allow_duplicates=True, strict=True)
    if expected is not None and len(records) != expected:
        raise DownloadError(f"{name}: expected {expected} records, got {len(records)}")
    if report.warnings:
        warnings.warn(f"{name}: {len(report.warnings)} duplicate record(s) accepted, e.g. {report.warnings[0]}",
                      DataWarning, stacklevel=3)


def download_kochatgpt(dest, *, base_url: str = ORIGINAL_BASE_URL, expected_counts=ORIGINAL_COUNTS,
                       timeout: float = 10.0, force: bool = False) -> dict[str, Path]:
    """Download the SFT, RM and PPO files into directory ``dest``.

    Returns ``{file name: path}``.  Files already in ``dest`` that pass the
    checks are kept unless ``force=True``.  ``expected_counts=None`` skips
    the record-count check.  Raises :class:`DownloadError` on any network
    problem (quickly when offline) or when a file is malformed.
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
                _check(target, name, counts.get(name))
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
    try:
        for name in todo:  # download and check everything before installing anything
            url = base_url + name
            tmps[name] = atomic_write_bytes(dest / f".{name}.download", _download(url, timeout, dest))
            try:
                _check(tmps[name], name, counts.get(name))
            except (DataFormatError, DownloadError) as e:
                raise DownloadError(f"downloaded {url} is not a valid {ORIGINAL_FILES[name]} file "
                                    f"(not installed):\n{e}") from e
    except BaseException:
        for tmp in tmps.values():
            tmp.unlink(missing_ok=True)
        raise
    for name, tmp in tmps.items():
        paths[name] = tmp.replace(dest / name)
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
