"""Command line: ``python -m chatgpt.data validate|stats|clean PATH...`` and ``download DEST``.

* ``validate PATH...``: one line per file, ``OK <kind> <n> records <path>``
  (plus any warnings), or ``FAIL`` and the problems, then the fault report
  (records per fault class, first record numbers; ``--near-dup 0.8`` adds
  near-duplicates); exit status 1 if any file has an error.
* ``download DEST``: fetch the original KoChatGPT files into DEST, as
  downloaded, printing each file's fault report; ``--strict`` refuses
  files with faults instead.
* ``stats PATH...``: record count, length table, categories and, for RM
  files, the two trivial baselines.
* ``clean PATH... --out DIR``: write cleaned files to DIR (same names) and
  print each :class:`~chatgpt.data.clean.CleanReport`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .clean import clean_records
from .errors import DataFormatError, DownloadError
from .faults import file_fault_report
from .io import read_records, write_records
from .schema import KINDS, detect_file_kind, validate_file
from .stats import file_stats


def cmd_validate(args) -> int:
    status = 0
    for path in args.paths:
        report = validate_file(path, args.kind, allow_duplicates=args.allow_duplicates, max_chars=args.max_chars)
        if report.ok:
            print(f"OK {report.kind} {report.n_records} records {path}")
        else:
            status = 1
            print(f"FAIL {report.summary(limit=args.limit)}")
        for w in report.warnings[:args.limit]:
            print(f"  {w}")
        if len(report.warnings) > args.limit:
            print(f"  ... and {len(report.warnings) - args.limit} more warning(s)")
        if (report.issues and report.n_records) or args.near_dup:
            try:
                faults = file_fault_report(path, report.kind, allow_duplicates=args.allow_duplicates,
                                           max_chars=args.max_chars, near_dup_threshold=args.near_dup)
            except DataFormatError:
                continue
            if not faults.clean:
                print("  fault report: " + faults.summary().replace("\n", "\n  "))
    return status


def cmd_download(args) -> int:
    from .download import ORIGINAL_BASE_URL, ORIGINAL_COUNTS, download_kochatgpt

    try:
        paths = download_kochatgpt(args.dest, base_url=args.base_url or ORIGINAL_BASE_URL, strict=args.strict,
                                   expected_counts=None if args.no_count_check else ORIGINAL_COUNTS)
    except DownloadError as e:
        print(f"FAIL {e}", file=sys.stderr)
        return 1
    for name, path in paths.items():
        print(f"installed {path}")
    return 0


def _print_stats(s: dict) -> None:
    print(f"{s['path']}: {s['kind']}, {s['n_records']} records")
    print(f"  {'field':<14}{'min':>8}{'mean':>10}{'median':>10}{'max':>8}   (characters)")
    for name, st in s["lengths"].items():
        print(f"  {name:<14}{st['min']:>8}{st['mean']:>10.1f}{st['median']:>10.1f}{st['max']:>8}")
    if s.get("token_lengths"):
        print(f"  {'field':<14}{'min':>8}{'mean':>10}{'median':>10}{'max':>8}   (tokens)")
        for name, st in s["token_lengths"].items():
            print(f"  {name:<14}{st['min']:>8}{st['mean']:>10.1f}{st['median']:>10.1f}{st['max']:>8}")
    if s["categories"]:
        print("  categories: " + ", ".join(f"{k} {v}" for k, v in s["categories"].items()))
    if s["baselines"]:
        b = s["baselines"]
        print(f"  trivial baselines over {b['n_pairs']} pairs (ties count 0.5):")
        print(f"    prefer longer completion      {b['longer']:.3f}")
        print(f"    prefer polite ending          {b['polite']:.3f}")


def cmd_stats(args) -> int:
    status = 0
    tokenizer = None
    if args.tokenizer:
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(args.tokenizer)
    for path in args.paths:
        try:
            _print_stats(file_stats(path, args.kind, tokenizer))
        except DataFormatError as e:
            status = 1
            print(f"FAIL {e}")
    return status


def cmd_clean(args) -> int:
    out = Path(args.out)
    status = 0
    for path in args.paths:
        target = out / Path(path).name
        if target.exists() and target.resolve() == Path(path).resolve():
            print(f"FAIL {path}: --out would overwrite the input file", file=sys.stderr)
            status = 1
            continue
        try:
            records = read_records(path)
            kind = args.kind or detect_file_kind(records, path)
        except DataFormatError as e:
            print(f"FAIL {e}")
            status = 1
            continue
        cleaned, report = clean_records(records, kind, min_chars=args.min_chars, max_chars=args.max_chars)
        write_records(target, cleaned)
        print(f"{path} -> {target}: {report}")
    return status


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m chatgpt.data", description="KoChatGPT data tools")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check files against their schema")
    v.add_argument("--allow-duplicates", action="store_true", help="duplicates are warnings, not errors")
    v.add_argument("--limit", type=int, default=10, help="problems shown per file (default 10)")
    v.add_argument("--max-chars", type=int, default=2000, help="longer texts are 'too_long' (default 2000)")
    v.add_argument("--near-dup", type=float, metavar="THRESHOLD",
                   help="also report near-duplicates (character 3-gram Jaccard >= THRESHOLD, e.g. 0.8)")
    s = sub.add_parser("stats", help="lengths, categories, RM baselines")
    s.add_argument("--tokenizer", help="also report lengths in tokens of this HF tokenizer (name or path)")
    c = sub.add_parser("clean", help="write cleaned copies of files")
    c.add_argument("--out", required=True, help="output directory")
    c.add_argument("--min-chars", type=int, default=1)
    c.add_argument("--max-chars", type=int, default=2000)
    for sp in (v, s, c):
        sp.add_argument("paths", nargs="+", metavar="PATH")
        sp.add_argument("--kind", choices=KINDS, help="file kind (detected from the keys by default)")
    d = sub.add_parser("download", help="fetch the original KoChatGPT SFT/RM/PPO files (as downloaded)")
    d.add_argument("dest", help="directory to put them in (then set KOCHATGPT_DATA_DIR to it)")
    d.add_argument("--strict", action="store_true", help="refuse files with faults instead of installing them")
    d.add_argument("--base-url", default="", help="where to fetch from (default: the original repository)")
    d.add_argument("--no-count-check", action="store_true", help="do not check the numbers of records")
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return {"validate": cmd_validate, "stats": cmd_stats, "clean": cmd_clean,
            "download": cmd_download}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
