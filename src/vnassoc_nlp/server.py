"""HTTP service: ``vnassoc serve`` (needs the ``server`` extra: FastAPI and uvicorn).

Endpoints (OpenAPI at ``/openapi.json``, docs at ``/docs``):

- ``GET /health`` -> ``{"status": "ok", "version": ...}`` once the pipeline is loaded.
- ``POST /v1/extract`` ``{"text", "date"?, "id"?}`` -> one ``Document`` (as ``vnassoc extract``).
- ``POST /v1/extract/batch`` ``{"documents": [...]}`` -> ``{"documents": [...]}`` in order.
- With a corpus database (``vnassoc serve --db``): HTML pages under ``/corpus/`` and their JSON
  under ``/v1/corpus/`` (``corpus/pages.py``).

Every error body has one shape::

    {"error": {"type": "...", "message": "...", "code": "E002" | null, "details": [...] | null}}

``details`` lists ``{"loc": [...], "msg": "..."}`` for request validation errors. Status codes:
413 body over ``max_body_bytes`` or batch over ``max_batch``; 422 malformed JSON, wrong fields or
types, invalid date (``code`` is the library's, e.g. ``E002``); 503 extraction over ``timeout``
seconds (or the pipeline not loaded yet); 500 anything unexpected, with a generic message only.

Each worker process builds and warms up its own ``Pipeline`` at start-up (the app's lifespan);
requests share it from worker threads (``Pipeline.__call__`` keeps no per-call state on the
instance). Nothing here imports FastAPI until an app is built, so ``import vnassoc_nlp.server``
works without the extra.
"""

import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Iterator, MutableMapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from . import __version__
from .records import Document, json_utf8

SETTINGS_ENV = "VNASSOC_SERVER_SETTINGS"
"""Environment variable carrying ``Settings`` as JSON to uvicorn worker processes."""

_INSTALL_HINT = "install vnassoc-nlp[server]  (pip install 'vnassoc-nlp[server]')"

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# -- settings ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    """What one app (one worker process) needs; frozen, and JSON-able for worker processes."""

    max_body_bytes: int = 4 * 1024 * 1024
    max_batch: int = 64
    timeout: float = 30.0
    gazetteers: tuple[str, ...] = ()
    database: str | None = None  # a corpus database to browse (/corpus, /v1/corpus)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gazetteers", tuple(str(p) for p in self.gazetteers))
        if isinstance(self.max_body_bytes, bool) or not isinstance(self.max_body_bytes, int):
            raise ValueError(f"max_body_bytes must be an integer, got {self.max_body_bytes!r}")
        if isinstance(self.max_batch, bool) or not isinstance(self.max_batch, int):
            raise ValueError(f"max_batch must be an integer, got {self.max_batch!r}")
        if self.max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be at least 1, got {self.max_body_bytes}")
        if self.max_batch < 1:
            raise ValueError(f"max_batch must be at least 1, got {self.max_batch}")
        if not self.timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, got {self.timeout}")

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> "Settings":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(f"{SETTINGS_ENV} must be a JSON object")
        return cls(
            max_body_bytes=int(data.get("max_body_bytes", cls.max_body_bytes)),
            max_batch=int(data.get("max_batch", cls.max_batch)),
            timeout=float(data.get("timeout", cls.timeout)),
            gazetteers=tuple(data.get("gazetteers", ())),
            database=data.get("database"),
        )


# -- request and response models (pydantic is a core dependency) ---------------------------------
class ExtractRequest(BaseModel):
    """One document to annotate."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(description="The raw text; entity offsets index it exactly as sent.")
    date: str | None = Field(
        default=None,
        description="The document date, YYYY-MM-DD; when null it is read from a dateline.",
        examples=["2024-06-05"],
    )
    id: str | None = Field(default=None, description="Echoed back as the document's id.")


class BatchRequest(BaseModel):
    """Several documents; at most the server's ``max_batch`` (default 64)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    documents: list[ExtractRequest]


class BatchResponse(BaseModel):
    documents: list[Document] = Field(description="One Document per input, in input order.")


class ErrorInfo(BaseModel):
    type: str = Field(description="A stable machine-readable kind, e.g. 'validation_error'.")
    message: str = Field(description="A human-readable explanation.")
    code: str | None = Field(default=None, description="The library's error code, e.g. E002.")
    details: list[dict[str, Any]] | None = Field(
        default=None, description="Per-field problems: {'loc': [...], 'msg': '...'}."
    )


class ErrorResponse(BaseModel):
    error: ErrorInfo


