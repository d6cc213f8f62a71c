"""alaloupe.report: the translationese detector, the report on the article and on other French texts."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from alaloupe import article, claims, dates, entities, facts, nlp, quantities, report
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


def test_markers_are_searched_literal_first_with_the_same_matches():
    """The lexicon's patterns are compiled to open on their literal word (faster); they must find what the patterns
    as written in data/translationese.json find, on every text the kit ships and on edge cases of the boundary."""
    from alaloupe.report.markers import _literal_first

    raw = json.loads((ROOT / "data" / "translationese.json").read_text(encoding="utf-8"))["markers"]
    texts = [article.load_text(), *(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))]
    texts += [
        "xSergie Sergiex Sergie, ICBM ICBMs ICBMss aICBM",
        "NATO.NATO_NATO",
        "cela survient après que S'adressant au X",
    ]
    rewritten = 0
    for entry in raw:
        flags = re.IGNORECASE if "i" in entry.get("flags", "") else 0
        written, fast = re.compile(entry["pattern"], flags), re.compile(_literal_first(entry["pattern"]), flags)
        rewritten += fast.pattern != written.pattern
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in written.finditer(text)], entry["id"]
    assert rewritten >= 15, "most patterns open with a literal word"
    assert _literal_first(r"\bICBMs?\b") == r"ICBM(?<=\bICBM)s?\b"
    assert _literal_first(r"\bun|\bdeux") == r"\bun|\bdeux", "a top-level alternative is kept as written"


@pytest.mark.parametrize("bad, error", [(None, TypeError), (b"Kiev", TypeError), ("  ", ValueError)])
def test_translationese_rejects_bad_input(bad, error):
    with pytest.raises(error):
        report.translationese(bad)


def test_parse_once_joins_pieces_into_one_doc(monkeypatch):
    text = "".join(SAMPLES.joinpath(name).read_text(encoding="utf-8") for name in ("news_quotes.txt", "numbers.txt"))
    monkeypatch.setattr(report.building, "WHOLE_TEXT_LINES", 0)
    monkeypatch.setattr(report.building, "PIECE_LINES", 3)
    doc = report.parse_once(text)
    assert doc.text == normalise(text)
    assert sum(1 for _ in doc.sents) == len(text.splitlines())
    whole = nlp.load()(normalise(text))
    assert [(t.text, t.pos_) for t in doc] == [(t.text, t.pos_) for t in whole]


@pytest.fixture(scope="module")
def built():
    return report.build(article.load_text())


def test_report_on_the_article(built):
    assert built.is_article
    assert len(built.lines) == 15 and built.n_sentences == 15
    assert len(built.strong_markers) == 8
    assert report.ARTICLE_VERDICTS in built.summary()
    assert built.published == facts.estimated_publication_date()
    assert {f.id for f in built.facts} == {f.id for f in facts.load()}


def test_one_parse_gives_the_extractors_own_results(built):
    """The report parses once; each section must equal what the module's public function gives on the text."""
    text = article.load_text()
    assert list(built.entities) == entities.entities(text)
    assert list(built.quotes) == claims.quotes(text)
    assert list(built.quantities) == quantities.extract(text)
    assert list(built.dates) == dates.find(text)
    assert [b.line for b in built.boilerplate] == [6, 7]
    assert [v.text for v in built.vague_sources] == ["Certains responsables politiques occidentaux"]
    assert {(a.line, a.speaker) for a in built.attributions} == {
        (a.line, a.speaker) for a in claims.attributions(report.parse_once(text))
    }


def test_claims_table_of_the_article(built):
    table = built.claims_table()
    rows = {int(row[1]): row for row in table.rows}
    assert set(rows) == {c.line for c in built.claims if c.checkworthy}
    assert [int(r[0]) for r in table.rows] == list(range(1, len(table.rows) + 1))
    assert rows[4][4] == "Antony Blinken, Chine" and rows[4][6].startswith("inaccurate")
    assert "number" in rows[8][5] and "date" in rows[8][5]
    assert rows[5][4] == "vague" and rows[5][6].startswith("misleading")
    chosen = built.claims_table([6, 7, 3])
    assert [row[1] for row in chosen.rows] == ["3", "6", "7"]  # ranked by score, boilerplate last
    assert chosen.rows[1][6] == report.NEEDS_A_HUMAN  # facts.json has no verdict on page furniture


def test_units_and_dates_of_the_article(built):
    quantities_table = {t.title: t for t in built.tables()}["Quantities"]
    milles = next(row for row in quantities_table.rows if row[1] == "11 000 milles")
    assert "17\u202f703\u00a0km" in milles[4] and "20\u202f372\u00a0km" in milles[4]
    dates_table = {t.title: t for t in built.tables()}["Dates"]
    assert ("8", "novembre dernier", "1 novembre 2024 – 30 novembre 2024 (month)") in dates_table.rows


