"""Evidence readers for the rubric checker (:mod:`chatgpt.rubric`): the check records and the strict readers.

Every reader raises :class:`_Missing` with a reason that names the key path or file, so a check becomes MISSING
with that reason instead of crashing; :func:`_run` turns one check function into a :class:`Check`.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

ITEMS = {1: "데이터 정제와 디코딩 (BLEU/ROUGE vs 주관 평가)", 2: "새 데이터 / AI 피드백으로 사람 피드백 대체",
         3: "더 나은 학습 또는 모델 (설정·어댑터·베이스 모델)"}
EVIDENCE_VERSION = 1
MIN_PROMPTS, MIN_STRATEGIES, MIN_RATED, MIN_RM_RECORDS = 8, 3, 5, 20
TOL_BLEU, TOL_FRACTION = 0.05, 1e-3        # BLEU is 0–100; ROUGE, accuracies, means are compared at 1e-3


@dataclass
class Check:
    id: str
    title: str
    status: str                 # PASS | MISSING | NOTE
    reason: str
    evidence: dict = field(default_factory=dict)


@dataclass
class ItemResult:
    item: int
    title: str
    source: str = ""
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.status != "MISSING" for c in self.checks)


class _Missing(Exception):
    """Raised inside a check: the evidence is missing or inconsistent (message = reason)."""


# ----------------------------------------------------------------------------------------- small readers

def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _get(d, *keys, what: str):
    """``d[k1][k2]…`` or :class:`_Missing` naming the key path."""
    cur = d
    for k in keys:
        if not isinstance(cur, dict) or k not in cur or cur[k] is None:
            raise _Missing(f"evidence.json has no `{'.'.join(map(str, keys))}` ({what})")
        cur = cur[k]
    return cur


def _file(base: Path, rel, what: str) -> Path:
    if not isinstance(rel, str) or not rel:
        raise _Missing(f"no file named for {what}")
    p = Path(rel) if Path(rel).is_absolute() else base / rel
    if not p.is_file():
        raise _Missing(f"{what}: file {rel} not found — numbers without the file that produced them")
    return p


def _json(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as e:
        raise _Missing(f"{what}: {path.name} is not readable JSON ({e})") from None


def _num(x, what: str) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        raise _Missing(f"{what} is not a finite number: {x!r}")
    return float(x)


def _same(claimed, actual: float, tol: float, what: str) -> None:
    if abs(_num(claimed, what) - actual) > tol:
        raise _Missing(f"{what}: evidence says {claimed:.4f} but the files give {actual:.4f}")


def _text(x, what: str, min_chars: int = 15) -> str:
    if not isinstance(x, str) or len(x.strip()) < min_chars or "TODO" in x:
        raise _Missing(f"{what} is not written (at least {min_chars} characters, no TODO)")
    return x.strip()


def _run(checks: list[Check], cid: str, title: str, fn, note: bool = False) -> None:
    """Run one check function; it returns (reason, evidence) or raises _Missing."""
    try:
        reason, ev = fn()
        checks.append(Check(cid, title, "PASS", reason, ev))
    except _Missing as e:
        checks.append(Check(cid, title, "NOTE" if note else "MISSING", str(e)))
    except Exception as e:                                        # defensive: evidence never crashes the checker
        checks.append(Check(cid, title, "NOTE" if note else "MISSING", f"could not read the evidence: "
                                                                          f"{type(e).__name__}: {e}"))


def pair_accuracy(pairs) -> float:
    """Share of pairs scored chosen > rejected (ties ½) — the RM's pairwise accuracy."""
    if not pairs:
        raise _Missing("score file has no pairs")
    tot = 0.0
    for p in pairs:
        a, b = _num(p.get("chosen"), "chosen score"), _num(p.get("rejected"), "rejected score")
        tot += 1.0 if a > b else 0.5 if a == b else 0.0
    return tot / len(pairs)

