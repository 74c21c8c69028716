"""Headless Chromium for browser tests: Debian's chromium driven by Playwright.

The browser comes from the system package (scripts/system-packages.txt), so
nothing is downloaded at test time. Without it the tests are skipped with
the reason, unless TIENDO_REQUIRE_BROWSER is set (CI sets it).
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("TIENDO_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright chưa được cài (pip install -e '.[test]')."
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Không có Chromium tại {CHROMIUM} (apt-get install chromium)."
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("TIENDO_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()
