"""`alaloupe report FILE [--html OUT] [--markdown OUT]`: outputs, progress bar and clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from alaloupe import cli

ARTICLE = ROOT / "data" / "article.txt"


def test_report_writes_html_and_markdown(tmp_path, capsys):
    html, markdown = tmp_path / "r.html", tmp_path / "r.md"
    assert cli.main(["report", str(ARTICLE), "--html", str(html), "--markdown", str(markdown)]) == 0
    assert f"wrote {html}" in capsys.readouterr().out
    assert "<!DOCTYPE html>" in html.read_text(encoding="utf-8")
    assert markdown.read_text(encoding="utf-8").startswith("# alaloupe report")


def test_report_prints_markdown_without_outputs(capsys):
    assert cli.main(["report", str(ROOT / "data" / "samples" / "no_claims.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# alaloupe report") and "verdict" in out


def test_progress_bar_for_long_texts(tmp_path, capsys):
    long_text = tmp_path / "long.txt"
    long_text.write_text(ARTICLE.read_text(encoding="utf-8") + "\n" + "\n".join(["Bonne visite !"] * 90), "utf-8")
    assert cli.main(["report", str(long_text), "--html", str(tmp_path / "r.html")]) == 0
    assert "105/105" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"\xe9t\xe9 \xe0 Paris", "is not UTF-8 text"),
        (b"", "is empty"),
        (b" \n\t\n", "is empty"),
    ],
)
def test_clear_errors_and_non_zero_exit(tmp_path, capsys, content, message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    assert cli.main(["report", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("alaloupe: error:") and message in err and "Traceback" not in err


def test_a_folder_is_not_a_file(tmp_path, capsys):
    assert cli.main(["report", str(tmp_path)]) == 2
    assert "is not a file" in capsys.readouterr().err


def test_command_line_exit_code():
    result = subprocess.run([sys.executable, "-m", "alaloupe.cli", "report", "nope"], capture_output=True, text=True)
    assert result.returncode == 2 and "nope: no such file" in result.stderr
