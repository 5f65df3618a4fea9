"""Headless Chromium for the browser tests (never downloads a browser or a driver)."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
)


def _which(*names: str) -> str | None:
    for name in names:
        if found := shutil.which(name):
            return found
    return None


def launch_chromium(tmp_path_factory: pytest.TempPathFactory, window: str = "1500,950",
                    extra: tuple[str, ...] = ()) -> Any:
    """A headless Chromium WebDriver with a fresh profile; skips the test when Chromium,
    chromedriver or selenium is missing (CHROMIUM_BIN / CHROMEDRIVER_BIN override the paths)."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    binary = os.environ.get("CHROMIUM_BIN") or _which("chromium", "chromium-browser")
    driver_bin = os.environ.get("CHROMEDRIVER_BIN") or _which("chromedriver")
    if not binary or not driver_bin:
        pytest.skip("chromium/chromedriver not installed (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*CHROMIUM_FLAGS, f"--window-size={window}", *extra):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    # explicit driver path: selenium-manager never downloads anything
    return webdriver.Chrome(service=Service(driver_bin), options=options)


@pytest.fixture(scope="session")
def chromium_launcher() -> Any:
    """:func:`launch_chromium`, for the browser tests' own module-scoped fixtures."""
    return launch_chromium

