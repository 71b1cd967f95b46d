"""The meeting's HTML report in a real headless Chromium, with networking disabled.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them).
Outside CI the test is skipped when they are missing; in CI it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from csprules import load_evidence, load_governance, recommend
from csprules.cli import main
from csprules.cli.common import ruleset_from
from csprules.scoring.model import Status

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/havering-2017"
SCREENSHOT = ROOT / "out" / "report-havering-2017.png"

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        pytest.fail("chromium and chromedriver are required in CI", pytrace=False)
    pytest.skip("chromium/chromedriver not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    assert main(["recommend", EXAMPLE, "--format", "html", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,2000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    driver.set_network_conditions(offline=True, latency=0, download_throughput=0,
                                  upload_throughput=0)
    try:
        yield driver
    finally:
        driver.quit()


def _requests(driver: webdriver.Chrome) -> list[str]:
    """URLs the page asked for since the last call (browser-internal chrome:// left out)."""
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[no-untyped-call]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(("chrome:", "chrome-untrusted:", "about:")):
                urls.append(url)
    return urls


def test_report_loads_offline_with_key_elements(browser: webdriver.Chrome, report: Path) -> None:
    _requests(browser)
    browser.get(report.as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith(
        "Havering Community Safety Partnership")
    for section in ("summary", "weights", "themes", "not-recommended", "governance", "findings"):
        assert browser.find_element(By.ID, section).is_displayed(), section
    assert browser.find_elements(By.CSS_SELECTOR, "table.summary th[scope=col]")
    assert browser.find_elements(By.CSS_SELECTOR, "article.card .bars .bar")
    assert browser.find_elements(By.CSS_SELECTOR, "#live-ranking li")
    requests = _requests(browser)
    assert requests, "the performance log recorded nothing"
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
    assert report.as_uri() in requests
    SCREENSHOT.parent.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


def _python_ranking(weights: dict[str, float]) -> list[tuple[str, str]]:
    recs = recommend(load_evidence(ROOT / EXAMPLE), ruleset_from("default"),
                     load_governance(ROOT / EXAMPLE), weights=weights)
    return [(r.theme, r.status.value) for r in recs.recommendations
            if r.status in (Status.PRIORITY, Status.CROSS_CUTTING)]


def _page_ranking(browser: webdriver.Chrome) -> list[tuple[str, str]]:
    items = browser.find_elements(By.CSS_SELECTOR, "#live-ranking li")
    return [(str(i.get_attribute("data-theme")), str(i.get_attribute("data-status")))
            for i in items]


def test_slider_reranks_like_python(browser: webdriver.Chrome, report: Path) -> None:
    browser.get(report.as_uri())
    assert _page_ranking(browser) == _python_ranking({})
    slider = browser.find_element(By.ID, "w-concern")
    browser.execute_script(
        "arguments[0].value = '9'; arguments[0].dispatchEvent(new Event('input'));", slider)
    browser.execute_script(
        "var s = document.getElementById('w-harm'); s.value = '0';"
        "s.dispatchEvent(new Event('input'));")
    moved = _page_ranking(browser)
    assert moved == _python_ranking({"concern": 9.0, "harm": 0.0})
    note = browser.find_element(By.ID, "weights-note").text
    assert note == "Weights changed from the ruleset: harm=0, concern=9"
    browser.find_element(By.ID, "reset-weights").click()
    assert _page_ranking(browser) == _python_ranking({})
    assert all(u.startswith(("file:", "data:")) for u in _requests(browser))
