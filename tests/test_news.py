"""The real-news page set (data/news/) and its scorer (alaloupe.news): pages load and validate, the matching rules
behave as data/news/README.md says; issue 16's thresholds that are met hold on every fair test, and the speaker scores
do not fall below what was measured."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

from alaloupe import news, quantities

TEXT = "Monde\nLe ministre, Jean Dupont, a déclaré que 2,5 millions d'euros seraient versés.\n\nIl a ajouté : « non »."
RAW = {
    "source": {
        "title": "t",
        "url": "https://fr.wikinews.org/wiki/X",
        "licence": "CC BY 2.5",
        "authors": "contributeurs de Wikinews",
        "retrieved": "2026-11-30",
        "adapted": "page furniture added",
    },
    "furniture": [1],
    "speakers": [
        {"line": 2, "speaker": "Jean Dupont", "mention": "Le ministre, Jean Dupont", "how": "name"},
        {"line": 4, "speaker": "Jean Dupont", "mention": "Il", "how": "pronoun"},
    ],
    "vague_sources": [],
    "quantities": [{"line": 2, "text": "2,5 millions d'euros", "value": 2.5e6, "unit": "EUR"}],
    "not_quantities": [],
}


def page(raw: dict | None = None, text: str = TEXT) -> news.Page:
    return news.parse_page("dev", "sample", text, RAW if raw is None else raw)


def broken(change) -> dict:
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


@dataclass(frozen=True)
class Priced(quantities.Quantity):
    """A quantity as a money-aware detector may give it: a `currency` field besides the pint unit."""

    currency: str | None = None


def test_importing_news_does_not_import_spacy():
    code = "import sys, alaloupe.news; alaloupe.news.pages('dev'); print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- the pages of every present split ----------------------------------------------------------------------


@pytest.mark.parametrize("split", news.SPLITS)
def test_every_page_of_a_present_split_loads_and_validates(split):
    loaded = news.pages(split)
    if split == "dev":
        assert len(loaded) >= 12
    for p in loaded:
        lines = p.lines
        assert all(lines[n - 1].strip() for n in p.furniture)
        for spanned in (*p.vague_sources, *p.quantities, *p.not_quantities):
            assert p.text[spanned.start : spanned.end] == spanned.text
            assert lines[spanned.line - 1].find(spanned.text) >= 0
        assert p.source["authors"] and p.source["licence"] and p.source["url"].startswith("https://")


@pytest.mark.parametrize("split", ["dev", "heldout", "reserve", "final"])
def test_every_split_reaches_the_annotation_targets(split):
    pages = news.pages(split)
    speakers = [s for p in pages for s in p.speakers]
    found = [q for p in pages for q in p.quantities]
    assert len(pages) >= 12
    assert sum(len(p.furniture) for p in pages) >= 100
    assert len(speakers) >= 60
    assert sum(s.how in ("title", "pronoun") and s.speaker not in ("vague", "unknown") for s in speakers) >= 10
    assert sum(len(p.vague_sources) for p in pages) >= 15
    assert len(found) >= 25
    assert sum("money" in q.kinds for q in found) >= 8
    assert sum("apostrophe thousands" in q.kinds for q in found) >= 3
    assert sum(n.why.startswith("day") for p in pages for n in p.not_quantities) >= 4
    assert all(20 <= len(p.lines) <= 61 for p in pages)
    for p in pages:
        annotated = {e.line for e in (*p.speakers, *p.vague_sources, *p.quantities, *p.not_quantities)}
        assert not annotated & set(p.furniture), p.slug


@pytest.mark.parametrize("split", ["test", "", None, b"dev", 1])
def test_an_unknown_split_is_refused(split):
    with pytest.raises(ValueError, match="split must be one of"):
        news.pages(split)


def test_any_folder_under_data_news_is_a_split(tmp_path, monkeypatch):
    pages_module = sys.modules["alaloupe.news.pages"]
    folder = tmp_path / "data" / "news" / "extra"
    folder.mkdir(parents=True)
    (folder / "page.txt").write_text(TEXT, encoding="utf-8")
    (folder / "page.json").write_text(json.dumps(RAW, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(pages_module, "data_file", lambda *parts: tmp_path.joinpath("data", *parts))
    assert news.split_folder("extra") == folder
    loaded = news.pages("extra")
    assert [(p.split, p.slug) for p in loaded] == [("extra", "page")]
    assert [s.speaker for s in loaded[0].speakers] == ["Jean Dupont", "Jean Dupont"]


@pytest.mark.parametrize("split", ["../news/dev", "dev/", ".git", "README.md", "Dev", "nowhere"])
def test_a_split_is_a_plain_existing_folder_name(split):
    with pytest.raises(ValueError, match="split must be one of"):
        news.split_folder(split)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("quantities"), "missing keys"),
        (lambda r: r["source"].pop("licence"), "'source' needs"),
        (lambda r: r.__setitem__("furniture", [9]), "line 9 does not exist"),
        (lambda r: r.__setitem__("furniture", [3]), "line 3 is empty"),
        (lambda r: r.__setitem__("furniture", ["1"]), "line must be an integer"),
        (lambda r: r["speakers"][0].__setitem__("mention", "la ministre"), "is not on line 2"),
        (lambda r: r["speakers"][0].__setitem__("how", "guess"), "how must be one of"),
        (lambda r: r["quantities"][0].__setitem__("text", "3 millions"), "does not occur on line 2"),
        (lambda r: r["quantities"][0].__setitem__("unit", "zorglubs"), "neither a currency code nor a pint unit"),
        (lambda r: r["quantities"][0].__setitem__("value", "2.5e6"), "value must be a number"),
        (lambda r: r["quantities"].append(dict(r["quantities"][0])), "not as often as annotated"),
        (lambda r: r.__setitem__("not_quantities", [{"line": 2, "text": "2,5"}]), "needs a non-empty 'why'"),
    ],
)
def test_a_bad_annotation_names_the_page_and_the_problem(change, message):
    with pytest.raises(news.PageError, match=message) as error:
        page(broken(change))
    assert "dev/sample" in str(error.value)


def test_a_page_that_is_not_an_object_is_refused():
    with pytest.raises(news.PageError, match="expected an object"):
        page([])


# --- matching rules ----------------------------------------------------------------------------------------


def test_folding_drops_case_accents_and_a_leading_determiner():
    assert news.folded("Le ministère russe de la Défense") == "ministere russe de la defense"
    assert news.folded("l’Élysée") == "elysee"
    assert news.folded("La") == "la"
    with pytest.raises(TypeError):
        news.folded(None)


def test_a_surname_or_an_alias_matches_the_gold_speaker():
    gold = news.Speaker(9, "Antony Blinken", "le secrétaire d'État", "title", aliases=("le chef de la diplomatie",))
    assert news.same_speaker("Blinken", gold)
    assert news.same_speaker("antony blinken", gold)
    assert news.same_speaker("Le chef de la diplomatie", gold)
    assert not news.same_speaker("le secrétaire d'État", gold)
    assert not news.same_speaker("Blink", gold)
    vague = news.Speaker(11, "vague", "une source militaire", "vague")
    assert news.same_speaker("vague", vague) and not news.same_speaker("une source militaire", vague)


def test_speakers_match_as_a_multiset_per_line_unknown_and_furniture_left_out():
    raw = broken(lambda r: r["speakers"].append({"line": 4, "speaker": "unknown", "mention": "Il", "how": "pronoun"}))
    one = page(raw)
    found = news.Found(
        frozenset({1}),
        ((2, "Dupont", "Jean Dupont"), (2, "le ministre", "Le ministre"), (4, "unknown", "Il"), (1, "Monde", "M")),
        (),
        (),
    )
    counts, errors = news.score_page(one, found)
    assert counts["speakers"] == news.Counts(tp=1, fp=1, fn=1)  # line 2: one hit, one extra; line 4: missed
    assert counts["speakers/name"] == news.Counts(tp=1) and counts["speakers/pronoun"] == news.Counts(fn=1)
    assert counts["furniture"] == news.Counts(tp=1)
    assert {(e.line, e.expected, e.got) for e in errors if e.category == "speakers"} == {
        (2, "—", "le ministre (mention: Le ministre)"),
        (4, "Jean Dupont (pronoun: Il)", "—"),
    }


def test_a_second_annotation_is_validated_like_the_first():
    one = page()
    second = news.parse_second(one, {"speakers": RAW["speakers"], "vague_sources": []})
    assert second.speakers == one.speakers
    with pytest.raises(news.PageError, match="exactly 'speakers' and 'vague_sources'"):
        news.parse_second(one, {"speakers": []})
    with pytest.raises(news.PageError, match="not on line 4"):
        news.parse_second(
            one, {"speakers": [{"line": 4, "speaker": "X", "mention": "Elle", "how": "pronoun"}], "vague_sources": []}
        )


def test_agreement_accepts_either_annotators_aliases_and_counts_what_only_one_has():
    one = page()
    second = news.parse_second(
        one,
        {
            "speakers": [
                {
                    "line": 2,
                    "speaker": "ministre",
                    "mention": "Le ministre",
                    "how": "title",
                    "aliases": ["Jean Dupont"],
                },
                {"line": 4, "speaker": "Dupont", "mention": "Il", "how": "pronoun"},
                {"line": 4, "speaker": "vague", "mention": "ajouté", "how": "vague"},
            ],
            "vague_sources": [{"line": 4, "text": "Il"}],
        },
    )
    counts, errors = news.agree_page(one, second)
    assert counts["speakers"] == news.Counts(tp=2, fp=1, fn=0), "the second's alias and the first's surname match"
    assert counts["vague sources"] == news.Counts(fp=1)
    assert {(e.line, e.category) for e in errors} == {(4, "speakers"), (4, "vague sources")}


def test_the_paired_split_records_how_far_two_annotators_agree():
    agreement = news.agreement("paired")
    assert agreement.pages == len(news.pages("paired")) == 10
    # measured once and written in data/news/README.md ("Evaluation"); a change to either annotation shows here
    assert agreement.counts["speakers"] == news.Counts(tp=46, fp=2, fn=0)
    assert agreement.counts["vague sources"] == news.Counts(tp=3)
    assert news.agreement("dev").pages == 0


def test_a_quantity_needs_its_value_and_unit_on_the_gold_words():
    one = page()
    start = TEXT.index("2,5")
    as_count = quantities.Quantity("2,5 millions d'euros", start, start + 20, 2.5e6, None)
    as_money = Priced("2,5 millions d'euros", start, start + 20, 2.5e6, None, currency="EUR")
    elsewhere = Priced("2,5", 0, 3, 2.5e6, None, currency="EUR")
    assert news.quantity_found(one.quantities[0], [as_count, elsewhere]) == []
    assert news.quantity_found(one.quantities[0], [as_money]) == [as_money]
    counts, _ = news.score_page(one, news.Found(frozenset(), (), (), (as_money,)))
    assert counts["quantities/money"] == news.Counts(tp=1)


def test_a_range_needs_both_bounds_and_plusieurs_needs_no_number():
    text = "Il fera 21 à 23 °C ; plusieurs milliards de dollars."
    raw = broken(lambda r: r.update(furniture=[], speakers=[]))
    raw["quantities"] = [
        {"line": 1, "text": "21 à 23 °C", "value": [21, 23], "unit": "degC"},
        {"line": 1, "text": "plusieurs milliards de dollars", "value": None, "unit": "USD"},
    ]
    one = page(raw, text)
    low = quantities.Quantity("21", 8, 10, 21.0, "degree_Celsius")
    high = quantities.Quantity("23 °C", 13, 18, 23.0, "degree_Celsius")
    invented = Priced("milliards de dollars", 31, 51, 1e9, None, currency="USD")
    assert news.quantity_found(one.quantities[0], [low, high]) == [low, high]
    assert news.quantity_found(one.quantities[0], [high]) == []
    assert news.quantity_found(one.quantities[1], [invented]) == []
    assert news.same_unit(None, "dimensionless") and news.same_unit("degC", "degree_Celsius")
    assert not news.same_unit("USD", "EUR") and not news.same_unit(None, "km")


def test_a_quantity_on_a_date_is_a_day_false_positive():
    text = "Le mercredi 28, 300 personnes sont venues."
    raw = broken(lambda r: r.update(furniture=[], speakers=[], quantities=[]))
    raw["not_quantities"] = [{"line": 1, "text": "mercredi 28", "why": "day of a date"}]
    one = page(raw, text)
    found = news.Found(frozenset(), (), (), tuple(quantities.extract(text)))
    counts, errors = news.score_page(one, found)
    day_read_as_count = any(q.text.startswith("28") for q in found.quantities)
    assert counts["not quantities/day"].fp == (1 if day_read_as_count else 0)
    assert len(errors) == counts["not quantities"].fp


# --- the scorer end to end, and the issue's thresholds on the held-out split --------------------------------


def test_scoring_the_dev_split_accounts_for_every_gold_entry():
    scores = news.score("dev")
    dev = news.pages("dev")
    c = scores.counts
    assert scores.pages == len(dev)
    assert c["furniture"].tp + c["furniture"].fn == sum(len(p.furniture) for p in dev)
    assert c["speakers"].tp + c["speakers"].fn == sum(s.speaker != "unknown" for p in dev for s in p.speakers)
    assert c["vague sources"].tp + c["vague sources"].fn == sum(len(p.vague_sources) for p in dev)
    assert sum(c[f"quantities/{k}"].tp + c[f"quantities/{k}"].fn for k in news.KINDS if f"quantities/{k}" in c) == sum(
        len(q.kinds) for p in dev for q in p.quantities
    )
    assert all(0.0 <= x.f1 <= 1.0 for x in c.values())


# never tuned on when first scored (data/news/README.md, "Evaluation"); paired/ annotates no quantity, so only its
# furniture and speakers are checked
FAIR_TESTS = ("heldout", "reserve", "final", "paired")


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, news.Counts]]:
    return {split: news.score(split).counts for split in ("dev", *FAIR_TESTS)}


def _counts(scores, split: str, category: str) -> news.Counts:
    return scores[split].get(category, news.Counts())


@pytest.mark.parametrize("split", FAIR_TESTS)
def test_the_issue_thresholds_hold_for_furniture_money_and_dates(scores, split):
    """Issue 16's "done when" for page furniture, money, Swiss thousands and day numbers, on every fair test."""
    c = lambda category: _counts(scores, split, category)  # noqa: E731
    assert c("furniture").f1 >= 0.9, f"furniture F1 {c('furniture').f1:.2f}"
    assert c("quantities/money").recall >= 0.9, f"money recall {c('quantities/money').recall:.2f}"
    apostrophes = c("quantities/apostrophe thousands").recall
    assert apostrophes >= 0.9, f"apostrophe thousands recall {apostrophes:.2f}"
    assert c("not quantities/day").fp == 0, "day numbers of dates read as quantities"


