"""Print the sha256 of generated pretraining corpora, to check that the generator is unchanged bit for bit.

Each line hashes ``"\\n".join(generate_corpus(...)).encode("utf-8")`` for one call:

* ``default``  -- the tiny model's real call (:func:`chatgpt.tiny.corpus_documents` with the default
  ``TinyConfig``: 3,300,000 bytes, seed 0, the SFT/PPO texts mixed in and the eval texts excluded);
* ``plain-*``  -- ``generate_corpus()`` with its defaults (procedural text only, no extras/excludes);
* ``small-*``  -- procedural text only at a few smaller sizes and seeds.

Usage: ``python tools/corpus_hash.py [--quick] [--check]``. ``--quick`` skips the two 3.3 MB corpora
(~2 s each); ``--check`` compares with :data:`RECORDED` and exits 1 on any difference. The recorded values
were printed by the generator before its lexicon moved to ``data_kochatgpt/corpus_lexicon/`` (commit
1181083) and must stay identical.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# name -> (target_bytes, seed); "default" is TinyConfig()'s call with extras and excludes
SMALL_CASES = {"small-200k-s1": (200_000, 1), "small-50k-s2": (50_000, 2), "small-500k-s3": (500_000, 3)}
PLAIN_CASES = {"plain-3.3M-s0": (3_300_000, 0)}   # generate_corpus() with its defaults, no extras
RECORDED = {   # from the pre-move generator (commit 1181083)
    "default": "aad6b3f30b0f32a1f4dfeb101f672c8c5ca0264605f7b2e942b540be160b4ce1",
    "plain-3.3M-s0": "12c2c48431a2aea8484e3b2c3bfd4e9d3adb2f6cc2733984f524d13d7ab87f2b",
    "small-200k-s1": "d3e78ce86ae23a2944a546b19b40fc16ed5cbe2ef03a0a48bb1367004bcdad93",
    "small-50k-s2": "ddb8f31a3b628b665f55d1f755ea6567f5c9b4fe775eb60764bab7f54aded6f3",
    "small-500k-s3": "fffa69bda7a2d449754ebb3aa213b4f623a2ce23b9b6ac6e94932fd1e2f8ca29",
}


def corpus_sha256(docs: list[str]) -> str:
    return hashlib.sha256("\n".join(docs).encode("utf-8")).hexdigest()


def compute(quick: bool = False) -> dict[str, tuple[str, float]]:
    from chatgpt.data.corpus import generate_corpus
    out = {}
    if not quick:
        from chatgpt.tiny import TinyConfig, corpus_documents
        t0 = time.perf_counter()
        docs = corpus_documents(TinyConfig())
        out["default"] = (corpus_sha256(docs), time.perf_counter() - t0)
    cases = dict(SMALL_CASES) if quick else {**PLAIN_CASES, **SMALL_CASES}
    for name, (n, seed) in cases.items():
        t0 = time.perf_counter()
        docs = generate_corpus(target_bytes=n, seed=seed)
        out[name] = (corpus_sha256(docs), time.perf_counter() - t0)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the 3.3 MB default corpus")
    ap.add_argument("--check", action="store_true", help="compare with the recorded hashes")
    args = ap.parse_args(argv)
    bad = 0
    for name, (digest, seconds) in compute(args.quick).items():
        status = ""
        if args.check:
            ok = RECORDED.get(name) == digest
            bad += not ok
            status = "  OK" if ok else f"  MISMATCH (recorded {RECORDED.get(name)})"
        print(f"{name:15s} {digest}  {seconds:5.2f}s{status}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
