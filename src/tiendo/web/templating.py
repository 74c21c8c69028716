"""Jinja2 templates with Vietnamese formatting filters."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from tiendo.clock import local
from tiendo.domain.plan import FREQUENCY_LABELS, KIND_LABELS, Frequency, TargetKind
from tiendo.text.numbers import format_date, format_datetime, format_number

TEMPLATES = Path(__file__).parent / "templates"


def _frequency(values) -> str:
    labels = []
    for v in values or []:
        try:
            labels.append(FREQUENCY_LABELS[Frequency(v)])
        except ValueError:
            labels.append(str(v))
    return ", ".join(labels)


def _kind(value) -> str:
    try:
        return KIND_LABELS[TargetKind(value)]
    except ValueError:
        return str(value)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters["vn_number"] = format_number
    env.filters["vn_date"] = format_date
    env.filters["vn_datetime"] = lambda v: format_datetime(local(v))
    env.filters["frequency"] = _frequency
    env.filters["target_kind"] = _kind
    env.globals["app_name"] = "tiendo"
    # Root-relative links keep working behind a reverse proxy.
    env.globals["static"] = lambda path: f"/static/{path}"
    return templates
