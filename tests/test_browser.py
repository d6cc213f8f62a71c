"""The student and instructor experience in a real browser: JupyterLab and nbgrader, driven by Chromium.

One JupyterLab server per module runs on a scratch copy of the kit (committed files are never touched) with the
kit's settings overrides, so no news or update pop-up covers the page. Chromium is Debian's (/usr/bin/chromium,
which .ci/run installs); Playwright drives it. Screenshots go to screenshots/ (git-ignored).

    pytest -q tests/test_browser.py          # about a minute on 2 cores
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import labserver
import nbformat
import pytest
from conftest import BIN, ROOT
from labserver import CHROMIUM, PANEL, TIMEOUT_MS, open_notebook, run_all_from_menu

from alaloupe import course

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = ROOT / "screenshots"
ENTITIES_LESSON = "notebooks/02_entities.ipynb"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    return labserver.kit_copy(tmp_path_factory.mktemp("browser") / "kit")


@pytest.fixture(scope="module")
def server(kit, tmp_path_factory):
    scratch = tmp_path_factory.mktemp("lab-state")
    lab = labserver.start(kit, scratch, bin_dir=BIN, settings_dir=labserver.app_settings(scratch / "app-settings"))
    yield lab
    lab.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does it)"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # empty --user-data-dir
    with sync_playwright() as playwright:
        context = labserver.launch_chromium(playwright, profile)
        yield context
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def error_outputs(page) -> list[str]:
    """Text of every error or stderr output (JupyterLab renders both with the stderr MIME type)."""
    return page.eval_on_selector_all(
        f'{PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
        "es => es.map(e => e.textContent)",
    )


def assert_every_cell_ran(prompts: list[str], notebook: str) -> None:
    """Every code cell shows its execution count, except the collapsed model answers, whose prompt JupyterLab hides
    with their input (they run all the same: a failing one would leave an error output, which the tests check)."""
    cells = [c for c in nbformat.read(ROOT / notebook, as_version=4).cells if c.cell_type == "code"]
    assert len(prompts) == len(cells), f"{len(prompts)} prompts for {len(cells)} code cells"
    for prompt, cell in zip(prompts, cells, strict=True):
        collapsed = cell.metadata.get("jupyter", {}).get("source_hidden", False)
        assert re.fullmatch(r"\[\d+\]:", prompt) or (collapsed and prompt == ""), f"not every code cell ran: {prompts}"


def code_cell(page, containing: str):
    return page.locator(f"{PANEL} .jp-CodeCell").filter(has_text=containing).first


def test_student_runs_the_first_lesson_from_the_menu(page, server):
    open_notebook(page, server, "notebooks/00_start.ipynb")
    shot(page, "01a_student_opens_00_start")
    assert_every_cell_ran(run_all_from_menu(page), "notebooks/00_start.ipynb")
    assert not error_outputs(page), error_outputs(page)

    output = code_cell(page, "article.numbered()").locator(".jp-OutputArea-output")
    output.scroll_into_view_if_needed()
    numbers = [int(m) for m in re.findall(r"^\s*(\d+) \|", output.text_content(), flags=re.MULTILINE)]
    assert numbers == list(range(1, 16)), "the student sees the article's 15 lines, numbered 1 to 15"
    shot(page, "01b_student_00_start_numbered_article")


def test_student_validates_an_exercise_with_one_answer(page, server, kit):
    from playwright.sync_api import expect

    path = "exercises/00_start/00_start.ipynb"
    open_notebook(page, server, path)
    answer = "def count_lines(text: str) -> int:\n    return len(text.splitlines())"
    editor = code_cell(page, "def count_lines").locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(answer)  # as pasted: no auto-indent, no auto-closed brackets
    page.keyboard.press("Control+s")
    expect(page.locator(".jp-mod-current.jp-mod-dirty")).to_have_count(0)  # the tab's unsaved-changes dot is gone
    saved = nbformat.read(kit / path, as_version=4)
    q1 = next(c for c in saved.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer")
    assert q1.source == answer, "the student's answer is saved in the notebook file"
    shot(page, "03a_student_answers_q1_and_saves")

    page.locator(f"{PANEL} .jp-Toolbar-item", has_text=re.compile(r"^\s*Validate\s*$")).click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog.locator(".jp-Dialog-header")).to_have_text("Validation Results", timeout=TIMEOUT_MS)
    report = dialog.locator(".jp-Dialog-body").text_content()
    shot(page, "03b_student_validation_results")
    # nbgrader issue #1866/#1883 (Validate broken in Notebook 7 / JupyterLab 4) does not occur with 0.9.6 here.
    assert "There was an error running the validate command" not in report, report[:2000]
    assert "The following cell failed" in report and "count_apostrophes" in report, "unanswered Q2 is reported"
    assert "count_lines" not in report, "the answered Q1 passes, so none of its cells is reported"
    dialog.locator("button", has_text="Ok").click()


def test_instructor_sees_the_assignments_in_formgrader(page, server, kit):
    page.goto(server.page("/formgrader"))
    names = course.assignments(kit)
    for name in names:
        page.locator("td a", has_text=re.compile(rf"^{name}$")).wait_for()
    listed = page.eval_on_selector_all("table tbody tr td:first-child a", "as => as.map(a => a.textContent.trim())")
    assert sorted(listed) == names
    assert "does not exist and could not be created" not in page.inner_text("body"), "the exchange folder is set up"
    shot(page, "04_instructor_formgrader_assignments")


@pytest.mark.skipif(not (ROOT / ENTITIES_LESSON).exists(), reason=f"{ENTITIES_LESSON} is not written yet")
def test_student_sees_displacy_entities_and_a_figure(page, server):
    open_notebook(page, server, ENTITIES_LESSON)
    assert_every_cell_ran(run_all_from_menu(page), ENTITIES_LESSON)
    assert not error_outputs(page), error_outputs(page)

    marks = page.locator(".jp-OutputArea-output mark.entity")
    assert marks.count() > 0, "displaCy's entity marks render in the output"
    marks.first.evaluate("mark => mark.scrollIntoView({block: 'center'})")
    shot(page, "02a_student_02_entities_displacy")
    assert page.locator(".jp-OutputArea-output mark.entity").first.is_visible()

    figure = page.locator('.jp-OutputArea-output[data-mime-type="image/png"] img').first
    figure.evaluate("img => img.scrollIntoView({block: 'center'})")
    assert figure.evaluate("img => img.complete && img.naturalWidth > 100"), "a matplotlib figure shows as an image"
    shot(page, "02b_student_02_entities_figure")
