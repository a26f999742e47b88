"""One handler maps domain errors to a status code and `error.html`, or JSON under ``/api/``.

JSON errors have one shape: ``{"ok": false, "error": "<one sentence>", "status": <code>}``. A page
that needs a login redirects to it. Anything unexpected is a plain 500 page (or JSON) with no
detail, unless the settings turn debug on.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from coachlens.errors import (
    AcknowledgementRequired,
    CoachlensError,
    ConsentRequired,
    Forbidden,
    InvalidInstrument,
    InvalidRecord,
    InvalidTranscript,
    NotAuthenticated,
    NotFound,
    TooManyAttempts,
    TwoFactorRequired,
    UsageError,
)
from coachlens.web.templating import render

log = logging.getLogger("coachlens.web")

STATUS: tuple[tuple[type[CoachlensError], int], ...] = (
    (NotAuthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (ConsentRequired, 409),
    (AcknowledgementRequired, 409),
    (InvalidTranscript, 422),
    (InvalidRecord, 422),
    (InvalidInstrument, 422),
    (UsageError, 422),
    (TooManyAttempts, 429),
)
TITLES = {401: "Please log in", 403: "Not allowed", 404: "Not found", 409: "Not yet", 422: "Please check"}
TITLES |= {413: "Too large", 429: "Please wait"}


def status_of(exc: CoachlensError) -> int:
    """Return the HTTP status of a domain error (400 for one not in the table)."""
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 400)


def wants_json(request: Request) -> bool:
    """Return whether the request is an API call."""
    return request.url.path.startswith("/api/")


def error_response(request: Request, message: str, status: int) -> Response:
    """Return the error as JSON for the API, or as the error page."""
    if wants_json(request):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    return render(
        request,
        "error.html",
        status_code=status,
        title=TITLES.get(status, "Error"),
        message=message,
        status=status,
    )


async def handle_domain_error(request: Request, exc: Exception) -> Response:
    """Map a `CoachlensError` to its status; a page needing a login redirects to the login form."""
    if not isinstance(exc, CoachlensError):  # registered for CoachlensError only
        raise exc
    status = status_of(exc)
    if isinstance(exc, NotAuthenticated) and not wants_json(request):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    if isinstance(exc, TwoFactorRequired) and not wants_json(request):
        return RedirectResponse("/account/2fa", status_code=303)
    response = error_response(request, str(exc), status)
    if isinstance(exc, TooManyAttempts):
        response.headers["Retry-After"] = str(exc.retry_after_s)
    return response


async def handle_http_error(request: Request, exc: Exception) -> Response:
    """Show Starlette's own errors (unknown path, wrong method) in the same shape."""
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    message = {404: "there is no page at this address", 405: "this address does not take that method"}.get(
        status, "the request could not be handled"
    )
    return error_response(request, message, status)


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    """Say in one sentence which field of the request is missing or malformed."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    first = errors[0] if errors else {}
    where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "the request"
    return error_response(request, f"{where}: {str(first.get('msg', 'invalid')).lower()}", 422)


def handle_unexpected(debug: bool) -> Callable[[Request, Exception], Awaitable[Response]]:
    """Return the handler of unexpected errors: a plain 500, with the traceback only in debug mode."""

    async def handler(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        detail = "".join(traceback.format_exception(exc)) if debug else ""
        if wants_json(request):
            body = {"ok": False, "error": "something went wrong on our side", "status": 500}
            return JSONResponse(body | ({"traceback": detail} if debug else {}), status_code=500)
        text = "Something went wrong on our side (500). The error was logged; please try again."
        return Response(text + ("\n\n" + detail if detail else ""), status_code=500, media_type="text/plain")

    return handler


def install_error_handlers(app: FastAPI, *, debug: bool) -> None:
    """Register every handler on ``app``."""
    app.add_exception_handler(CoachlensError, handle_domain_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_unexpected(debug))
