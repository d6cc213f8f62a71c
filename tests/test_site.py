"""`make site`: every lesson executed and rendered to HTML with an index page, offline, with working links."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, notebooks

from alaloupe import website

LESSONS = notebooks("notebooks")
EXERCISES = notebooks("exercises")


class Links(HTMLParser):
    """The hrefs, image and script sources, stylesheet links and element ids of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.assets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(unquote(attributes["id"]))  # nbconvert percent-encodes heading ids
        if tag == "a" and attributes.get("href") is not None:
            self.hrefs.append(attributes["href"])
        if tag in ("script", "img", "iframe") and attributes.get("src"):
            self.assets.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            self.assets.append(attributes["href"])


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> website.Site:
    return website.build(tmp_path_factory.mktemp("site") / "site", ROOT, log=lambda message: None)


@pytest.mark.slow
def test_every_lesson_and_exercise_has_a_page_and_the_index_lists_the_lessons(site):
    assert (site.out / "index.html").is_file()
    for notebook in LESSONS + EXERCISES:
        page = site.out / notebook.relative_to(ROOT).with_suffix(".html")
        assert page.is_file(), f"no page for {notebook.relative_to(ROOT)}"
        assert page.stat().st_size > 10_000, f"{page.name} is nearly empty"
    index = parse(site.out / "index.html").hrefs
    for lesson in LESSONS:
        assert f"notebooks/{lesson.stem}.html" in index, f"the index does not link {lesson.stem}"


@pytest.mark.slow
def test_lessons_are_rendered_executed(site):
    for lesson in LESSONS:
        text = (site.out / "notebooks" / f"{lesson.stem}.html").read_text(encoding="utf-8")
        assert "jp-OutputArea-output" in text, f"{lesson.stem}: no outputs, so the lesson was not executed"
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text, f"{lesson.stem}: an error or warning"
    start = (site.out / "notebooks" / "00_start.html").read_text(encoding="utf-8")
    assert re.search(r"^ ?15 \| ", start, flags=re.MULTILINE), "00_start shows the numbered article"


@pytest.mark.slow
def test_pages_work_offline(site):
    for page in site.out.rglob("*.html"):
        for asset in parse(page).assets:
            assert not urlsplit(asset).netloc and not urlsplit(asset).scheme.startswith("http"), (
                f"{page.relative_to(site.out)} loads {asset} from the network"
            )


@pytest.mark.slow
def test_links_between_pages_resolve(site):
    assert not site.broken, site.broken
    pages = {page: parse(page) for page in site.out.rglob("*.html")}
    checked = 0
    for page, links in pages.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("/"):
                continue  # external links are for readers who are online
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            where = f"{page.relative_to(site.out)} -> {href}"
            assert target.is_relative_to(site.out.resolve()), f"{where} leaves the site"
            assert target.is_file(), f"{where} leads nowhere"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in pages[target].ids, f"{where}: no such anchor"
            checked += 1
    assert checked > len(pages), "every page links at least to the index"


def test_make_site_runs_the_builder():
    dry_run = subprocess.run(["make", "-n", "site"], cwd=ROOT, capture_output=True, text=True)
    assert dry_run.returncode == 0, dry_run.stderr
    assert "-m alaloupe.website site" in dry_run.stdout


def test_build_never_deletes_a_folder_it_did_not_create(tmp_path):
    from alaloupe import website

    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "index.html").write_text("someone's own page", encoding="utf-8")
    with pytest.raises(FileExistsError):
        website._clear(theirs)
    assert (theirs / "index.html").read_text(encoding="utf-8") == "someone's own page"
    ours = tmp_path / "ours"
    website._clear(ours)
    (ours / "old.html").write_text("stale", encoding="utf-8")
    website._clear(ours)
    assert sorted(p.name for p in ours.iterdir()) == [website.MARKER]
