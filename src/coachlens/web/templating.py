"""Rendering pages: one Jinja2 environment from the package, autoescaped, with the page context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from coachlens import __version__

NAV: dict[str, tuple[tuple[str, str], ...]] = {
    "coach": (("/dashboard", "Dashboard"), ("/engagements/new", "New engagement"), ("/journal", "Journal")),
    "client": (("/me", "My coaching"),),
    "sponsor": (("/sponsor", "Progress"),),
    "supervisor": (("/supervision", "Shared cases"),),
    "admin": (
        ("/admin", "Users"),
        ("/admin/instruments", "Instruments"),
        ("/admin/audit", "Audit log"),
        ("/admin/clients", "Clients' data"),
        ("/admin/backups", "Backups"),
    ),
}


@dataclass(frozen=True, slots=True)
class Viewer:
    """The logged-in account as the page frame shows it."""

    id: int
    name: str
    role: str
    # a coach, supervisor or admin account that signs in without a second factor (a notice says so)
    two_factor_off: bool = False


def build_environment() -> Environment:
    """Return the environment of the web templates (built in `create_app`, never at import)."""
    env = Environment(
        loader=PackageLoader("coachlens.web", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = _day
    env.filters["label"] = lambda value: str(value).replace("_", " ")
    # "collusion.action_not_done" reads "action not done"
    env.filters["kind"] = lambda value: (str(value).partition(".")[2] or str(value)).replace("_", " ")
    env.globals["version"] = __version__
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the request's user, CSRF token and navigation."""
    env: Environment = request.app.state.templates
    user = getattr(request.state, "user", None)
    browser = getattr(request.state, "browser", None)
    html = env.get_template(template).render(
        request=request,
        user=user,
        csrf_token=browser.csrf if browser is not None else "",
        nav=NAV.get(str(user.role), ()) if user is not None else (),
        path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)


def _day(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    return f"{value.day} {value:%b %Y}"
