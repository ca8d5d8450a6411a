"""The chat-completions judge client against a real HTTP server on 127.0.0.1 (no mocks of the client)."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chatgpt.feedback.api import (ENV_API_KEY, APIJudge, ChatClient, JudgeAPIError, JudgeCache, JudgeConfigError,
                                  parse_verdict)
from chatgpt.feedback.pairwise import judge_pairs


class FakeServer:
    """Serves a scripted list of replies: (status, headers, body_bytes, delay_seconds); the last one repeats."""

    def __init__(self, script):
        self.script, self.requests = list(script), []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
                status, headers, payload, delay = outer.script[min(len(outer.requests), len(outer.script)) - 1]
                time.sleep(delay)
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):   # the client timed out and hung up
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def ok(content, delay=0.0):
    body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
    return 200, {"Content-Type": "application/json"}, body, delay


def client(url, **kw):
    kw.setdefault("sleep", lambda s: None)
    return ChatClient(url, "judge-model", "sk-test", **kw)


def test_normal_answer_sends_openai_request():
    with FakeServer([ok('{"winner": "B", "reason": "더 구체적"}')]) as srv:
        c = client(srv.url)
        assert c.chat([{"role": "user", "content": "안녕"}]) == '{"winner": "B", "reason": "더 구체적"}'
        req = srv.requests[0]
        assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer sk-test"
        assert req["body"]["model"] == "judge-model" and req["body"]["messages"][0]["content"] == "안녕"


def test_malformed_response_body_is_a_clear_error():
    with FakeServer([(200, {}, b"<html>gateway</html>", 0.0)]) as srv:
        with pytest.raises(JudgeAPIError, match="not JSON"):
            client(srv.url).chat([{"role": "user", "content": "x"}])
    with FakeServer([(200, {}, b'{"choices": []}', 0.0)]) as srv:
        with pytest.raises(JudgeAPIError, match=r"choices\[0\]"):
            client(srv.url).chat([{"role": "user", "content": "x"}])


def test_malformed_verdict_is_counted_unparsable_not_guessed(tmp_path):
    with FakeServer([ok("I think the first one, maybe.")]) as srv:
        judge = APIJudge(client(srv.url), cache=tmp_path / "c.jsonl")
        res = judge_pairs(judge, ["질문"], ["답 하나"], ["답 둘"])
        assert res.final == ["unparsable"] and res.summary()["unparsable"] == 1
        assert res.win_rate() != res.win_rate()              # NaN: nothing judged, not a silent 0.5


def test_429_then_success_honours_retry_after():
    slept = []
    with FakeServer([(429, {"Retry-After": "2"}, b'{"error": "rate limited"}', 0.0), ok('{"winner": "A"}')]) as srv:
        c = client(srv.url, sleep=slept.append, backoff=0.25)
        assert parse_verdict(c.chat([{"role": "user", "content": "x"}])) == "A"
        assert len(srv.requests) == 2 and c.calls == 2
    assert slept == [2.0]                                    # the server's Retry-After, not the 0.25 s backoff


def test_5xx_retries_with_exponential_backoff_then_gives_up():
    slept = []
    with FakeServer([(503, {}, b"busy", 0.0)]) as srv:
        c = client(srv.url, sleep=slept.append, backoff=0.5, max_retries=3)
        with pytest.raises(JudgeAPIError, match="4 attempts.*HTTP 503"):
            c.chat([{"role": "user", "content": "x"}])
        assert len(srv.requests) == 4
    assert slept == [0.5, 1.0, 2.0]


def test_401_fails_at_once():
    with FakeServer([(401, {}, b'{"error": "bad key"}', 0.0)]) as srv:
        with pytest.raises(JudgeAPIError, match="HTTP 401.*bad key"):
            client(srv.url).chat([{"role": "user", "content": "x"}])
        assert len(srv.requests) == 1


def test_timeout_is_retried_then_succeeds_and_fails_when_it_persists():
    with FakeServer([ok('{"winner": "tie"}', delay=1.0), ok('{"winner": "tie"}')]) as srv:
        c = client(srv.url, timeout=0.2, max_retries=2)
        assert parse_verdict(c.chat([{"role": "user", "content": "x"}])) == "tie"
        assert len(srv.requests) == 2
    with FakeServer([ok('{"winner": "A"}', delay=1.0)]) as srv:
        with pytest.raises(JudgeAPIError, match="timed out"):
            client(srv.url, timeout=0.2, max_retries=1).chat([{"role": "user", "content": "x"}])


def test_cache_hit_does_not_call_the_server_again(tmp_path):
    cache = tmp_path / "judge.jsonl"
    with FakeServer([ok('{"winner": "A"}')]) as srv:
        j1 = APIJudge(client(srv.url), cache=cache)
        assert j1.compare(["질문"], ["좋은 답"], ["나쁜 답"]) == ["A"]
        assert len(srv.requests) == 1
        j2 = APIJudge(client(srv.url), cache=cache)           # a fresh judge: the rerun reads the file
        assert j2.compare(["질문"], ["좋은 답"], ["나쁜 답"]) == ["A"]
        assert len(srv.requests) == 1 and j2.cache_hits == 1
        assert j2.compare(["질문"], ["나쁜 답"], ["좋은 답"]) == ["A"]   # swapped order is another question
        assert len(srv.requests) == 2
    assert len(cache.read_text().splitlines()) == 2


def test_position_bias_shows_as_inconsistency(tmp_path):
    with FakeServer([ok('{"winner": "A"}')]) as srv:          # a judge that always prefers the first answer
        res = judge_pairs(APIJudge(client(srv.url), cache=None), ["q1", "q2"], ["x1", "x2"], ["y1", "y2"])
    assert res.forward == ["X", "X"] and res.backward == ["Y", "Y"]
    assert res.final == ["tie", "tie"] and res.consistency == 0.0 and res.win_rate() == 0.5


def test_missing_key_is_a_clear_error(monkeypatch):
    monkeypatch.delenv(ENV_API_KEY, raising=False)
    with pytest.raises(JudgeConfigError, match=ENV_API_KEY):
        ChatClient.from_env()


@pytest.mark.parametrize("text,verdict", [
    ('{"winner": "A", "reason": "x"}', "A"), ('```json\n{"winner": "b"}\n```', "B"),
    ('판단: {"winner": "tie"}', "tie"), ("[[C]]", "tie"), ("[[A]] ... [[A]]", "A"),
    ("[[A]] or [[B]]", "unparsable"), ('{"winner": "both"}', "unparsable"), ('{"winner": 1}', "unparsable"),
    ("", "unparsable"), ("{not json}", "unparsable")])
def test_parse_verdict(text, verdict):
    assert parse_verdict(text) == verdict


def test_cache_skips_and_counts_a_cut_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"key": "k1", "model": "m", "content": "{}"}) + "\n{\"key\": \"k2\", \"mod\n")
    with pytest.warns(UserWarning, match="skipped 1"):
        c = JudgeCache(path)
    assert c.get("k1") == "{}" and c.skipped_lines == 1
