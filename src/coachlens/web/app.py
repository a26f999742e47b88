"""`create_app(settings)`: the whole web application, built from the settings it is given.

Nothing is built at import: the engine, the session factory, the cookie signer, the templates and
the alert cache live on ``app.state`` of the app `create_app` returns. `coachlens serve` builds
the settings from ``COACHLENS_*`` variables (`app_from_env`, for uvicorn's workers); tests pass
their own.
"""

from __future__ import annotations

import gc
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from coachlens import __version__
from coachlens.config import Settings
from coachlens.practice.overview import AlertCache
from coachlens.security.keys import open_keyed_engine
from coachlens.store.db import default_database_url, session_factory
from coachlens.web.cookies import COOKIE_NAME, BrowserSession, CookieSigner
from coachlens.web.errors import error_response, handle_unexpected, install_error_handlers
from coachlens.web.routes import ROUTERS
from coachlens.web.templating import build_environment

log = logging.getLogger("coachlens.web")

# No CDN, no inline script: everything the pages use comes from /static on this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
# On every response: pages, the API, static files, errors (the 500 page included).
SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "SAMEORIGIN"),
    # Check-in links carry their token in the path: never send it on as a referrer.
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
UPLOAD_SLACK_BYTES = 64 * 1024


def create_app(settings: Settings) -> FastAPI:
    """Return the web application on the database of ``settings``."""
    # Confidential columns are encrypted at rest: the engine carries the practice's key, checked
    # against the database before the first request (the same way the CLI opens it).
    engine = open_keyed_engine(settings.database_url or default_database_url(), settings)
    secret = settings.secret_key
    if secret is None:
        log.warning("COACHLENS_SECRET_KEY is not set: logins last until the server stops")
        secret = secrets.token_urlsafe(32)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Everything built at start-up (modules, templates, tables) lives as long as the process:
        # freezing it keeps the collector's full passes short, which keeps p95 latency down.
        gc.collect()
        gc.freeze()
        yield
        engine.dispose()

    app = FastAPI(
        title="coachlens",
        version=__version__,
        description="The coachlens practice record: engagements, sessions, alliance check-ins.",
        debug=settings.debug,
        lifespan=lifespan,
        docs_url=None,  # the Swagger page loads its script from a CDN; the schema is served instead
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory(engine)
    app.state.signer = CookieSigner(
        secret, max_age_s=settings.session_max_hours * 3600, idle_s=settings.session_idle_minutes * 60
    )
    app.state.templates = build_environment()
    app.state.alert_cache = AlertCache(settings.collusion_after)
    app.mount("/static", StaticFiles(directory=str(files("coachlens.web") / "static")), name="static")
    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app, debug=settings.debug)
    app.middleware("http")(_browser_session(app.state.signer, settings))
    return app


def app_from_env() -> FastAPI:
    """Return the app with settings from the environment (uvicorn's factory for each worker)."""
    return create_app(Settings.from_env())


def _browser_session(
    signer: CookieSigner, settings: Settings
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    unexpected = handle_unexpected(settings.debug)
    # a multipart body may carry the form fields around the file: allow them some room
    upload_limit = settings.max_file_bytes + UPLOAD_SLACK_BYTES

    async def middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        browser = signer.loads(request.cookies.get(COOKIE_NAME))
        fresh = browser is None
        request.state.browser = browser or BrowserSession()
        if browser is not None and browser.user_id is not None:
            browser.touch()  # idle expiry counts from the last use
        too_large = _body_too_large(request, upload_limit)
        if too_large is not None:
            response = error_response(request, too_large, 413)
        else:
            try:
                response = await call_next(request)
            except Exception as exc:  # the 500 response gets the same headers as every other
                response = await unexpected(request, exc)
        if fresh or request.state.browser.changed:
            response.set_cookie(
                COOKIE_NAME,
                signer.dumps(request.state.browser),
                max_age=signer.max_age_s,
                httponly=True,
                samesite="lax",
                secure=settings.secure_cookies,
                path="/",
            )
        for name, value in SECURITY_HEADERS:
            response.headers.setdefault(name, value)
        if request.url.path.startswith(("/api/", "/checkin/")) or request.state.browser.user_id is not None:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return middleware


def _body_too_large(request: Request, limit: int) -> str | None:
    """Return why a state-changing request's body is refused before it is read, or None."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return None
    raw = request.headers.get("content-length")
    if raw is None:
        if request.headers.get("transfer-encoding"):
            return "the request has no Content-Length; send the file with its length"
        return None
    if not raw.isdigit() or int(raw) > limit:
        mb = limit // (1024 * 1024)
        return f"the request is larger than the {mb} MB this server accepts (COACHLENS_MAX_FILE_MB)"
    return None
