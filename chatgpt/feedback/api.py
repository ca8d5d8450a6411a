"""An OpenAI-compatible chat-completions judge: client, on-disk cache and verdict parsing.

LLM-as-a-judge (Zheng et al., 2023, "Judging LLM-as-a-Judge with MT-Bench and Chatbot Arena";
Dubois et al., 2023, AlpacaEval) asks a strong chat model which of two answers is better.
This module talks to any server that speaks the ``POST {base}/chat/completions`` protocol
(OpenAI, vLLM, Ollama, LM Studio, …) with the standard library only (``urllib``), so the
course needs no extra dependency.

Configuration comes from environment variables only (never from code or notebooks):

=============================  =====================================  ============================
variable                       meaning                                default
=============================  =====================================  ============================
``KOCHATGPT_JUDGE_API_KEY``    bearer token                           required (clear error)
``KOCHATGPT_JUDGE_BASE_URL``   server root, up to ``/v1``             ``https://api.openai.com/v1``
``KOCHATGPT_JUDGE_MODEL``      model name                             ``gpt-4o-mini``
``KOCHATGPT_JUDGE_CACHE``      JSONL cache file                       ``outputs/judge_cache.jsonl``
=============================  =====================================  ============================

Robustness: a request is retried on timeouts, connection errors, HTTP 429 and 5xx with
exponential backoff ``delay_i = backoff · 2^i`` (capped at ``max_backoff``), except that a
429's ``Retry-After`` header (seconds) is honoured when present. Other HTTP errors (401,
400, …) fail at once with the server's message. A response body that is not JSON, or has no
``choices[0].message.content``, raises :class:`JudgeAPIError` — never a silent empty verdict.
The judge's *own* text is parsed by :func:`parse_verdict`; text without a recognisable
verdict becomes the verdict ``"unparsable"``, which callers count and report.

Every verdict is cached in a JSONL file keyed by ``sha256(model, template, prompt, reference,
answer shown first, answer shown second)`` — the order is part of the key, because the swapped
order is a different question — so rerunning an evaluation costs no request.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from typing import Callable, Sequence

from chatgpt.feedback.judges import VERDICTS, Judge

ENV_API_KEY = "KOCHATGPT_JUDGE_API_KEY"
ENV_BASE_URL = "KOCHATGPT_JUDGE_BASE_URL"
ENV_MODEL = "KOCHATGPT_JUDGE_MODEL"
ENV_CACHE = "KOCHATGPT_JUDGE_CACHE"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
RETRY_STATUS = {429, 500, 502, 503, 504}


class JudgeConfigError(RuntimeError):
    """The API judge is not configured (e.g. no key in the environment)."""


class JudgeAPIError(RuntimeError):
    """A request failed for good (after retries) or the server's answer was malformed."""


class ChatClient:
    """Minimal OpenAI-compatible ``/chat/completions`` client with retries and timeouts.

    ``sleep`` is injectable so that a caller (or a test) can observe the backoff delays.
    ``calls`` counts HTTP requests actually sent (retries included).
    """

    def __init__(self, base_url: str, model: str, api_key: str, timeout: float = 60.0, max_retries: int = 4,
                 backoff: float = 1.0, max_backoff: float = 30.0, sleep: Callable[[float], None] = time.sleep):
        if not api_key:
            raise JudgeConfigError(f"no API key: set {ENV_API_KEY} (or use an offline judge: --judge rule|rm)")
        if max_retries < 0 or timeout <= 0:
            raise ValueError(f"need max_retries >= 0 and timeout > 0, got {max_retries}, {timeout}")
        self.base_url = base_url.rstrip("/")
        self.model, self.api_key, self.timeout = model, api_key, timeout
        self.max_retries, self.backoff, self.max_backoff, self.sleep = max_retries, backoff, max_backoff, sleep
        self.calls = 0

    @classmethod
    def from_env(cls, **kw) -> "ChatClient":
        """Build from ``KOCHATGPT_JUDGE_*``; a missing key is a :class:`JudgeConfigError` naming the variable."""
        key = os.environ.get(ENV_API_KEY, "").strip()
        if not key:
            raise JudgeConfigError(f"the API judge needs a key: export {ENV_API_KEY}=... (and optionally "
                                   f"{ENV_BASE_URL}, {ENV_MODEL}); offline judges: 'rule' and 'rm'")
        return cls(os.environ.get(ENV_BASE_URL, DEFAULT_BASE_URL), os.environ.get(ENV_MODEL, DEFAULT_MODEL), key, **kw)

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after is not None:
            try:
                return min(self.max_backoff, max(0.0, float(retry_after)))
            except ValueError:                                   # an HTTP date: fall back to backoff
                pass
        return min(self.max_backoff, self.backoff * 2 ** attempt)

    def chat(self, messages: list[dict], temperature: float = 0.0, max_tokens: int = 256) -> str:
        """The assistant message's content for ``messages`` (retrying transient failures)."""
        url = f"{self.base_url}/chat/completions"
        body = json.dumps({"model": self.model, "messages": messages, "temperature": temperature,
                           "max_tokens": max_tokens}).encode("utf-8")
        last = ""
        for attempt in range(self.max_retries + 1):
            req = urllib.request.Request(url, data=body, method="POST", headers={
                "Content-Type": "application/json", "Authorization": f"Bearer {self.api_key}"})
            retry_after = None
            self.calls += 1
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    raw = resp.read()
                return _content(raw, url)
            except urllib.error.HTTPError as e:
                detail = e.read()[:300].decode("utf-8", "replace")
                if e.code not in RETRY_STATUS:
                    raise JudgeAPIError(f"{url}: HTTP {e.code}: {detail}") from None
                retry_after = e.headers.get("Retry-After") if e.headers else None
                last = f"HTTP {e.code}: {detail}"
            except (TimeoutError, socket.timeout) as e:
                last = f"timed out after {self.timeout} s ({e})"
            except urllib.error.URLError as e:
                if isinstance(e.reason, (TimeoutError, socket.timeout)):
                    last = f"timed out after {self.timeout} s"
                else:
                    last = f"connection failed: {e.reason}"
            if attempt < self.max_retries:
                self.sleep(self._delay(attempt, retry_after))
        raise JudgeAPIError(f"{url}: giving up after {self.max_retries + 1} attempts; last error: {last}")


