"""data/facts.json as typed Facts: well formed, anchored in the article, consistent with pint."""

from __future__ import annotations

import datetime as dt

import pytest

from alaloupe import article, facts, quantities


def test_every_fact_is_anchored_in_its_lines():
    lines = article.lines()
    loaded = facts.load()
    assert len(loaded) >= 12
    assert len({f.id for f in loaded}) == len(loaded)
    for fact in loaded:
        assert fact.line == fact.lines[0]
        assert any(fact.quote in lines[n - 1] for n in fact.lines), f"{fact.id}: quote not found on its lines"
        assert fact.verdict in facts.VERDICTS
        assert set(fact.features) <= set(facts.FEATURES)
        assert fact.sources, f"{fact.id} has no source"
        assert fact.claim and fact.reference and fact.explanation


def test_every_line_the_reference_notes_check_has_a_fact():
    checked = {line for fact in facts.load() for line in fact.lines}
    assert checked == {1, 2, 3, 4, 5, 8, 9, 11, 12, 13, 14, 15}
    assert [f.id for f in facts.for_line(8)] == ["combat_duty_last_november", "sixteen_warheads", "range_11000_milles"]
    assert facts.for_line(6) == [] and facts.for_line(7) == []  # boilerplate: not the article's claims


def test_facts_are_frozen():
    fact = facts.load()[0]
    with pytest.raises(AttributeError):
        fact.verdict = "accurate"


@pytest.mark.parametrize(
    "fact_id, verdict",
    [
        ("probability_5_to_15", "accurate"),
        ("no_reason_not_to_believe", "inaccurate"),
        ("combat_duty_last_november", "inaccurate"),
        ("sixteen_warheads", "unverifiable"),
        ("range_11000_milles", "misleading"),
        ("fully_ready_for_combat", "inaccurate"),
    ],
)
def test_verdicts_follow_the_reference_notes(fact_id, verdict):
    assert facts.get(fact_id).verdict == verdict


def test_numeric_facts_carry_units_pint_knows():
    numeric = [f for f in facts.load() if "number" in f.features]
    assert {f.id for f in numeric} == {"probability_5_to_15", "sixteen_warheads", "range_11000_milles"}
    for fact in numeric:
        for amount in (fact.claimed, fact.reference_amount):
            assert amount is not None
            if amount.unit is not None:
                quantities.registry().Unit(amount.unit)
    assert (facts.get("range_11000_milles").value, facts.get("range_11000_milles").unit) == (18000.0, "kilometer")
    assert facts.get("sixteen_warheads").reference_amount.is_range


def test_sources_have_dates_in_iso_form():
    for source in facts.sources().values():
        assert source.title and source.publisher
        if source.date is not None:
            facts.parse_iso(source.date)
        assert source.url is None or source.url.startswith("https://")
    assert facts.sources()["ft_blinken"].date == "2025-01-03"


def test_events_are_dated_and_sorted():
    events = facts.events()
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert facts.event("combat_duty").date == dt.date(2023, 9, 1)
    assert facts.event("doctrine").date == dt.date(2024, 11, 19)
    assert facts.event("fall_2022_risk").precision == "month"
    assert facts.estimated_publication_date() == dt.date(2025, 1, 3)


def test_unit_checks_agree_with_pint():
    assert facts.unit_definitions() == {"mile": 1609.344, "nautical_mile": 1852.0}
    for unit, meters in facts.unit_definitions().items():
        assert quantities.convert(1, unit, "meter") == pytest.approx(meters)
    for check in facts.unit_checks():
        assert round(quantities.convert(check.value, check.unit, check.to)) == check.equals


def test_unknown_ids_raise_clear_errors():
    with pytest.raises(KeyError, match="known"):
        facts.get("nope")
    with pytest.raises(KeyError, match="known"):
        facts.event("nope")
