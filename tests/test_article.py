import pytest

from alaloupe import article
from alaloupe.paths import data_file


def test_article_is_byte_exact_copy_of_the_seed(root):
    seed = root.parent / "shared" / "seed" / "article.txt"
    if not seed.exists():
        pytest.skip("the seed article is not beside this checkout")
    assert data_file("article.txt").read_bytes() == seed.read_bytes()


def test_load_text_verifies_checksum():
    text = article.load_text()
    assert article.sha256_of(text.encode("utf-8")) == article.SHA256
    assert article.is_article(text)
    assert not text.endswith("\n")


def test_load_text_refuses_an_altered_copy(tmp_path):
    altered = tmp_path / "article.txt"
    altered.write_bytes(data_file("article.txt").read_bytes().replace("’".encode(), b"'"))
    with pytest.raises(article.ArticleChecksumError, match="byte-exact"):
        article.load_text(altered)


def test_lines():
    lines = article.lines()
    assert len(lines) == article.N_LINES == 15
    assert lines[0].startswith("Vladimir Poutine a envisagé")
    assert lines[5] == "Lire d'autres actualités connexes :"
    assert lines[14].endswith("“bouton rouge”.")


def test_line_of_and_line_starts():
    text = article.load_text()
    starts = article.line_starts()
    assert len(starts) == 15
    for number, start in enumerate(starts, start=1):
        assert article.line_of(start) == number
    assert article.line_of(text.index("Financial Times")) == 2
    assert article.line_of(len(text)) == 15


@pytest.mark.parametrize("bad, error", [(None, TypeError), ("3", TypeError), (-1, ValueError), (10**6, ValueError)])
def test_line_of_rejects_bad_offsets(bad, error):
    with pytest.raises(error):
        article.line_of(bad)


def test_numbered():
    shown = article.numbered().split("\n")
    assert shown[0].startswith(" 1 | Vladimir")
    assert shown[14].startswith("15 | “Ce n'est pas")
