"""Headless Chromium for browser tests (one Playwright instance for the whole run)."""

from tests.browser_support import browser  # noqa: F401
