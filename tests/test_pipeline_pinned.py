"""The pipeline's results are pinned: a refactoring of the package must not change what it finds.

The snapshot (tests/pinned/pipeline.json) holds, for the article, the samples in data/samples/ and the sentences of
the gold sets, what each extractor returns and the report's Markdown. Regenerate it only for a change of behaviour
that is meant, and say so in the commit:

    .venv/bin/python tests/test_pipeline_pinned.py --write
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PINNED = ROOT / "tests" / "pinned" / "pipeline.json"


def texts() -> dict[str, str]:
    """Every text the snapshot covers, by a stable name."""
    found = {"article": (ROOT / "data" / "article.txt").read_text(encoding="utf-8")}
    for sample in sorted((ROOT / "data" / "samples").glob("*.txt")):
        found[f"samples/{sample.name}"] = sample.read_text(encoding="utf-8")
    gold = ROOT / "data" / "gold"
    for example in json.loads((gold / "claims_examples.json").read_text(encoding="utf-8"))["examples"]:
        found[f"claims_examples/{example['id']}"] = example["text"]
    for i, sentence in enumerate(json.loads((gold / "quantities.json").read_text(encoding="utf-8"))["sentences"]):
        found[f"quantities/{i}"] = sentence["text"]
    for i, sentence in enumerate(json.loads((gold / "entities_other.json").read_text(encoding="utf-8"))["sentences"]):
        found[f"entities_other/{i}"] = sentence["text"]
    return found


def _plain(value):
    """JSON-ready copy of extractor results (dataclasses, tuples, dates)."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def snapshot() -> dict[str, dict]:
    from alaloupe import claims, dates, entities, quantities, report, tokens

    result = {}
    for name, text in texts().items():
        entry = {
            "tokens": tokens.tokenize(text),
            "entities": _plain(entities.entities(text)),
            "quotes": _plain(claims.quotes(text)),
            "attributions": _plain(claims.attributions(text)),
            "vague_sources": _plain(claims.vague_sources(text)),
            "boilerplate": _plain(claims.boilerplate(text)),
            "claims": _plain(claims.spot(text)),
            "quantities": _plain(quantities.extract(text)),
            "dates": _plain(dates.find(text)),
        }
        if name == "article" or name.startswith("samples/"):
            entry["report"] = report.build(text).to_markdown()
        result[name] = entry
    return result


@pytest.mark.slow
def test_pipeline_results_are_unchanged():
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(snapshot(), ensure_ascii=False))
    assert sorted(now) == sorted(pinned), "the pinned texts changed: regenerate the snapshot on purpose"
    for name in pinned:
        for part in pinned[name]:
            assert now[name][part] == pinned[name][part], f"{name}: {part} changed"


if __name__ == "__main__" and "--write" in sys.argv:
    PINNED.write_text(json.dumps(snapshot(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PINNED}")
