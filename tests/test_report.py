"""alaloupe.report: the translationese detector, the report on the article and on other French texts."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from alaloupe import article, nlp, report
from alaloupe.tokens import normalise

SAMPLES = ROOT / "data" / "samples"


def test_lexicon_is_documented_and_well_formed():
    raw = json.loads((ROOT / "data" / "translationese.json").read_text(encoding="utf-8"))
    ids = [m["id"] for m in raw["markers"]]
    assert len(ids) == len(set(ids))
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "## translationese.json" in readme
    for rule in report.lexicon():
        assert rule.strength in report.STRENGTHS
        assert rule.explanation and rule.english and rule.french
        assert rule.kind in readme, f"kind {rule.kind} is not documented in data/README.md"


def test_markers_of_the_article():
    found = {(m.line, m.text, m.strength) for m in report.translationese(article.load_text())}
    assert found == {
        (1, "a envisagé de lancer", "weak"),
        (2, "S'adressant au", "strong"),
        (4, "N’y allez pas", "strong"),
        (6, "Lire d'autres actualités connexes", "strong"),
        (8, "service de combat", "strong"),
        (8, "ICBM", "weak"),
        (8, "11 000 milles", "strong"),
        (9, "Cela survient après que", "strong"),
        (9, "telles que comme", "strong"),
        (13, "Sergie", "strong"),
        (13, "Kiev", "weak"),
    }


def test_marker_offsets_point_into_the_raw_text():
    text = article.load_text()
    for marker in report.translationese(text):
        assert text[marker.start : marker.end] == marker.text
        assert article.line_of(marker.start, text) == marker.line


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Le ministre Sergei Choïgou a parlé.", "name_sergei"),
        ("Selon Putin, rien ne change.", "name_putin"),
        ("Une portée de 5 500 miles.", "unit_milles"),
        ("des pays tels que comme la France", "doubled_such_as"),
        ("S’adressant à la BBC, il a nié.", "calque_speaking_to"),
        ("L'alliance NATO s'est réunie.", "acronym_nato"),
        ("Il y avait 11,000 soldats.", "number_english_thousands"),
    ],
)
def test_markers_on_other_texts(text, rule):
    assert rule in {m.rule for m in report.translationese(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Le navire a parcouru 210 milles marins.",  # nautical miles, said in French
        "Il s'adressant aux élèves.",  # 's'adresser aux' + lower case: an audience, not a newspaper
        "Sergueï Lavrov et Vladimir Poutine à Moscou.",  # French spellings
        "Une croissance de 1,5 %.",  # a French decimal comma
        "Des pays comme la France.",
    ],
)
def test_no_false_markers_on_idiomatic_french(text):
    assert report.translationese(text) == []


@pytest.mark.parametrize("bad, error", [(None, TypeError), (b"Kiev", TypeError), ("  ", ValueError)])
def test_translationese_rejects_bad_input(bad, error):
    with pytest.raises(error):
        report.translationese(bad)


def test_parse_once_joins_chunks_into_one_doc(monkeypatch):
    text = "".join(SAMPLES.joinpath(name).read_text(encoding="utf-8") for name in ("news_quotes.txt", "numbers.txt"))
    monkeypatch.setattr(report, "CHUNK_LINES", 3)
    doc = report.parse_once(text)
    assert doc.text == normalise(text)
    assert sum(1 for _ in doc.sents) == len(text.splitlines())
    whole = nlp.load()(normalise(text))
    assert [(t.text, t.pos_) for t in doc] == [(t.text, t.pos_) for t in whole]


def test_report_on_the_article():
    built = report.build(article.load_text())
    assert built.is_article
    assert len(built.lines) == 15 and built.n_sentences == 15
    assert len(built.strong_markers) == 8
    assert report.ARTICLE_VERDICTS in built.summary()


@pytest.mark.parametrize("name", ["news_quotes.txt", "numbers.txt", "no_claims.txt"])
def test_report_on_other_texts_asks_for_a_human(name):
    built = report.build(SAMPLES.joinpath(name).read_text(encoding="utf-8"))
    assert not built.is_article
    assert report.HUMAN_VERDICTS in built.summary()
    assert built.strong_markers == ()  # written in French, not translated


def test_html_is_self_contained():
    page = report.build(article.load_text()).to_html()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), "no external resource"
    assert "data:image/png;base64," in page
    assert "Sergie" in page and "telles que comme" in page


def test_markdown_has_the_tables():
    text = report.build(article.load_text()).to_markdown()
    assert "## Translationese markers" in text
    assert "| 13 | Sergie | strong |" in text
