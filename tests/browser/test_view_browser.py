"""`graphbuilder view` in a real browser: headless Chromium (Debian packages, driven by selenium)
opens the page built from examples/ and from an invented graph, and checks what a reader sees:
lanes, status styles, report history marks, details with the evidence sentence, filters,
keyboard, language switch, zoom. Screenshots: artifacts/view-*.png.

Skips when selenium or chromium/chromedriver is missing. Needs no Neo4j. Every check waits
explicitly for what it asserts on (no fixed sleeps).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.view import build_view, render_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
EXAMPLES = ROOT / "examples"
WAIT_S = 20


@pytest.fixture(scope="module")
def chrome(tmp_path_factory: pytest.TempPathFactory, chromium_launcher: Any) -> Iterator[Any]:
    browser = chromium_launcher(tmp_path_factory)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def examples_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """examples/ ingested into a fresh store, and the page built from it: (page, store)."""
    tmp = tmp_path_factory.mktemp("view")
    db, out = tmp / "tmp.db", tmp / "out.html"
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(EXAMPLES), "--store", str(db), "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["view", "--store", str(db), "--sources", str(EXAMPLES), "-o", str(out)],
                        catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out, db


def _open(chrome: Any, page: Path) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    chrome.get(page.resolve().as_uri())
    # the page re-renders on every filter change: an element found just before may be replaced
    wait = WebDriverWait(chrome, WAIT_S, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda c: c.execute_script("return document.documentElement.dataset.ready") == "1")
    return wait


def _shot(chrome: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    chrome.save_screenshot(str(ARTIFACTS / name))


def _css(chrome: Any, el: Any, prop: str, pseudo: str | None = None) -> str:
    return chrome.execute_script("return getComputedStyle(arguments[0], arguments[2]).getPropertyValue(arguments[1])",
                                 el, prop, pseudo)


def _expected_evidence(db: Path, event_id: str, mentions: bool = False) -> list[tuple[str, str]]:
    """(sentence, trigger) of each report, cut independently from the example files (``mentions``:
    of each further mention instead, each sentence once per report, the report's own left out)."""
    from graphbuilder.core import read_documents
    from graphbuilder.store.sqlite_store import SQLiteStore

    docs, _, _ = read_documents([str(EXAMPLES)])
    texts = {d.id: d.text for d in docs}
    with SQLiteStore(db) as store:
        reps = [r for r in store.relationships("REPORTED_IN") if r.start == event_id]
    reps.sort(key=lambda r: (r.props.get("published") or "", r.end))
    if not mentions:
        return [(texts[r.end][r.props["sentence_start"]:r.props["sentence_end"]],
                 texts[r.end][r.props["start"]:r.props["end"]]) for r in reps]
    out: list[tuple[str, str]] = []
    for r in reps:
        text, seen = texts[r.end], {r.props["sentence_start"]}
        for m0, m1, s0, sentence in zip(r.props.get("mention_starts", []), r.props.get("mention_ends", []),
                                        r.props.get("mention_sentence_starts", []),
                                        r.props.get("mention_sentence_texts", [])):
            assert text[s0:s0 + len(sentence)] == sentence and s0 <= m0 < m1 <= s0 + len(sentence)
            if s0 not in seen:
                seen.add(s0)
                out.append((sentence.strip(), text[m0:m1]))
    return out


def test_examples_page(chrome: Any, examples_page: tuple[Path, Path]) -> None:
    try:
        _examples_session(chrome, *examples_page)
    except BaseException:
        _shot(chrome, "view-failure.png")
        raise


def _examples_session(chrome: Any, page: Path, db: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    wait = _open(chrome, page)
    model = chrome.execute_script("return window.gbView.model")
    events = {e["id"]: e for e in model["events"]}

    # the story: a visit planned, then cancelled; a call of the same person, planned then held
    visit = next(e for e in model["events"] if e["type"] == "VISIT" and
                 [h["status"] for h in e["history"]] == ["planned", "cancelled"])
    person = visit["participants"][0]["id"]
    call = next(e for e in model["events"] if e["type"] in ("CALL", "MEETING") and e["status"] == "occurred"
                and person in {p["id"] for p in e["participants"]} and len(e["participants"]) > 1
                and [h["status"] for h in e["history"]] == ["planned", "occurred"])
    name = model["entities"][person]["name"]

    # lanes: one per main participant (most events first), then the others; no-participant lane hidden
    labels = [el.get_attribute("data-lane") for el in chrome.find_elements(By.CSS_SELECTOR, "#lanes .lane")]
    on_axis = [e for e in model["events"] if e["start"] and e["participants"]]
    expected = [ln["id"] for ln in model["lanes"]["participant"] if any(ln["id"] in e["lanes"] for e in on_axis)]
    assert labels == expected and len(labels) >= 5
    assert labels[-1] == "_other" and "_none" not in labels
    dated = [ln["dated"] for ln in model["lanes"]["participant"] if not ln["id"].startswith("_")]
    assert len(dated) >= 4 and dated == sorted(dated, reverse=True)
    lane = chrome.find_element(By.CSS_SELECTOR, f'#lanes .lane[data-lane="{person}"]')
    assert lane.find_element(By.CSS_SELECTOR, ".lane-label").text.startswith(name)
    # the call sits in the lanes of both its participants
    assert len(chrome.find_elements(By.CSS_SELECTOR, f'#lanes .ev[data-id="{call["id"]}"]')) == len(call["lanes"]) >= 2

    # status styles: occurred solid, planned hollow, cancelled struck through
    solid = lane.find_element(By.CSS_SELECTOR, f'.ev[data-id="{call["id"]}"] .bar')
    assert _css(chrome, solid, "background-color") == _css(chrome, solid, "border-top-color") != "rgb(255, 255, 255)"
    # (planned: hollow — checked on the invented graph, whose planned event does not depend on extraction)
    vis_el = lane.find_element(By.CSS_SELECTOR, f'.ev[data-id="{visit["id"]}"]')
    assert "st-cancelled" in vis_el.get_attribute("class")
    assert _css(chrome, vis_el.find_element(By.CSS_SELECTOR, ".bar"), "border-top-style", "::after") == "solid"
    assert "line-through" in _css(chrome, vis_el.find_element(By.CSS_SELECTOR, ".lbl"), "text-decoration-line")

    # history marks on the bar: one per report, in date order, before the visit's day
    marks = vis_el.find_elements(By.CSS_SELECTOR, ".mk")
    assert [(m.get_attribute("data-status"), m.get_attribute("data-date")) for m in marks] == [
        (r["status"], r["published"]) for r in visit["reports"]]
    xs = [m.rect["x"] for m in marks]
    bar_x = vis_el.find_element(By.CSS_SELECTOR, ".bar").rect["x"]
    assert xs == sorted(xs) and xs[0] < xs[-1] < bar_x + 1
    call_marks = lane.find_elements(By.CSS_SELECTOR, f'.ev[data-id="{call["id"]}"] .mk')
    assert [m.get_attribute("data-status") for m in call_marks][0] == "planned"
    assert [m.get_attribute("data-status") for m in call_marks][-1] == "occurred"
    _shot(chrome, "view-examples.png")

    # click the visit: label, status, participants with roles, place, history and the evidence
    vis_el.find_element(By.CSS_SELECTOR, ".bar").click()
    wait.until(lambda c: c.find_element(By.ID, "detail-title").text == visit["title"]["en"])
    detail = chrome.find_element(By.ID, "detail")
    assert chrome.find_element(By.ID, "detail-status").text == "cancelled"
    assert name in detail.text and "(participant, person)" in detail.text
    assert chrome.find_element(By.ID, "detail-place").text == model["entities"][visit["place"]]["name"]
    steps = [li.text for li in detail.find_elements(By.CSS_SELECTOR, "ol.history li")]
    assert steps == [f"{h['status']} {h['date']}" for h in visit["history"]]
    assert [h["status"] for h in visit["history"]] == ["planned", "cancelled"]
    quotes = detail.find_elements(By.CSS_SELECTOR, ".report blockquote.evidence:not(.mention)")
    expected = _expected_evidence(db, visit["id"])
    assert [(q.text, q.find_element(By.TAG_NAME, "mark").text) for q in quotes] == expected
    further = detail.find_elements(By.CSS_SELECTOR, ".report blockquote.evidence.mention")
    assert [(q.text, q.find_element(By.TAG_NAME, "mark").text) for q in further] == _expected_evidence(
        db, visit["id"], mentions=True)
    titles = [el.text for el in detail.find_elements(By.CSS_SELECTOR, ".report .art-title")]
    assert titles == [model["articles"][r["article"]]["title"] for r in visit["reports"]]
    assert "sel" in vis_el.get_attribute("class")
    _shot(chrome, "view-detail.png")

    # keyboard: arrows move between events of a lane, Enter opens the details
    vis_el.send_keys(Keys.ARROW_RIGHT)
    wait.until(lambda c: c.switch_to.active_element.get_attribute("data-id") not in (None, visit["id"]))
    moved = chrome.switch_to.active_element
    moved.send_keys(Keys.ENTER)
    wait.until(lambda c: c.find_element(By.ID, "detail-title").text
               == events[moved.get_attribute("data-id")]["title"]["en"])
    moved.send_keys(Keys.ESCAPE)
    wait.until(lambda c: not c.find_elements(By.ID, "detail-title"))
    lane_of = lambda el: el.find_element(By.XPATH, "ancestor::section[@class='lane']").get_attribute("data-lane")  # noqa: E731
    moved.send_keys(Keys.ARROW_DOWN)
    wait.until(lambda c: lane_of(c.switch_to.active_element) not in (None, person))
    assert chrome.switch_to.active_element.get_attribute("tabindex") == "0"  # one tab stop, where the focus is

    # filters: status, participant-less events, search, lanes per type
    shown = lambda c: c.execute_script(  # noqa: E731
        "return new Set([...document.querySelectorAll('.ev')].map(e => e.dataset.id)).size")
    total = shown(chrome)
    chrome.find_element(By.CSS_SELECTOR, '#status-filter input[value="occurred"]').click()
    wait.until(lambda c: not c.find_elements(By.CSS_SELECTOR, ".ev.st-occurred") and shown(c) < total)
    chrome.find_element(By.CSS_SELECTOR, '#status-filter input[value="occurred"]').click()
    wait.until(lambda c: shown(c) == total)
    chrome.find_element(By.ID, "show-none").click()
    wait.until(lambda c: c.find_elements(By.CSS_SELECTOR, '#lanes .lane[data-lane="_none"]'))
    assert shown(chrome) == len(model["events"])
    chrome.find_element(By.ID, "show-none").click()
    chrome.find_element(By.ID, "search").send_keys(model["articles"][visit["reports"][-1]["article"]]["title"])
    wait.until(lambda c: 0 < shown(c) < total)
    assert chrome.find_elements(By.CSS_SELECTOR, f'.ev[data-id="{visit["id"]}"]')
    chrome.find_element(By.ID, "search").clear()
    chrome.find_element(By.ID, "search").send_keys(Keys.SPACE, Keys.BACKSPACE)
    wait.until(lambda c: shown(c) == total)
    chrome.find_element(By.CSS_SELECTOR, 'input[name="lanes"][value="type"]').click()
    wait.until(lambda c: c.find_elements(By.CSS_SELECTOR, '#lanes .lane[data-lane="VISIT"]'))
    chrome.find_element(By.CSS_SELECTOR, 'input[name="lanes"][value="participant"]').click()

    # zoom: the bars widen
    width = lambda c: c.find_element(By.CSS_SELECTOR, f'#lanes .ev[data-id="{visit["id"]}"] .bar').rect["width"]  # noqa: E731
    before = width(chrome)
    chrome.find_element(By.ID, "zoom-in").click()
    wait.until(lambda c: width(c) > before * 1.3)

    # German labels
    chrome.find_element(By.CSS_SELECTOR, '#langs button[data-lang="de"]').click()
    wait.until(lambda c: c.find_element(By.CSS_SELECTOR, "h1 [data-i18n=heading]").text == "Ereignis-Zeitleiste")
    chrome.find_element(By.CSS_SELECTOR, f'#lanes .ev[data-id="{visit["id"]}"] .bar').click()
    wait.until(lambda c: c.find_element(By.ID, "detail-status").text == "abgesagt")
    assert chrome.find_element(By.ID, "detail-title").text == visit["title"]["de"]
    assert chrome.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "de"
    _shot(chrome, "view-de.png")


def _styles_graph() -> GraphBatch:
    """Invented: a month-long event, a vague 'soon' plan, a disputed report, an undated one."""
    people = [Node(label="Person", id=f"per:{n}", props={"name": n.title()}) for n in ("alpha", "beta")]
    art = Node(label="Article", id="a1", props={"title": "Invented report", "published": "2031-02-03"})

    def ev(eid: str, **props: Any) -> Node:
        return Node(label="Event", id=eid, props={"type": "MEETING", "label": eid, "confidence": 0.5, **props})

    events = [
        ev("evt:month", status="occurred", start="2031-01-01", end="2031-01-31", precision="month"),
        ev("evt:soon", status="planned", start="2031-02-03", end="2031-04-30", precision="vague", vague=True,
           time_text="soon"),
        ev("evt:disputed", status="occurred", start="2031-01-20", end="2031-01-20", precision="day", disputed=True),
        ev("evt:undated", status="expected"),
        ev("evt:low", status="occurred", start="2031-01-10", end="2031-01-10", precision="day", confidence=0.2),
    ]
    rels = [Relationship(type="PARTICIPATED_IN", start=p.id, end=e.id, start_label="Person", end_label="Event",
                         props={"role": "participant"}) for p in people for e in events]
    rels.append(Relationship(type="REPORTED_IN", start="evt:disputed", end="a1", start_label="Event",
                             end_label="Article", props={"status": "occurred", "trigger": "met",
                                                         "sentence_text": "Alpha met Beta, the ministry said."}))
    return GraphBatch(nodes=[*people, art, *events], relationships=rels)


def test_precision_and_status_styles(chrome: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = tmp_path / "styles.html"
    page.write_text(render_html(build_view(_styles_graph())), encoding="utf-8")
    wait = _open(chrome, page)
    try:
        bar = lambda eid: chrome.find_element(By.CSS_SELECTOR, f'#lanes .ev[data-id="{eid}"] .bar')  # noqa: E731
        # a month is drawn over the month, wider than a day, with bracket ends
        assert bar("evt:month").rect["width"] > 20 * bar("evt:disputed").rect["width"] * 0.9
        assert _css(chrome, bar("evt:month"), "border-left-width") == "4px"
        # vague: fades out (a mask over the bar)
        assert "linear-gradient" in _css(chrome, bar("evt:soon"), "mask-image")
        # planned: hollow (white inside, coloured border)
        assert _css(chrome, bar("evt:soon"), "background-color") == "rgb(255, 255, 255)"
        assert _css(chrome, bar("evt:soon"), "border-top-color") != "rgb(255, 255, 255)"
        # disputed: red dashed outline and a "!" before the label
        assert _css(chrome, bar("evt:disputed"), "outline-style") == "dashed"
        lbl = chrome.find_element(By.CSS_SELECTOR, '#lanes .ev[data-id="evt:disputed"] .lbl')
        assert '"! "' in _css(chrome, lbl, "content", "::before")
        # undated: their own strip
        chip = chrome.find_element(By.CSS_SELECTOR, '#undated-body .chip[data-id="evt:undated"]')
        assert "st-expected" in chip.get_attribute("class")
        assert not chrome.find_elements(By.CSS_SELECTOR, '#lanes .ev[data-id="evt:undated"]')
        # confidence filter hides the weak event
        chrome.execute_script("const r = document.getElementById('confidence'); r.value = 0.3;"
                              "r.dispatchEvent(new Event('input'))")
        wait.until(lambda c: not c.find_elements(By.CSS_SELECTOR, '.ev[data-id="evt:low"]'))
        assert chrome.find_elements(By.CSS_SELECTOR, '.ev[data-id="evt:month"]')
        # a stored sentence is shown with its trigger marked
        bar("evt:disputed").click()
        wait.until(lambda c: c.find_elements(By.CSS_SELECTOR, "#detail blockquote.evidence mark"))
        quote = chrome.find_element(By.CSS_SELECTOR, "#detail blockquote.evidence")
        assert quote.text == "Alpha met Beta, the ministry said."
        assert quote.find_element(By.TAG_NAME, "mark").text == "met"
        assert "disputed" in chrome.find_element(By.ID, "detail").text
        _shot(chrome, "view-styles.png")
    except BaseException:
        _shot(chrome, "view-styles-failure.png")
        raise