def _content(raw: bytes, url: str) -> str:
    """``choices[0].message.content`` of a response body, or a clear :class:`JudgeAPIError`."""
    try:
        data = json.loads(raw.decode("utf-8"))
        content = data["choices"][0]["message"]["content"]
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise JudgeAPIError(f"{url}: the response is not JSON ({e}); body starts {raw[:120]!r}") from None
    except (KeyError, IndexError, TypeError):
        raise JudgeAPIError(f"{url}: the response has no choices[0].message.content; body starts "
                            f"{raw[:120]!r}") from None
    if not isinstance(content, str):
        raise JudgeAPIError(f"{url}: choices[0].message.content is {type(content).__name__}, not a string")
    return content


_JSON_OBJECT = re.compile(r"\{[^{}]*\}", re.S)
_BRACKETS = re.compile(r"\[\[\s*(A|B|C|tie)\s*\]\]", re.I)     # MT-Bench's "[[A]]" / "[[C]]" (C = tie)
_WINNER = {"a": "A", "b": "B", "tie": "tie", "c": "tie", "draw": "tie", "none": "tie"}


def parse_verdict(text: str) -> str:
    """``"A"``, ``"B"``, ``"tie"`` or ``"unparsable"`` from the judge's reply.

    Accepted: a JSON object with ``"winner"`` (also inside ```` ```json ```` fences or prose), or
    MT-Bench's ``[[A]]``/``[[B]]``/``[[C]]`` tags. Anything else — including JSON with an
    unknown winner — is ``"unparsable"`` (counted by the caller, never guessed).
    """
    for m in _JSON_OBJECT.finditer(text or ""):
        try:
            obj = json.loads(m.group(0))
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("winner"), str):
            return _WINNER.get(obj["winner"].strip().lower(), "unparsable")
    tags = {_WINNER[t.lower()] for t in _BRACKETS.findall(text or "")}
    return tags.pop() if len(tags) == 1 else "unparsable"


class JudgeCache:
    """Append-only JSONL cache ``{"key", "model", "content"}``; loaded once, written line by line."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None
        self.entries: dict[str, str] = {}
        self.skipped_lines = 0
        if self.path and self.path.exists():
            for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    self.entries[row["key"]] = row["content"]
                except (json.JSONDecodeError, KeyError, TypeError):
                    self.skipped_lines += 1          # e.g. a line cut by a crash; counted and reported
            if self.skipped_lines:
                warnings.warn(f"{self.path}: skipped {self.skipped_lines} unreadable cache line(s)")

    @staticmethod
    def key(*parts) -> str:
        return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        return self.entries.get(key)

    def put(self, key: str, model: str, content: str) -> None:
        self.entries[key] = content
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps({"key": key, "model": model, "content": content}, ensure_ascii=False) + "\n")


SYSTEM_PROMPT = (
    "You are an impartial judge of Korean chatbot answers. Compare two answers to the user's question. "
    "Prefer the answer that is relevant, correct, specific, fluent Korean and complete; ignore answer order "
    "and do not prefer an answer for its length alone. Reply with JSON only: "
    '{"winner": "A" | "B" | "tie", "reason": "<one short sentence>"}')
TEMPLATE_VERSION = "pairwise-v1"


def judge_messages(prompt: str, first: str, second: str, reference: str | None = None) -> list[dict]:
    """The chat messages of one pairwise question (answer A is shown first)."""
    ref = f"[참고 답변 / reference]\n{reference}\n\n" if reference else ""
    user = f"[질문 / question]\n{prompt}\n\n{ref}[답변 A]\n{first}\n\n[답변 B]\n{second}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


class APIJudge(Judge):
    """Pairwise judge backed by a chat model; verdicts cached on disk (see the module docstring)."""

    name = "api"

    def __init__(self, client: ChatClient, cache: JudgeCache | str | Path | None = "default"):
        self.client = client
        if cache == "default":
            from chatgpt.config import default_output_dir

            cache = os.environ.get(ENV_CACHE) or default_output_dir() / "judge_cache.jsonl"
        self.cache = cache if isinstance(cache, JudgeCache) else JudgeCache(cache)
        self.cache_hits = 0

    @classmethod
    def from_env(cls, **client_kw) -> "APIJudge":
        return cls(ChatClient.from_env(**client_kw))

    def compare(self, prompts: Sequence[str], first: Sequence[str], second: Sequence[str],
                references: Sequence[str] | None = None) -> list[str]:
        out = []
        for i, (p, a, b) in enumerate(zip(prompts, first, second)):
            ref = references[i] if references is not None else None
            key = JudgeCache.key(self.client.model, TEMPLATE_VERSION, p, ref, a, b)
            content = self.cache.get(key)
            if content is None:
                content = self.client.chat(judge_messages(p, a, b, ref))
                self.cache.put(key, self.client.model, content)
            else:
                self.cache_hits += 1
            verdict = parse_verdict(content)
            assert verdict in VERDICTS
            out.append(verdict)
        return out
