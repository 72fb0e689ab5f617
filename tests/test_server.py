"""The HTTP service (``vnassoc serve``): a real server on loopback, plus in-process checks.

One server (``--max-body-bytes 20000 --max-batch 5``) starts once for the module; the timeout
and unexpected-error paths use an in-process app with a stand-in pipeline, and ``--workers 2``
gets its own short-lived server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

import vnassoc_nlp  # noqa: E402
from vnassoc_nlp import server  # noqa: E402
from vnassoc_nlp.records import Document  # noqa: E402

MAX_BODY = 20_000
MAX_BATCH = 5
START_TIMEOUT = 60.0

MAIN = (
    "Ngày 5/6/2024, PGS.TS Quách Thị Nguyệt Hằng, Chủ tịch Liên hiệp các Hội Khoa học và Kỹ "
    "thuật tỉnh Cao Bằng, chủ trì hội nghị quán triệt Chỉ thị số 45-CT/TW của Ban Bí thư về "
    "công tác trí thức."
)
DATELINE = (
    "Thứ ba, 8/10/2024 09:15\nSáng ngày 7/10, TS Khổng Văn Lãm, Phó Chủ tịch Liên hiệp các Hội "
    "Khoa học và Kỹ thuật tỉnh Hà Giang, tiếp đoàn công tác."
)
YEARLESS = "Hội thảo diễn ra vào ngày 20/8 tại tỉnh Lai Châu."


# -- the real server -----------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server:
    def __init__(self, args: list[str], log_path: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        command = [sys.executable, "-m", "vnassoc_nlp.cli", "serve", "--port", str(self.port)]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop(server.SETTINGS_ENV, None)
        self.process = subprocess.Popen(
            [*command, *args], stdout=self._log, stderr=subprocess.STDOUT, env=env
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server exited with {self.process.returncode}:\n{self.log()}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"server not ready after {START_TIMEOUT} s:\n{self.log()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Server]:
    log = tmp_path_factory.mktemp("server") / "server.log"
    args = ["--max-body-bytes", str(MAX_BODY), "--max-batch", str(MAX_BATCH)]
    running = _Server(args, log)
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def client(live: _Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        yield c


def _by_label(doc: dict[str, Any], label: str) -> list[dict[str, Any]]:
    return [e for e in doc["entities"] if e["label"] == label]


def _assert_error(response: httpx.Response, status: int, type_: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["type"] == type_
    assert isinstance(error["message"], str) and error["message"]
    assert "Traceback" not in response.text
    return error


# -- health, extraction, dates -------------------------------------------------------------------
def test_health_reports_ok_and_version(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": vnassoc_nlp.__version__}


def test_extract_finds_typed_entities_with_exact_offsets(client: httpx.Client) -> None:
    response = client.post("/v1/extract", json={"text": MAIN, "id": "cb-1"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["id"] == "cb-1"
    assert doc["text"] == MAIN
    for entity in doc["entities"]:
        assert MAIN[entity["start"] : entity["end"]] == entity["text"]
    (person,) = _by_label(doc, "PERSON")
    assert person["name"] == "Quách Thị Nguyệt Hằng"
    assert person["titles"] == ["PGS", "TS"]
    assert "Chủ tịch" in person["roles"]
    organizations = [e["canonical_name"] for e in _by_label(doc, "ORGANIZATION")]
    assert "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Cao Bằng" in organizations
    assert [e["name"] for e in _by_label(doc, "PROVINCE")] == ["Cao Bằng"]
    (directive,) = _by_label(doc, "DIRECTIVE")
    assert (directive["kind"], directive["number"], directive["code"]) == (
        "chỉ thị",
        "45",
        "45-CT/TW",
    )
    assert [e["value"] for e in _by_label(doc, "DATE")] == ["2024-06-05"]


def test_extract_is_the_library_document_contract(
    client: httpx.Client, nlp: vnassoc_nlp.Pipeline
) -> None:
    text = unicodedata.normalize("NFD", f"  {MAIN}\u00a0\u200b 😀 {YEARLESS}")
    response = client.post("/v1/extract", json={"text": text, "date": "2024-03-01", "id": "x"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == nlp(text, date="2024-03-01", id="x").model_dump(mode="json")
    Document.model_validate(body)
    for entity in body["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


def test_a_text_with_lone_surrogates_is_answered_with_json_escapes(client: httpx.Client) -> None:
    # "\udc80" escapes are valid JSON; such a text has no UTF-8 form, but must still be served.
    text = f"{MAIN}\udc80"
    response = client.post("/v1/extract", content=json.dumps({"text": text}),
                           headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 200, response.text
    body = json.loads(response.content)
    assert body["text"] == text
    for entity in body["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


def test_date_from_the_caller_resolves_yearless_dates(client: httpx.Client) -> None:
    with_date = client.post("/v1/extract", json={"text": YEARLESS, "date": "2024-01-02"}).json()
    assert (with_date["date"], with_date["date_source"]) == ("2024-01-02", "caller")
    assert [e["value"] for e in _by_label(with_date, "DATE")] == ["2024-08-20"]

    without = client.post("/v1/extract", json={"text": YEARLESS, "date": None}).json()
    assert (without["date"], without["date_source"]) == (None, None)
    assert [e["value"] for e in _by_label(without, "DATE")] == ["--08-20"]


def test_date_from_the_dateline_when_none_is_given(client: httpx.Client) -> None:
    doc = client.post("/v1/extract", json={"text": DATELINE}).json()
    assert (doc["date"], doc["date_source"]) == ("2024-10-08", "dateline")
    assert "2024-10-07" in [e["value"] for e in _by_label(doc, "DATE")]
    (province,) = _by_label(doc, "PROVINCE")
    assert (province["name"], province["successor"]) == ("Hà Giang", "Tuyên Quang")


@pytest.mark.parametrize("bad_date", ["2024-13-01", "5/6/2024", "", "hôm qua"])
def test_invalid_date_is_422_with_the_library_code(client: httpx.Client, bad_date: str) -> None:
    response = client.post("/v1/extract", json={"text": MAIN, "date": bad_date})
    error = _assert_error(response, 422, "input_error")
    assert error["code"] == "E002"
    assert error["message"].startswith("[E002]")
    assert error["details"][0]["loc"] == ["body", "date"]


# -- batch ---------------------------------------------------------------------------------------
def test_batch_keeps_order_and_ids(client: httpx.Client) -> None:
    items = [
        {"text": YEARLESS, "id": "a", "date": "2023-05-01"},
        {"text": MAIN, "id": "b"},
        {"text": DATELINE},
        {"text": "", "id": "empty"},
    ]
    response = client.post("/v1/extract/batch", json={"documents": items})
    assert response.status_code == 200, response.text
    docs = response.json()["documents"]
    assert [d["id"] for d in docs] == ["a", "b", None, "empty"]
    assert [d["text"] for d in docs] == [item["text"] for item in items]
    assert [e["value"] for e in _by_label(docs[0], "DATE")] == ["2023-08-20"]
    assert docs[2]["date_source"] == "dateline"
    assert docs[3]["entities"] == []
    assert client.post("/v1/extract/batch", json={"documents": []}).json() == {"documents": []}


def test_batch_bad_date_names_the_document(client: httpx.Client) -> None:
    items = [{"text": MAIN}, {"text": YEARLESS, "date": "2024-02-30"}]
    response = client.post("/v1/extract/batch", json={"documents": items})
    error = _assert_error(response, 422, "input_error")
    assert error["code"] == "E002"
    assert error["details"][0]["loc"] == ["body", "documents", 1, "date"]


def test_batch_over_the_limit_is_413(client: httpx.Client) -> None:
    items = [{"text": f"Tỉnh Lai Châu {i}"} for i in range(MAX_BATCH + 1)]
    response = client.post("/v1/extract/batch", json={"documents": items})
    error = _assert_error(response, 413, "batch_too_large")
    assert str(MAX_BATCH) in error["message"]
    ok = client.post("/v1/extract/batch", json={"documents": items[:MAX_BATCH]})
    assert ok.status_code == 200


# -- body size -----------------------------------------------------------------------------------
def test_oversized_body_with_content_length_is_413(client: httpx.Client) -> None:
    body = json.dumps({"text": "Lai Châu " * 3000}).encode()
    assert len(body) > MAX_BODY
    response = client.post(
        "/v1/extract", content=body, headers={"content-type": "application/json"}
    )
    error = _assert_error(response, 413, "payload_too_large")
    assert str(MAX_BODY) in error["message"]
    assert client.get("/health").status_code == 200  # the connection and server carry on


def test_oversized_chunked_body_is_413(client: httpx.Client) -> None:
    sent = []

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(50):  # 50 * 1000 bytes, well past the limit
            sent.append(1)
            yield b"a" * 1000
        yield b'"}'

    response = client.post(
        "/v1/extract", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in response.request.headers
    _assert_error(response, 413, "payload_too_large")


def test_chunked_body_under_the_limit_is_served(client: httpx.Client) -> None:
    payload = json.dumps({"text": YEARLESS, "id": "chunked"}, ensure_ascii=False).encode()

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(payload), 7):
            yield payload[i : i + 7]

    response = client.post(
        "/v1/extract", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 200, response.text
    assert response.json()["id"] == "chunked"


# -- malformed requests --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw",
    [b'{"text": "Lai Ch', b"text=Lai Chau", b"", b'{"text": "a",}', b"\xff\xfe{}"],
    ids=["truncated", "form", "empty", "trailing-comma", "not-utf8"],
)
def test_malformed_json_is_422(client: httpx.Client, raw: bytes) -> None:
    response = client.post("/v1/extract", content=raw, headers={"content-type": "application/json"})
    error = _assert_error(response, 422, "invalid_json" if raw else "validation_error")
    if raw:
        assert error["message"].startswith("Malformed JSON")


def test_json_without_json_content_type_is_422_saying_so(client: httpx.Client) -> None:
    response = client.post(
        "/v1/extract", content=json.dumps({"text": MAIN}), headers={"content-type": "text/plain"}
    )
    error = _assert_error(response, 422, "invalid_json")
    assert "application/json" in error["message"]


@pytest.mark.parametrize(
    ("path", "body", "loc"),
    [
        ("/v1/extract", {"text": 5}, ["body", "text"]),
        ("/v1/extract", {"text": None}, ["body", "text"]),
        ("/v1/extract", {"text": ["Cao Bằng"]}, ["body", "text"]),
        ("/v1/extract", {"date": "2024-06-05"}, ["body", "text"]),
        ("/v1/extract", {"text": "x", "date": 20240605}, ["body", "date"]),
        ("/v1/extract", {"text": "x", "id": 7}, ["body", "id"]),
        ("/v1/extract", {"text": "x", "data": "2024-06-05"}, ["body", "data"]),
        ("/v1/extract", ["x"], ["body"]),
        ("/v1/extract/batch", {"documents": {"text": "x"}}, ["body", "documents"]),
        ("/v1/extract/batch", {"documents": [{"text": "x"}, 3]}, ["body", "documents", 1]),
        ("/v1/extract/batch", {"text": "x"}, ["body", "documents"]),
    ],
)
def test_wrong_types_are_422_naming_the_field(
    client: httpx.Client, path: str, body: Any, loc: list[Any]
) -> None:
    error = _assert_error(client.post(path, json=body), 422, "validation_error")
    assert loc in [d["loc"] for d in error["details"]]
    assert ".".join(str(p) for p in loc) in error["message"]
    for detail in error["details"]:
        assert set(detail) == {"loc", "msg"}  # no echo of the input


def test_unknown_path_and_method_use_the_error_shape(client: httpx.Client) -> None:
    _assert_error(client.get("/v1/nothing"), 404, "http_error")
    response = client.get("/v1/extract")
    _assert_error(response, 405, "http_error")
    assert response.headers["allow"] == "POST"


def test_openapi_lists_paths_and_models(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/health", "/v1/extract", "/v1/extract/batch"} <= set(spec["paths"])
    schemas = spec["components"]["schemas"]
    for name in ("ExtractRequest", "BatchRequest", "BatchResponse", "Document", "ErrorResponse"):
        assert name in schemas
    extract = spec["paths"]["/v1/extract"]["post"]
    ok = extract["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/Document")
    assert {"413", "422", "503", "500"} <= set(extract["responses"])


# -- concurrency ---------------------------------------------------------------------------------
_SURNAMES = ["Lâm", "Quách", "Tạ", "Khổng", "Lục", "Mạc", "Âu", "Thân", "Kiều", "Đàm"]
_GIVEN = ["Khải", "Duyên", "Trác", "Nguyệt", "Bằng", "Thoa", "Lãm", "Hiên", "Tùng", "Uyên"]
_PROVINCES = [
    "Tuyên Quang", "Bắc Kạn", "Sơn La", "Lào Cai", "Hà Giang", "Cao Bằng", "Lai Châu",
    "Điện Biên", "Yên Bái", "Phú Thọ", "Thái Bình", "Nam Định", "Ninh Bình", "Quảng Bình",
    "Quảng Trị", "Kon Tum", "Gia Lai", "Đắk Nông", "Bình Phước", "Tây Ninh",
]  # fmt: skip


def _people() -> list[tuple[str, str, str]]:
    cases = []
    for i, province in enumerate(_PROVINCES):
        name = f"{_SURNAMES[i % 10]} {'Văn' if i % 2 == 0 else 'Thị'} {_GIVEN[i * 3 % 10]}"
        name += " Anh" if i < 10 else " Minh"
        text = (
            f"Ngày {i + 1}/6/2024, PGS.TS {name}, Chủ tịch Liên hiệp các Hội Khoa học và Kỹ thuật "
            f"tỉnh {province}, đã ký văn bản triển khai Chỉ thị số {40 + i}-CT/TW."
        )
        cases.append((name, province, text))
    return cases


def test_twenty_concurrent_requests_each_get_their_own_result(client: httpx.Client) -> None:
    cases = _people()
    barrier = threading.Barrier(len(cases))

    def call(index: int) -> dict[str, Any]:
        text = cases[index][2]
        barrier.wait(timeout=30)
        response = client.post("/v1/extract", json={"text": text, "id": str(index)})
        assert response.status_code == 200, response.text
        return response.json()

    with ThreadPoolExecutor(max_workers=len(cases)) as pool:
        results = list(pool.map(call, range(len(cases))))

    for index, ((name, province, text), doc) in enumerate(zip(cases, results, strict=True)):
        assert doc["id"] == str(index)
        assert doc["text"] == text
        assert [e["name"] for e in _by_label(doc, "PERSON")] == [name]
        assert [e["name"] for e in _by_label(doc, "PROVINCE")] == [province]
        assert [e["code"] for e in _by_label(doc, "DIRECTIVE")] == [f"{40 + index}-CT/TW"]
        assert [e["value"] for e in _by_label(doc, "DATE")] == [f"2024-06-{index + 1:02d}"]


# -- in-process: timeout, unexpected errors, readiness -------------------------------------------
class _StandIn:
    """A pipeline stand-in: blocks until released, or raises."""

    def __init__(self, fail: BaseException | None = None) -> None:
        self.fail = fail
        self.release = threading.Event()

    def __call__(self, text: str, date: str | None = None, id: str | None = None) -> Document:
        if self.fail is not None:
            raise self.fail
        self.release.wait(timeout=10)
        return Document(id=id, text=text)


def _in_process(pipeline: Any, **settings: Any) -> TestClient:
    """Not entered as a context manager, so the lifespan (the real pipeline) never runs."""
    app = server.create_app(server.Settings(**settings))
    app.state.pipeline = pipeline
    return TestClient(app, raise_server_exceptions=False)


def test_slow_extraction_is_503_after_the_timeout() -> None:
    stand_in = _StandIn()
    test_client = _in_process(stand_in, timeout=0.2)
    try:
        started = time.monotonic()
        response = test_client.post("/v1/extract", json={"text": MAIN})
        elapsed = time.monotonic() - started
        error = response.json()["error"]
        assert response.status_code == 503
        assert error["type"] == "timeout"
        assert "0.2 seconds" in error["message"]
        assert elapsed < 5
        batch = test_client.post("/v1/extract/batch", json={"documents": [{"text": "a"}]})
        assert batch.status_code == 503
    finally:
        stand_in.release.set()
        test_client.close()


def test_unexpected_error_is_500_without_a_stack_trace() -> None:
    secret = "secret-internal-detail /srv/vnassoc/pipeline.py line 42"
    test_client = _in_process(_StandIn(fail=RuntimeError(secret)))
    try:
        for path, body in [
            ("/v1/extract", {"text": MAIN}),
            ("/v1/extract/batch", {"documents": [{"text": MAIN}]}),
        ]:
            response = test_client.post(path, json=body)
            assert response.status_code == 500
            assert response.json() == {
                "error": {
                    "type": "internal_error",
                    "message": "Internal server error.",
                    "code": None,
                    "details": None,
                }
            }
            assert secret not in response.text
            assert "Traceback" not in response.text
            assert "RuntimeError" not in response.text
    finally:
        test_client.close()


def test_health_is_503_until_the_pipeline_is_loaded() -> None:
    test_client = _in_process(None)  # lifespan not run: nothing loaded
    response = test_client.get("/health")
    assert response.status_code == 503
    assert response.json()["error"]["type"] == "not_ready"
    assert test_client.post("/v1/extract", json={"text": "x"}).status_code == 503


def test_lifespan_loads_one_warm_pipeline_per_app() -> None:
    app = server.create_app(server.Settings())
    assert app.state.pipeline is None  # nothing loaded at build time
    with TestClient(app) as test_client:
        pipeline = app.state.pipeline
        assert pipeline is not None and pipeline._recognizers is not None  # warmed up
        assert test_client.get("/health").status_code == 200
        test_client.post("/v1/extract", json={"text": MAIN})
        assert app.state.pipeline is pipeline


# -- settings, serve() and imports ---------------------------------------------------------------
def test_app_factory_reads_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = server.Settings(max_body_bytes=123, max_batch=4, timeout=2.5, gazetteers=("/g.tsv",))
    monkeypatch.setenv(server.SETTINGS_ENV, settings.to_json())
    assert server.app_factory().state.settings == settings
    monkeypatch.delenv(server.SETTINGS_ENV)
    assert server.app_factory().state.settings == server.Settings()


@pytest.mark.parametrize(
    "bad", [{"max_body_bytes": 0}, {"max_batch": 0}, {"timeout": 0}, {"timeout": float("nan")}]
)
def test_settings_reject_nonsense(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        server.Settings(**bad)


def test_serve_without_the_server_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)
    assert server.serve(port=_free_port()) == 2
    assert "vnassoc-nlp[server]" in capsys.readouterr().err


def test_serve_with_a_bad_gazetteer_exits_2_before_listening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert server.serve(port=_free_port(), gazetteers=[tmp_path / "missing.tsv"]) == 2
    assert "[E010]" in capsys.readouterr().err
    assert server.serve(port=_free_port(), max_batch=0) == 2


def test_importing_the_package_and_server_module_needs_no_fastapi() -> None:
    code = (
        "import sys; import vnassoc_nlp, vnassoc_nlp.server; "
        "assert 'fastapi' not in sys.modules and 'uvicorn' not in sys.modules, sys.modules.keys(); "
        "assert 'vnassoc_nlp.pipeline' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# -- several workers -----------------------------------------------------------------------------
def test_two_workers_start_and_serve(tmp_path: Path) -> None:
    running = _Server(["--workers", "2", "--max-batch", "3"], tmp_path / "workers.log")
    try:
        running.wait_ready()
        deadline = time.monotonic() + START_TIMEOUT
        while running.log().count("Application startup complete") < 2:
            assert time.monotonic() < deadline, running.log()
            time.sleep(0.1)
        cases = _people()[:8]
        with httpx.Client(base_url=running.url, timeout=30) as c:
            with ThreadPoolExecutor(max_workers=8) as pool:
                docs = list(
                    pool.map(lambda case: c.post("/v1/extract", json={"text": case[2]}), cases)
                )
            for (name, province, _), response in zip(cases, docs, strict=True):
                assert response.status_code == 200, response.text
                assert [e["name"] for e in _by_label(response.json(), "PERSON")] == [name]
                assert [e["name"] for e in _by_label(response.json(), "PROVINCE")] == [province]
            # settings reach the worker processes through the environment
            too_many = {"documents": [{"text": "x"}] * 4}
            _assert_error(c.post("/v1/extract/batch", json=too_many), 413, "batch_too_large")
    finally:
        running.stop()
