import pytest

from alaloupe import evaluate
from alaloupe.entities import Entity
from alaloupe.evaluate import Mismatch, Scores, confusion, mismatches, per_label, prf

GOLD = [(0, 16, "PER"), (79, 84, "LOC"), (225, 235, "LOC"), (579, 587, "LOC")]


def test_strict_counts_exact_span_and_label_only():
    pred = [(0, 16, "PER"), (79, 84, "LOC"), (225, 235, "PER"), (576, 587, "LOC"), (181, 185, "LOC")]
    scores = prf(GOLD, pred)
    assert (scores.tp, scores.fp, scores.fn) == (2, 3, 2)
    assert scores.precision == pytest.approx(2 / 5)
    assert scores.recall == pytest.approx(2 / 4)
    assert scores.f1 == pytest.approx(2 * 0.4 * 0.5 / 0.9)


def test_partial_accepts_overlap_with_the_same_label_once():
    pred = [(576, 587, "LOC"), (580, 584, "LOC"), (225, 235, "PER")]
    scores = prf(GOLD, pred, mode="partial")
    assert (scores.tp, scores.fp, scores.fn) == (1, 2, 3)  # one gold span cannot be matched twice


def test_empty_inputs_give_zero_not_an_error():
    assert prf([], []) == Scores(0.0, 0.0, 0.0, 0, 0, 0)
    assert prf(GOLD, []).recall == 0.0
    assert prf([], GOLD).precision == 0.0


def test_duplicates_are_counted_as_a_multiset():
    assert prf([(0, 1, "PER")], [(0, 1, "PER"), (0, 1, "PER")]).fp == 1


def test_accepts_entities_spacy_spans_and_tuples():
    import spacy

    doc = spacy.blank("fr")("Vladimir Poutine parle")
    doc.ents = [doc.char_span(0, 16, label="PER")]
    entity = Entity("Vladimir Poutine", 0, 16, "PER")
    assert prf([(0, 16, "PER")], doc.ents).f1 == 1.0
    assert prf([entity], [(0, 16, "PER")]).f1 == 1.0


@pytest.mark.parametrize("bad", [None, "PER", [(3, 1, "PER")], [(0, 1)], [("0", 1, "PER")]])
def test_bad_input_is_refused(bad):
    with pytest.raises((TypeError, ValueError)):
        prf(GOLD, bad)


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        prf(GOLD, GOLD, mode="loose")


def test_per_label():
    scores = per_label(GOLD, [(0, 16, "PER"), (225, 235, "PER")])
    assert list(scores) == ["LOC", "PER"]
    assert scores["PER"].precision == 0.5 and scores["PER"].recall == 1.0
    assert scores["LOC"].recall == 0.0


def test_confusion_table_rows_are_gold_columns_are_predictions():
    pred = [(0, 16, "PER"), (225, 235, "PER"), (576, 587, "LOC"), (181, 185, "LOC")]
    table = confusion(GOLD, pred)
    assert table["LOC"]["PER"] == 1  # Washington
    assert table["LOC"]["LOC"] == 1  # "la Chine": boundaries are ignored here
    assert table["LOC"][evaluate.NONE] == 1  # Pékin missed
    assert table[evaluate.NONE]["LOC"] == 1  # a spurious "État"
    assert sum(sum(row.values()) for row in table.values()) == 5


def test_mismatches_name_each_kind_of_error():
    pred = [(0, 16, "PER"), (225, 235, "PER"), (576, 587, "LOC"), (181, 185, "LOC"), (70, 84, "ORG")]
    kinds = {m.kind for m in mismatches(GOLD, pred)}
    assert kinds == {"label", "boundary", "spurious", "boundary+label"}
    assert mismatches(GOLD, []) == [Mismatch("missed", g, None) for g in sorted(GOLD)]


def test_format_confusion_is_a_text_table():
    text = evaluate.format_confusion(confusion(GOLD, GOLD))
    assert text.splitlines()[0].split()[-1] == evaluate.NONE


def test_prf_corpus_sums_counts_over_texts():
    scores = evaluate.prf_corpus([([(0, 4, "LOC")], [(0, 4, "LOC")]), ([(0, 4, "LOC")], [(0, 4, "PER")])])
    assert (scores.tp, scores.fp, scores.fn) == (1, 1, 1)


def test_format_helpers_show_text_and_counts():
    text = "Pékin et Washington"
    shown = evaluate.format_mismatches(mismatches([(9, 19, "LOC")], [(9, 19, "PER"), (0, 5, "LOC")]), text)
    assert "'Washington' LOC" in shown and "'Pékin' LOC" in shown and "spurious" in shown
    table = evaluate.format_scores({"all": prf([(9, 19, "LOC")], [(9, 19, "LOC")])})
    assert table.splitlines()[1].split()[1:4] == ["1.000", "1.000", "1.000"]
