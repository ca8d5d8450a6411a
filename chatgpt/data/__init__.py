"""KoChatGPT data tools: reading, validation, fault reports, cleaning,
near-duplicates, pairs, splits, ``datasets`` loaders, download of the
originals and statistics.

RM ranking sense (see :mod:`chatgpt.data.pairs`): ``ranking[i]`` is the
rank of ``completion_i``, 0 = best.

Command line: ``python -m chatgpt.data validate|stats|clean PATH...``, ``download DEST``.
"""

from .clean import (CleanReport, LeakReport, StepReport, clean_records, clean_steps, clean_text, dedupe_exact,
                    dedupe_near, drop_invalid, drop_leaked, filter_length, leakage_check, normalize_records,
                    squeeze_punctuation)
from .download import ORIGINAL_BASE_URL, ORIGINAL_COUNTS, ORIGINAL_FILES, download_kochatgpt
from .errors import DataFormatError, DataWarning, DownloadError
from .faults import FaultReport, fault_report, file_fault_report, load_checked
from .io import ReadInfo, read_records, read_records_info, write_records
from .loaders import (DATA_DIR_ENV, DEFAULT_FILES, EVAL_FILE, PPO_FILE, RM_FILE, SFT_FILE, default_data_dir,
                      load_eval, load_prompts, load_rm_pairs, load_sft)
from .pairs import RANKING_SENSE, ranking_order, ranking_to_pairs, records_to_pairs
from .neardup import jaccard, near_duplicate_pairs, shingles
from .schema import FAULT_CODES, KINDS, Issue, ValidationReport, detect_kind, validate_file, validate_records
from .splits import split_records
from .stats import file_stats, is_polite_ending

__all__ = [
    "CleanReport", "clean_records", "clean_text",
    "StepReport", "LeakReport", "clean_steps", "drop_invalid", "normalize_records", "filter_length",
    "dedupe_exact", "dedupe_near", "leakage_check", "drop_leaked", "squeeze_punctuation",
    "FaultReport", "fault_report", "file_fault_report", "load_checked",
    "jaccard", "near_duplicate_pairs", "shingles", "FAULT_CODES",
    "ORIGINAL_BASE_URL", "ORIGINAL_COUNTS", "ORIGINAL_FILES", "download_kochatgpt",
    "DataFormatError", "DataWarning", "DownloadError",
    "ReadInfo", "read_records", "read_records_info", "write_records",
    "DATA_DIR_ENV", "DEFAULT_FILES", "EVAL_FILE", "PPO_FILE", "RM_FILE", "SFT_FILE", "default_data_dir",
    "load_eval", "load_prompts", "load_rm_pairs", "load_sft",
    "RANKING_SENSE", "ranking_order", "ranking_to_pairs", "records_to_pairs",
    "KINDS", "Issue", "ValidationReport", "detect_kind", "validate_file", "validate_records",
    "split_records",
    "file_stats", "is_polite_ending",
]
