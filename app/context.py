"""Who is acting: `Actor` lives with the roles in app/auth/actor.py; this name stays for the many
modules that import it from here."""

from __future__ import annotations

from app.auth.actor import Actor as Actor
from app.auth.actor import os_user as os_user
