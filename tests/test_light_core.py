"""The light core: text normalisation and line numbers, and the read-only data loader, without spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from alaloupe import data, text


@pytest.mark.parametrize("module", ["quantities", "dates", "facts", "text", "data", "tokens", "article"])
def test_importing_a_light_module_does_not_import_spacy(module):
    code = f"import sys, alaloupe.{module}; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_line_index_agrees_with_counting_newlines():
    sample = "un\n\ndeux trois\nquatre"
    index = text.line_index(sample)
    for offset in range(len(sample) + 1):
        assert index.line_of(offset) == sample.count("\n", 0, offset) + 1
    assert [index.start_of(n) for n in (1, 2, 3, 4)] == [0, 3, 4, 15]


def test_line_of_refuses_bad_offsets():
    with pytest.raises(TypeError):
        text.line_of("3", "abc")
    with pytest.raises(ValueError):
        text.line_of(4, "abc")


def test_normalise_is_one_for_one():
    raw = "l’arme\u00a0: «\u202fnon\u202f»"
    assert text.normalise(raw) == "l'arme : « non »"
    assert len(text.normalise(raw)) == len(raw)


def test_a_long_text_normalised_again_gives_the_same_answer_and_no_other_text_does():
    long_one = "l’arme : non. " * 2000
    other = "l’obus : oui. " * 2000
    first = text.normalise(long_one)
    assert text.normalise(long_one) is first  # the same text object: answered from the last long text
    assert text.normalise(other) == "l'obus : oui. " * 2000
    assert text.normalise("".join(long_one)) == first == "l'arme : non. " * 2000
    with pytest.raises(TypeError):
        text.normalise(None)


def test_loaded_data_is_shared_and_read_only():
    kb = data.load("kb.json")
    assert kb is data.load("kb.json")
    with pytest.raises(TypeError):
        kb["entities"] = ()
    assert isinstance(kb["entities"], tuple)
    thawed = data.thawed(kb)
    assert isinstance(thawed["entities"], list) and isinstance(thawed["entities"][0], dict)


def test_loader_errors_name_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ALALOUPE_ROOT", str(tmp_path))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="missing.json"):
        data.load("missing.json")
    with pytest.raises(ValueError, match="broken.json"):
        data.load("broken.json")


def test_folded_compares_names_accent_and_case_blind():
    from alaloupe import text

    assert text.folded("L’État\u00a0 Éric") == "l'etat eric"
    with pytest.raises(TypeError, match="expected a str"):
        text.folded(b"Eric")
