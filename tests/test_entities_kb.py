import pytest

from alaloupe import entities


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Sergie Lavrov", "Sergueï Lavrov"),
        ("SERGUEI LAVROV", "Sergueï Lavrov"),
        ("le ministre russe des Affaires étrangères", "Sergueï Lavrov"),
        ("Poutine", "Vladimir Poutine"),
        ("Kiev", "Kyiv"),
        ("Pekin", "Pékin"),
        ("l’Ukraine", "Ukraine"),
        ("la Chine", "Chine"),
        ("Etats-Unis", "États-Unis"),
        ("Satan II", "RS-28 Sarmat"),
        ("Emmanuel Macron", None),
    ],
)
def test_canonical(name, expected):
    assert entities.canonical(name) == expected


def test_kb_entries_are_well_formed():
    entries = entities.kb()
    assert {e.type for e in entries} <= set(entities.LABELS)
    assert len({e.canonical for e in entries}) == len(entries)
    for entry in entries:
        assert entry.wikidata is None or entry.wikidata.startswith("Q")


@pytest.mark.parametrize("bad, error", [(None, TypeError), (b"Poutine", TypeError), ("", ValueError), (3, TypeError)])
def test_canonical_rejects_bad_input(bad, error):
    with pytest.raises(error):
        entities.canonical(bad)
