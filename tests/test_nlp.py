import gc

import pytest

from alaloupe import article, nlp


def test_load_is_cached():
    assert nlp.load() is nlp.load()
    assert "line_sentences" in nlp.load().pipe_names


def test_missing_model_says_how_to_install():
    with pytest.raises(nlp.ModelMissingError, match="pip install"):
        nlp.load("fr_core_news_nonexistent")
    assert gc.isenabled(), "load() pauses the garbage collector while loading and must turn it back on"


def test_article_parses_to_fifteen_sentences_one_per_line():
    doc = nlp.parse()
    sentences = list(doc.sents)
    assert len(sentences) == 15
    for sentence, line in zip(sentences, article.lines(), strict=True):
        assert sentence.text.strip() == line


def test_plain_model_does_not_keep_lines(root):
    """Why the newline rule exists: the sm model's own segmentation does not give 15 line-sentences."""
    plain = nlp.load(line_sentences=False)
    doc = plain(article.load_text())
    texts = [s.text.strip() for s in doc.sents]
    assert texts != article.lines()


def test_parse_is_cached_and_keeps_offsets():
    text = "Le ministre a parlé.\nIl a ajouté une phrase. Puis une autre."
    doc = nlp.parse(text)
    assert nlp.as_doc(text) is nlp.as_doc(text), "parsed once, then cached"
    assert nlp.parse(text) is not doc, "each call hands out its own copy"
    assert doc.text == text
    assert len(list(doc.sents)) == 2
    shared = nlp.as_doc(article.load_text())
    assert nlp.parse().to_bytes() == shared.to_bytes(), "parse() and parse(article text) copy the same cached parse"


@pytest.mark.parametrize(
    "bad, error", [(None, None), (b"bytes", TypeError), ("", ValueError), ("  \n", ValueError), (42, TypeError)]
)
def test_parse_rejects_bad_input(bad, error):
    if bad is None:
        assert nlp.parse(None).text == article.load_text()  # None means: the article
        return
    with pytest.raises(error):
        nlp.parse(bad)


def test_a_student_changing_a_parse_changes_nothing_for_later_cells():
    from alaloupe import claims

    before = claims.attributions(article.load_text())
    doc = nlp.parse()
    doc.ents = []
    doc[0].lemma_ = "changé"
    again = nlp.parse()
    assert again.ents and again[0].lemma_ != "changé"
    assert claims.attributions(article.load_text()) == before


def test_text_of_builds_a_docs_text_once_and_hands_out_the_same_str():
    doc = nlp.parse("Il a dit « oui ».\nElle a répondu non.")
    first = nlp.text_of(doc)
    assert first == doc.text and nlp.text_of(doc) is first, "one str per Doc, equal to doc.text"
    copy = doc.copy()
    assert nlp.text_of(copy) == doc.text
