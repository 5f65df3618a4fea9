"""Neo4j Browser end to end: headless Chromium (Debian packages, driven by selenium) connects to
the local server, loads cypher/browser-style.grass, runs queries on data written by the test and
checks what the page shows. Screenshot: artifacts/neo4j-browser.png.

Skips when selenium, chromium/chromedriver, NEO4J_URI or the Browser (http://…:7474/browser,
env NEO4J_BROWSER_URL) is missing.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.queries import cypher_dir

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
# our .grass server listens on IPv4 only
EXTRA_FLAGS = ("--disable-quic", "--host-resolver-rules=MAP localhost 127.0.0.1")


def _browser_url() -> str:
    return os.environ.get("NEO4J_BROWSER_URL", "http://127.0.0.1:7474/browser")


@pytest.fixture(scope="module")
def chrome(tmp_path_factory: pytest.TempPathFactory, chromium_launcher: Any) -> Iterator[Any]:
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI not set")
    try:
        urllib.request.urlopen(_browser_url() + "/", timeout=5).read(100)
    except OSError:
        pytest.skip(f"Neo4j Browser not served at {_browser_url()}")
    browser = chromium_launcher(tmp_path_factory, window="1400,1000", extra=EXTRA_FLAGS)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def style_server() -> Iterator[str]:
    """Serves cypher/ over HTTP (with CORS) so the Browser can fetch the .grass file."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Headers", "*")
            self.send_header("Access-Control-Allow-Private-Network", "true")
            super().end_headers()

        def do_OPTIONS(self) -> None:  # CORS preflight
            self.send_response(204)
            self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
            self.end_headers()

        def log_message(self, fmt: str, *args: Any) -> None:
            import sys
            print("grass-server:", fmt % args, file=sys.stderr)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(cypher_dir())))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # "localhost" is on the Browser's default remote-content allow-list
    yield f"http://localhost:{server.server_address[1]}/browser-style.grass"
    server.shutdown()


def _graph() -> GraphBatch:
    people = [Node(label="Person", id=f"per:{n.split()[0].lower()}", props={"name": n, "aliases": [n]})
              for n in ("Anna Alt", "Bert Berg", "Cora Clad")]
    meet = Node(label="Event", id="ev:meet", props={
        "type": "MEETING", "label": "Meeting", "status": "occurred", "start": "2021-12-05"})
    rels = [Relationship(type="PARTICIPATED_IN", start=p.id, end=meet.id, start_label="Person",
                         end_label="Event", props={"role": "participant"}) for p in people]
    return GraphBatch(nodes=[*people, meet], relationships=rels)


WAIT_S = 40  # upper bound of every explicit wait; no fixed sleep anywhere


def _editor_text(chrome: Any) -> str:
    from selenium.webdriver.common.by import By

    text = chrome.find_element(By.CSS_SELECTOR, "[data-testid=activeEditor]").text
    return " ".join(text.replace("\xa0", " ").split())


def _run(chrome: Any, command: str) -> None:
    """Type ``command`` into the editor, wait until the editor shows it, then run it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(chrome, WAIT_S)
    editor = wait.until(ec.presence_of_element_located(
        (By.CSS_SELECTOR, "[data-testid=activeEditor] textarea")))
    editor.send_keys(command)
    wait.until(lambda c: " ".join(command.split()) in _editor_text(c))
    wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=editor-Run]"))).click()
    wait.until(lambda c: " ".join(command.split()) not in _editor_text(c))  # editor cleared: sent


def _first_frame_text(chrome: Any) -> str:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        return chrome.find_element(By.CSS_SELECTOR, "[data-testid=frame]").text
    except StaleElementReferenceException:  # the frame re-rendered between find and read
        return ""


def _svg_state(chrome: Any) -> tuple[str, set[str]]:
    """(the captions of the graph view, the fill colours of its circles)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        captions = " ".join(t.text for t in chrome.find_elements(By.CSS_SELECTOR, "svg text"))
        fills = {c.get_attribute("fill").lower() for c in chrome.find_elements(By.CSS_SELECTOR, "svg circle")
                 if c.get_attribute("fill")}
    except StaleElementReferenceException:
        return "", set()
    return captions, fills


def test_browser_connects_styles_and_shows_results(chrome, style_server, neo4j_sink) -> None:
    try:
        _browser_session(chrome, style_server, neo4j_sink)
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        chrome.save_screenshot(str(ARTIFACTS / "neo4j-browser-failure.png"))
        raise


def _browser_session(chrome: Any, style_server: str, neo4j_sink: Any) -> None:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    neo4j_sink.write(_graph())
    bolt = urlsplit(os.environ["NEO4J_URI"])
    user = os.environ.get("NEO4J_USERNAME") or "neo4j"
    wait = WebDriverWait(chrome, WAIT_S)
    chrome.get(f"{_browser_url()}?dbms=bolt://{user}@{bolt.hostname}:{bolt.port or 7687}")
    password = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=password]")))
    password.send_keys(os.environ.get("NEO4J_PASSWORD", ""))
    chrome.find_element(By.CSS_SELECTOR, "[data-testid=connect]").click()
    wait.until(lambda c: "connected as user" in c.find_element(By.TAG_NAME, "body").text)

    _run(chrome, f":style {style_server}")
    wait.until(lambda c: "caption" in _first_frame_text(c))

    _run(chrome, "MATCH (p:Person)-[r:PARTICIPATED_IN]->(e:Event) RETURN p, r, e")
    wait.until(lambda c: "Displaying 4 nodes, 3 relationships" in c.find_element(By.TAG_NAME, "body").text)

    def styled_graph_shown(c: Any) -> bool:
        captions, fills = _svg_state(c)
        return ({"Anna Alt", "Bert Berg", "Cora Clad"} <= set(re.findall(r"[A-Z][a-z]+ [A-Z][a-z]+", captions))
                and bool(re.search(r"Meeting\s+2021-12", captions))
                and {"#57c7e3", "#f79767"} <= fills)

    try:
        wait.until(styled_graph_shown)
    except TimeoutException:
        pass  # the asserts below say what is missing
    captions, fills = _svg_state(chrome)
    assert {"Anna Alt", "Bert Berg", "Cora Clad"} <= set(re.findall(r"[A-Z][a-z]+ [A-Z][a-z]+", captions))
    assert re.search(r"Meeting\s+2021-12", captions), captions  # Event caption: label + start
    assert {"#57c7e3", "#f79767"} <= fills  # Person and Event colours from the .grass file
    ARTIFACTS.mkdir(exist_ok=True)
    chrome.save_screenshot(str(ARTIFACTS / "neo4j-browser.png"))

    _run(chrome, "MATCH (p:Person) RETURN count(p) AS persons")
    # wait for the rendered table itself (header AND value), not just the frame's title
    counted = re.compile(r"persons\s+(1\s+)?3\s")
    try:
        wait.until(lambda c: counted.search(_first_frame_text(c) + "\n"))
    except TimeoutException:
        pass
    first_frame = _first_frame_text(chrome) + "\n"
    assert counted.search(first_frame), first_frame  # (row number) value
