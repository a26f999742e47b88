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
from coachlens.web.cookies import COOKIE_NAME, MAX_AGE_S, BrowserSession, CookieSigner
from coachlens.web.errors import install_error_handlers
from coachlens.web.routes import ROUTERS
from coachlens.web.templating import build_environment

log = logging.getLogger("coachlens.web")

# No CDN, no inline script: everything the pages use comes from /static on this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'"
)


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
    app.state.signer = CookieSigner(secret)
    app.state.templates = build_environment()
    app.state.alert_cache = AlertCache(settings.collusion_after)
    app.mount("/static", StaticFiles(directory=str(files("coachlens.web") / "static")), name="static")
    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app, debug=settings.debug)
    app.middleware("http")(_browser_session(app.state.signer, secure=settings.secure_cookies))
    return app


def app_from_env() -> FastAPI:
    """Return the app with settings from the environment (uvicorn's factory for each worker)."""
    return create_app(Settings.from_env())


def _browser_session(
    signer: CookieSigner, *, secure: bool
) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    async def middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        browser = signer.loads(request.cookies.get(COOKIE_NAME))
        fresh = browser is None
        request.state.browser = browser or BrowserSession()
        response = await call_next(request)
        if fresh or request.state.browser.changed:
            response.set_cookie(
                COOKIE_NAME,
                signer.dumps(request.state.browser),
                max_age=MAX_AGE_S,
                httponly=True,
                samesite="lax",
                secure=secure,
                path="/",
            )
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # Check-in links carry their token in the path: never send it on as a referrer.
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.url.path.startswith(("/api/", "/checkin/")) or request.state.browser.user_id is not None:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return middleware
