"""A real headless Chromium (Debian's package, driven by Selenium through Debian's chromedriver)
reads the corpus pages of ``vnassoc serve --db`` at phone width: search -> person ->
organization -> directive -> document, checking what a reader sees on each page. ``.ci/run``
installs Chromium; elsewhere the test skips when it is absent."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_runner import REPO, vnassoc
from corpus_cases import documents

pytest.importorskip("duckdb")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
    pytest.skip("Chromium and chromedriver are not installed (apt-get install chromium "
                "chromium-driver; .ci/run does)", allow_module_level=True)  # fmt: skip
webdriver = pytest.importorskip("selenium.webdriver")
By = pytest.importorskip("selenium.webdriver.common.by").By


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    annotated = folder / "annotated.jsonl"
    annotated.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents()),
                         encoding="utf-8")  # fmt: skip
    db = folder / "corpus.duckdb"
    assert vnassoc("index", str(annotated), "--db", str(db), "--quiet").returncode == 0
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "vnassoc_nlp.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None, "vnassoc serve stopped"
            assert time.monotonic() < deadline, "vnassoc serve did not start"
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="vnassoc-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
                 "--window-size=390,844"):  # fmt: skip
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def text_of(driver: Any, selector: str) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, selector).text)


def check_page_is_self_contained_and_fits(driver: Any, base: str) -> None:
    fits = driver.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1"
    )
    assert fits, f"{driver.current_url} is wider than a phone's screen"
    assert driver.find_element(By.CSS_SELECTOR, 'meta[name="viewport"]')
    loaded = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert [url for url in loaded if not url.startswith(base)] == []
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in driver.find_elements(By.TAG_NAME, tag):
            assert not (element.get_attribute(attribute) or "").startswith("http")


def test_search_person_organization_directive_document(server: str, browser: Any) -> None:
    browser.get(f"{server}/corpus/search")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("hà quang")
    box.submit()
    assert "Hà Quang Vĩnh" in text_of(browser, "main")
    check_page_is_self_contained_and_fits(browser, server)

    browser.find_element(By.LINK_TEXT, "Hà Quang Vĩnh").click()
    assert text_of(browser, "h1") == "KS Hà Quang Vĩnh"
    posts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "li.position")]
    assert len(posts) == 3
    assert posts[0].startswith("Phó Chủ tịch, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Gia Lai")
    assert posts[2].startswith("nguyên Chủ tịch")
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect")
    assert len(bars) == 3
    assert "Documents (3)" in text_of(browser, "main")
    check_page_is_self_contained_and_fits(browser, server)

    browser.find_elements(By.PARTIAL_LINK_TEXT, "tỉnh Gia Lai")[0].click()
    assert text_of(browser, "h1") == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Gia Lai"
    leadership = text_of(browser, "table")
    assert "Hà Quang Vĩnh" in leadership and "2021-07-30" in leadership
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect")) == 3
    assert "Province: Gia Lai" in text_of(browser, "main")
    check_page_is_self_contained_and_fits(browser, server)

    browser.find_element(By.LINK_TEXT, "23-NQ/TU").click()
    assert text_of(browser, "h1") == "23-NQ/TU"
    main = text_of(browser, "main")
    assert "First cited 2016-02-25" in main and "Cited in 1 documents" in main
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect")) == 1
    check_page_is_self_contained_and_fits(browser, server)

    browser.find_element(By.LINK_TEXT, "gl-2016").click()
    assert text_of(browser, "h1") == "gl-2016"
    marked = [m.text for m in browser.find_elements(By.CSS_SELECTOR, ".text mark")]
    assert "Hà Quang Vĩnh" in marked and "Nghị quyết số 23-NQ/TU" in marked
    browser.find_element(By.LINK_TEXT, "Hà Quang Vĩnh").click()
    assert text_of(browser, "h1") == "KS Hà Quang Vĩnh"
    check_page_is_self_contained_and_fits(browser, server)


def test_an_unknown_page_says_not_found(server: str, browser: Any) -> None:
    browser.get(f"{server}/corpus/people/p-000000000000")
    assert text_of(browser, "h1") == "Not found"
    browser.get(f"{server}/corpus/search?q=Ngô+Vô+Danh")
    assert "Nothing found." in text_of(browser, "main")


def test_the_json_api_mirrors_the_pages(server: str) -> None:
    def get(path: str) -> Any:
        with urllib.request.urlopen(server + path, timeout=10) as response:
            return json.loads(response.read())

    people = get("/v1/corpus/people?name=H%C3%A0%20Quang%20V%C4%A9nh")
    assert [p["name"] for p in people] == ["Hà Quang Vĩnh"]
    assert get(f"/v1/corpus/people/{people[0]['id']}") == people[0]
    directive = get("/v1/corpus/directives/23-NQ/TU")
    assert [d["id"] for d in directive["documents"]] == ["gl-2016"]
    assert get("/v1/corpus/organizations?name=Nobody") == {}
