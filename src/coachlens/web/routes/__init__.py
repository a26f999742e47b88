"""Every area's router, assembled in one place; each router checks CSRF on state-changing requests."""

from __future__ import annotations

from fastapi import APIRouter

from coachlens.web.routes import (
    admin,
    api,
    auth,
    checkin,
    client,
    coach,
    journal,
    sessions,
    sponsor,
    supervisor,
)

ROUTERS: tuple[APIRouter, ...] = (
    auth.router,
    coach.router,
    sessions.router,
    journal.router,
    checkin.router,
    client.router,
    sponsor.router,
    supervisor.router,
    admin.router,
    api.router,
)