def test_timeline_places_undated_statements_at_publication(built):
    rows = built.timeline_rows()
    putin = [r for r in rows if r.line == 11]
    assert {r.source for r in putin} == {report.UNDATED, report.SOURCE_DATE}
    assert min(r.date for r in putin).year == 2018  # Valdai 2018: old words that read as news
    lavrov = [r for r in rows if r.line == 12 and r.source == report.TEXT_DATE]
    assert [(r.speaker, r.date.isoformat()) for r in lavrov] == [("Sergueï Lavrov", "2024-09-01")]
    assert not [r for r in rows if r.line == 5 and r.source == report.TEXT_DATE], "octobre 2022 dates the event"


@pytest.mark.parametrize("name", ["news_quotes.txt", "numbers.txt", "no_claims.txt"])
def test_report_on_other_texts_asks_for_a_human(name):
    built = report.build(SAMPLES.joinpath(name).read_text(encoding="utf-8"))
    assert not built.is_article and built.facts == () and built.published is None
    assert report.HUMAN_VERDICTS in built.summary()
    assert built.strong_markers == ()  # written in French, not translated
    assert all(row[6] == report.NEEDS_A_HUMAN for row in built.claims_table().rows)
    built.to_html()  # renders without the article's facts


def test_reports_on_the_samples_are_sensible():
    news = report.build(SAMPLES.joinpath("news_quotes.txt").read_text(encoding="utf-8"))
    assert [q.line for q in news.quotes if not q.closed] == [4]
    assert [v.line for v in news.vague_sources] == [3]
    assert [b.line for b in news.boilerplate] == [7, 8]
    numbers = report.build(SAMPLES.joinpath("numbers.txt").read_text(encoding="utf-8"))
    assert len(numbers.quantities) >= 12 and len(numbers.checkworthy) == 7
    assert not [m for m in numbers.markers if m.rule == "unit_milles"], "milles marins is correct French"
    quiet = report.build(SAMPLES.joinpath("no_claims.txt").read_text(encoding="utf-8"))
    assert quiet.checkworthy == () and quiet.quantities == () and quiet.dates == () and quiet.attributions == ()


def test_non_nfc_text_keeps_offsets():
    decomposed = "Sergie Lavrov a parle\u0301 a\u0300 Kiev."  # é and à as base letter + combining accent
    built = report.build(decomposed)
    assert [m.text for m in built.markers] == ["Sergie", "Kiev"]
    assert all(built.text[m.start : m.end] == m.text for m in built.markers)


def test_html_is_self_contained(built):
    page = built.to_html()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page), "no external resource"
    assert "data:image/png;base64," in page
    assert "Sergie" in page and "telles que comme" in page
    assert page.count("<figure>") == 3  # claim scores, timeline, translationese markers


def test_markdown_has_the_tables(built):
    text = built.to_markdown()
    assert "## Translationese markers" in text
    assert "| 13 | Sergie | strong |" in text


def test_long_texts_are_extracted_whole_with_whole_text_offsets(monkeypatch):
    text = article.load_text()
    once = report.build(text)
    monkeypatch.setattr(report.building, "WHOLE_TEXT_LINES", 20)  # 30 lines: parsed in pieces of PIECE_LINES (5)
    twice = report.build(text + "\n" + text)
    n = len(once.lines)
    assert [b.line for b in twice.boilerplate] == [6, 7, 6 + n, 7 + n]
    assert sorted(c.line for c in twice.checkworthy) == sorted(
        [c.line for c in once.checkworthy] + [c.line + n for c in once.checkworthy]
    )
    second = [a for a in twice.attributions if a.line > n]
    assert [(a.line - n, a.speaker) for a in second] == [(a.line, a.speaker) for a in once.attributions]
    for a in second:
        assert twice.text[a.start : a.end].replace("’", "'") == a.content.replace("’", "'")
    for e in twice.entities:
        assert twice.text[e.start : e.end] == e.text and twice.line_of(e.start) == e.line


def test_a_quote_continues_across_a_parsing_piece(monkeypatch):
    """Line 15 continues Lavrov's quote of line 14: found even when lines 14 and 15 are parsed in two pieces."""
    monkeypatch.setattr(report.building, "WHOLE_TEXT_LINES", 0)
    monkeypatch.setattr(report.building, "PIECE_LINES", 7)  # pieces: lines 1-7, 8-14, 15
    built = report.build(article.load_text())
    line15 = [a for a in built.attributions if a.line == 15]
    assert [(a.speaker, a.how) for a in line15] == [("Sergueï Lavrov", "continues the quote of line 14")]
