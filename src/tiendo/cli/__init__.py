"""The ``tiendo`` command: a thin layer over the services.

Each module of this package defines one command or command group and is
listed in ``COMMAND_MODULES``; every module exposes ``command``.
"""

from __future__ import annotations

import importlib

import click

COMMAND_MODULES = [
    "tiendo.cli.db",
    "tiendo.cli.ingest",
    "tiendo.cli.plans",
    "tiendo.cli.extract",
    "tiendo.cli.restore",
    "tiendo.cli.serve",
    "tiendo.cli.user",
    "tiendo.cli.report",
    "tiendo.cli.export",
    "tiendo.cli.agency",
    "tiendo.cli.period",
    "tiendo.cli.remind",
    "tiendo.cli.demo",
    "tiendo.cli.audit",
    "tiendo.cli.evaluate",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tiendo")
def main() -> None:
    """tiendo: theo dõi, đánh giá thực hiện kế hoạch, chương trình hành động."""


for _name in COMMAND_MODULES:
    main.add_command(importlib.import_module(_name).command)