def error_body(
    type_: str,
    message: str,
    code: str | None = None,
    details: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {"error": {"type": type_, "message": message, "code": code, "details": details}}


# -- request body size limit (pure ASGI, so bodies are never buffered past the limit) ------------
class _BodyTooLarge(Exception):
    pass


class BodySizeLimitMiddleware:
    """Answers 413 to HTTP requests whose body exceeds ``max_body_bytes``.

    A declared ``Content-Length`` over the limit is refused before the app runs; a body without
    one (chunked) is counted as it is received and cut off once it passes the limit, whatever
    the app then makes of the cut-off body is dropped and 413 sent instead.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name.lower() == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_json(
                        send, 400, error_body("bad_request", "Invalid Content-Length.")
                    )
                    return
                if declared > self.max_body_bytes:
                    await self._too_large(send)
                    return

        received = 0
        exceeded = False
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if exceeded:  # the app's answer to a body we cut off: replaced by 413 below
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not response_started:
            await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        message = f"Request body is larger than the limit of {self.max_body_bytes} bytes."
        await _send_json(send, 413, error_body("payload_too_large", message))


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode("ascii")),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


# -- the app -------------------------------------------------------------------------------------
def _validation_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """FastAPI's errors without the echoed input, context objects or URLs."""
    details = []
    for error in errors:
        loc = [str(part) if not isinstance(part, int) else part for part in error.get("loc", ())]
        msg = str(error.get("msg", "invalid"))
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error")
            position = loc[-1] if len(loc) > 1 else None
            msg = "Malformed JSON"
            if reason:
                msg += f": {reason}"
            if isinstance(position, int):
                msg += f" at character {position}"
            loc = ["body"]
        details.append({"loc": loc, "msg": msg})
    return details


def _summary(details: list[dict[str, Any]]) -> str:
    parts = []
    for item in details[:5]:
        where = ".".join(str(p) for p in item["loc"])
        parts.append(f"{where}: {item['msg']}" if where else item["msg"])
    more = f" (and {len(details) - 5} more)" if len(details) > 5 else ""
    return "Invalid request: " + "; ".join(parts) + more


def create_app(settings: Settings | None = None) -> Any:
    """A FastAPI app; its lifespan loads and warms up one Pipeline (stored on ``app.state``)."""
    import anyio
    import anyio.to_thread
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, Response
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from .errors import VnassocError
    from .pipeline import Pipeline, check_date

    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        pipeline = Pipeline(gazetteers=list(settings.gazetteers))
        await anyio.to_thread.run_sync(pipeline.warm_up)
        app.state.pipeline = pipeline
        logger.info("vnassoc_nlp %s: pipeline loaded", __version__)
        try:
            yield
        finally:
            app.state.pipeline = None

    app = FastAPI(
        title="vnassoc_nlp",
        version=__version__,
        description=(
            "Typed entities (PERSON, ORGANIZATION, PROVINCE, DIRECTIVE, DATE) from Vietnamese "
            "news. Errors: {'error': {'type', 'message', 'code', 'details'}}."
        ),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pipeline = None
    app.add_middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    if settings.database is not None:
        from .corpus.pages import corpus_router
        from .corpus.queries import Corpus

        # Opened (and checked) here: a missing or foreign database stops start-up, clearly.
        app.state.corpus = Corpus(settings.database)
        app.include_router(corpus_router(app.state.corpus))

    def document_response(content: dict[str, Any]) -> Response:
        # json_utf8: a text with lone surrogates is still answered, with JSON escapes.
        return Response(json_utf8(content), media_type="application/json")

    def error_response(status: int, *args: Any, **kwargs: Any) -> JSONResponse:
        return JSONResponse(error_body(*args, **kwargs), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc.errors())
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return error_response(422, "invalid_json", details[0]["msg"], details=details)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json" and not content_type.endswith("+json"):
            message = "The request body must be JSON sent with Content-Type: application/json."
            if content_type:
                message += f" Got Content-Type: {content_type}."
            return error_response(422, "invalid_json", message, details=details)
        return error_response(422, "validation_error", _summary(details), details=details)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = error_response(exc.status_code, "http_error", str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # uvicorn logs the traceback; the client never sees it.
        return error_response(500, "internal_error", "Internal server error.")

    def pipeline_of(request: Request) -> Pipeline | None:
        return request.app.state.pipeline

    async def run_extraction(
        request: Request, items: Sequence[ExtractRequest], prefix: Callable[[int], list[Any]]
    ) -> list[dict[str, Any]] | JSONResponse:
        pipeline = pipeline_of(request)
        if pipeline is None:
            return error_response(503, "not_ready", "The pipeline is still loading.")
        for index, item in enumerate(items):
            try:
                check_date(item.date)
            except VnassocError as error:
                loc = [*prefix(index), "date"]
                return error_response(
                    422,
                    "input_error",
                    str(error),
                    code=error.code,
                    details=[{"loc": loc, "msg": str(error)}],
                )

        def work() -> list[dict[str, Any]]:
            return [
                pipeline(item.text, date=item.date, id=item.id).model_dump(mode="json")
                for item in items
            ]

        try:
            with anyio.fail_after(settings.timeout):
                # The thread cannot be killed: on timeout it finishes in the background.
                return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
        except TimeoutError:
            logger.warning(
                "extraction of %d document(s) exceeded %ss", len(items), settings.timeout
            )
            return error_response(
                503,
                "timeout",
                f"Extraction did not finish within {settings.timeout:g} seconds; "
                "send shorter texts or fewer documents, or retry later.",
            )
        except VnassocError as error:
            return error_response(422, "input_error", str(error), code=error.code)

    error_responses: dict[int | str, dict[str, Any]] = {
        422: {"model": ErrorResponse, "description": "Malformed JSON, bad fields or date"},
        413: {"model": ErrorResponse, "description": "Body or batch too large"},
        503: {"model": ErrorResponse, "description": "Timed out, or not loaded yet"},
        500: {"model": ErrorResponse, "description": "Unexpected error (generic message)"},
    }

    @app.get(
        "/health",
        responses={503: {"model": ErrorResponse, "description": "Not loaded yet"}},
        summary="Liveness and readiness",
    )
    async def health(request: Request) -> Any:
        if pipeline_of(request) is None:
            return error_response(503, "not_ready", "The pipeline is still loading.")
        return {"status": "ok", "version": __version__}

    @app.post(
        "/v1/extract",
        response_model=Document,
        responses=error_responses,
        summary="Extract the entities of one document",
    )
    async def extract(request: Request, body: ExtractRequest) -> Any:
        result = await run_extraction(request, [body], lambda index: ["body"])
        if isinstance(result, JSONResponse):
            return result
        return document_response(result[0])

    @app.post(
        "/v1/extract/batch",
        response_model=BatchResponse,
        responses=error_responses,
        summary=f"Extract the entities of several documents (at most {settings.max_batch})",
    )
    async def extract_batch(request: Request, body: BatchRequest) -> Any:
        if len(body.documents) > settings.max_batch:
            return error_response(
                413,
                "batch_too_large",
                f"A batch may hold at most {settings.max_batch} documents; "
                f"got {len(body.documents)}. Split it into smaller batches.",
            )
        result = await run_extraction(
            request, body.documents, lambda index: ["body", "documents", index]
        )
        if isinstance(result, JSONResponse):
            return result
        return document_response({"documents": result})

    return app


def app_factory() -> Any:
    """For uvicorn's ``factory=True`` (worker processes): settings from ``$VNASSOC_SERVER_SETTINGS``."""
    raw = os.environ.get(SETTINGS_ENV)
    return create_app(Settings.from_json(raw) if raw else Settings())


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    max_body_bytes: int = 4 * 1024 * 1024,
    max_batch: int = 64,
    timeout: float = 30.0,
    gazetteers: Sequence[str | Path] = (),
    database: str | Path | None = None,
) -> int:
    """Run the service until interrupted; returns the exit status. With ``database``, the
    corpus pages (``/corpus/...``) and their JSON (``/v1/corpus/...``) are served too."""
    try:
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError as error:
        print(
            f"vnassoc serve: the HTTP server needs FastAPI and uvicorn "
            f"({error.name or error} is not installed); {_INSTALL_HINT}",
            file=sys.stderr,
        )
        return 2
    if workers < 1:
        print(f"vnassoc serve: --workers must be at least 1, got {workers}", file=sys.stderr)
        return 2
    try:
        settings = Settings(
            max_body_bytes=max_body_bytes,
            max_batch=max_batch,
            timeout=timeout,
            gazetteers=tuple(str(Path(p).resolve()) for p in gazetteers),
            database=None if database is None else str(Path(database).resolve()),
        )
    except ValueError as error:
        print(f"vnassoc serve: {error}", file=sys.stderr)
        return 2

    # Check the data files here (a fraction of a second) so a bad file is one clear message,
    # not a worker that fails at start-up; each worker still loads its own Pipeline.
    from .errors import VnassocError
    from .gazetteers import Gazetteers

    try:
        Gazetteers.load(None, list(settings.gazetteers))
        if settings.database is not None:
            from .corpus.queries import Corpus

            Corpus(settings.database).close()
    except VnassocError as error:
        print(f"vnassoc: {error}", file=sys.stderr)
        return 2

    try:
        if workers == 1:
            uvicorn.run(create_app(settings), host=host, port=port)
        else:
            with _environment(SETTINGS_ENV, settings.to_json()):
                uvicorn.run(
                    f"{__name__}:app_factory",
                    factory=True,
                    host=host,
                    port=port,
                    workers=workers,
                )
    except SystemExit as exit_:  # uvicorn exits on start-up failures (port in use, ...)
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0