# Speakers and vague sources do not reach issue 16's targets (precision and recall 0.95, vague recall 0.9) on the
# fair tests when first scored; every split is development data now, and these are the scores measured when the
# last rules landed, so that no change makes them worse. Raise a floor when the scores rise; never lower one to let
# a change through.
FLOORS = {
    ("dev", "speakers", "precision"): 1.0,
    ("dev", "speakers", "recall"): 0.98,
    ("dev", "vague sources", "recall"): 1.0,
    ("heldout", "speakers", "precision"): 0.99,
    ("heldout", "speakers", "recall"): 0.91,
    ("heldout", "vague sources", "recall"): 1.0,
    ("reserve", "speakers", "precision"): 0.98,
    ("reserve", "speakers", "recall"): 0.97,
    ("reserve", "vague sources", "recall"): 1.0,
    ("final", "speakers", "precision"): 0.88,  # first scored at 0.69 (README, "Evaluation")
    ("final", "speakers", "recall"): 0.8,  # first scored at 0.50
    ("final", "vague sources", "recall"): 0.88,  # first scored at 0.67
    ("paired", "speakers", "precision"): 0.96,  # first scored at 0.52 (paired/README.md; no quantities annotated)
    ("paired", "speakers", "recall"): 0.69,  # first scored at 0.24
    ("paired", "vague sources", "recall"): 1.0,  # first scored at 0.67
}


@pytest.mark.parametrize("split, category, measure", sorted(FLOORS))
def test_speaker_scores_stay_at_or_above_what_was_measured(scores, split, category, measure):
    value = getattr(_counts(scores, split, category), measure)
    floor = FLOORS[split, category, measure]
    assert value >= floor, f"{split} {category} {measure} fell to {value:.3f} (measured {floor}): a regression"
