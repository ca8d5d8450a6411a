"""KoChatGPT data tools: reading, validation, cleaning, pairs, splits,
``datasets`` loaders, download of the originals and statistics.

RM ranking sense (see :mod:`chatgpt.data.pairs`): ``ranking[i]`` is the
rank of ``completion_i``, 0 = best.

Command line: ``python -m chatgpt.data validate|stats|clean PATH...``.
"""

from .clean import CleanReport, clean_records, clean_text
from .download import ORIGINAL_BASE_URL, ORIGINAL_COUNTS, ORIGINAL_FILES, download_kochatgpt
from .errors import DataFormatError, DataWarning, DownloadError
from .io import ReadInfo, read_records, read_records_info, write_records
from .loaders import (DATA_DIR_ENV, DEFAULT_FILES, EVAL_FILE, PPO_FILE, RM_FILE, SFT_FILE, default_data_dir,
                      load_eval, load_prompts, load_rm_pairs, load_sft)
from .pairs import RANKING_SENSE, ranking_order, ranking_to_pairs, records_to_pairs
from .schema import KINDS, Issue, ValidationReport, detect_kind, validate_file, validate_records
from .splits import split_records
from .stats import file_stats, is_polite_ending

__all__ = [
    "CleanReport", "clean_records", "clean_text",
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
