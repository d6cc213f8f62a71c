"""Bench: what the lessons teach, counted from their cells: library code against calls into the kit.

For each lesson: prose words (markdown), code lines, kit calls (`module.function(` on a module imported from
alaloupe, or a function imported from it; practice checks `check.…` are not counted), library uses (the spaCy,
`re`, `unicodedata`, pint and text2num API: token attributes such as `.dep_` or `.children`, `Matcher`, `re.finditer`,
`ureg`, `nlp(`…), `## ` sections and "Your turn" tasks. Budget (issue "Lessons that teach the craft"): for lessons
01-04, library uses >= kit calls and prose <= about 3,000 words.

    python bench/lessons.py [notebooks/01_tokenisation.ipynb ...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from alaloupe.lessonshape import Lesson  # noqa: E402

LIBRARY = re.compile(
    r"""
    \.(?:text|lemma_|pos_|tag_|dep_|morph|head|children|subtree|left_edge|right_edge|lefts|rights|ancestors
       |ents|label_|sents|idx|is_space|is_punct|is_alpha|is_digit|like_num|ent_type_|ent_iob_|start_char|end_char
       |noun_chunks|tokenizer|pipe_names|add_pipe|get_pipe|add_patterns|char_span|is_sent_start|orth_|lower_
       |shape_|prefix_|suffix_|has_extension|set_extension|is_ancestor|nbor|conjuncts)\b
    | \b(?:Matcher|PhraseMatcher|EntityRuler|Span|Doc|displacy\.\w+|spacy\.\w+|Example)\b
    | \bre\.\w+ | \.(?:finditer|findall|fullmatch|search|match|sub|group|groups|groupdict|span)\(
    | \bunicodedata\.\w+
    | \bureg\b | \bpint\.\w+ | \.(?:to|m_as|magnitude|units|to_base_units|dimensionality)\b | \bQuantity\(
    | \balpha2digit\( | \btext2num\(
    """,
    re.VERBOSE,
)
_FROM_KIT = re.compile(r"^from alaloupe(?:\.(\w+))? import (.+)$", re.MULTILINE)


def kit_names(code: str) -> tuple[set[str], set[str]]:
    """(module aliases, function names) the code imports from alaloupe, the practice checks left out."""
    modules, functions = set(), set()
    for package, names in _FROM_KIT.findall(code):
        for name in re.split(r"\s*,\s*", names.strip("() ")):
            alias = name.split(" as ")[-1].strip()
            if package == "checks" or alias == "check" or not alias:
                continue
            (functions if package else modules).add(alias)
    return modules, functions


def count(path: Path) -> dict[str, int]:
    lesson = Lesson.read(path)
    code = "\n".join(lesson.code())
    modules, functions = kit_names(code)
    # a model loaded through the kit (`model = nlp.load()`) is spaCy's Language: calling it is a library use
    models = set(re.findall(r"^(\w+)\s*=\s*nlp\.load\(", code, re.MULTILINE))
    kit = re.compile(
        "|".join([rf"\b{m}\.\w+\(" for m in modules] + [rf"(?<![.\w]){f}\(" for f in functions]) or r"(?!x)x"
    )
    lines = [line for line in code.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    counted = [line for line in lines if not re.search(r"\bcheck\.\w+\(", line)]
    library = sum(len(LIBRARY.findall(line)) for line in counted)
    library += sum(len(re.findall(rf"\b{m}\((?!\))", line)) for line in counted for m in models)
    return {
        "prose words": len(lesson.markdown().split()),
        "code lines": len(lines),
        "kit calls": sum(len(kit.findall(line)) for line in counted),
        "library uses": library,
        "sections": len(lesson.teaching_sections()),
        "your turn": sum(s.your_turns for s in lesson.sections()),
    }


def main(paths: list[str]) -> None:
    chosen = [Path(p) for p in paths] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    columns = ["prose words", "code lines", "kit calls", "library uses", "sections", "your turn"]
    print("| lesson | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for path in chosen:
        row = count(path)
        print(f"| {path.stem} | " + " | ".join(f"{row[c]:,}" for c in columns) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
