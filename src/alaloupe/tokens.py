"""Tokens: normalising French typography, the kit's own rule-based tokenizer, and counting.

- `normalise(text)`: a length-preserving clean-up (apostrophes, typographic spaces), so offsets stay valid.
- `tokenize(text)` / `token_spans(text)`: a French tokenizer written as one commented regular expression
  (no spaCy). Tokens are substrings of the input, in order; whitespace is never a token.
- `agreement(ours, theirs)`: how far two tokenizations agree, as F1 over character spans.
- Counting helpers for a spaCy Doc: tokens, types, lemmas, content lemmas, hapaxes, reporting verbs.

Word lists (abbreviations, words with an inner apostrophe) live in data/lexicon_fr.json; the reporting verbs are
the kit's one list, in data/lexicons/claims.json.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from alaloupe import data
from alaloupe._checks import require_text
from alaloupe.text import APOSTROPHES as APOSTROPHES
from alaloupe.text import POLICY as POLICY
from alaloupe.text import SPACES as SPACES
from alaloupe.text import line_index
from alaloupe.text import normalise as normalise

if TYPE_CHECKING:  # spaCy is imported only by the functions that use it
    from spacy.language import Language
    from spacy.tokens import Doc


# ---------------------------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------------------------

# The normalisation policy lives in the light core (alaloupe.text); it is re-exported here, where lesson 01 meets it.


def utf8_bytes(text: str, form: str = "NFC") -> bytes:
    """The UTF-8 bytes of `text` in Unicode normal form `form` ("NFC" composed, "NFD" decomposed)."""
    return unicodedata.normalize(form, require_text(text, allow_empty=True)).encode("utf-8")


def char_counts(text: str, chars: Iterable[str]) -> dict[str, int]:
    """How often each character of `chars` occurs in `text` (every key present, 0 if absent)."""
    text = require_text(text, allow_empty=True)
    return {char: text.count(char) for char in chars}


def char_names(text: str) -> list[tuple[str, str, str]]:
    """(character, code point U+XXXX, Unicode name) for each character of `text`."""
    return [(c, f"U+{ord(c):04X}", unicodedata.name(c, "?")) for c in require_text(text)]


# ---------------------------------------------------------------------------------------------------------------
# The kit's French tokenizer
# ---------------------------------------------------------------------------------------------------------------


@cache
def lexicon() -> Mapping[str, Any]:
    """data/lexicon_fr.json (abbreviations, words with an inner apostrophe), with the kit's one list of reporting
    verbs (data/lexicons/claims.json) under "reporting_verbs"."""
    verbs = data.load("lexicons", "claims.json")["reporting_verbs"]
    return MappingProxyType({**data.load("lexicon_fr.json"), "reporting_verbs": verbs})


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal `words`, longest first, matching ' and ’ alike."""
    escaped = (re.escape(w).replace("'", "['’]") for w in sorted(set(words), key=len, reverse=True))
    return "|".join(escaped)


APOSTROPHE = "['’]"
SPACE_IN_NUMBERS = "[ \u00a0\u202f\u2009]"  # space, NBSP, narrow NBSP, thin space: French thousands separators
ELIDED = "jusqu|lorsqu|puisqu|quoiqu|presqu|entr|qu|l|d|n|s|j|c|m|t"  # words that lose their vowel before a vowel
# Pronouns that follow a verb after a hyphen (dit-il, a-t-on, allez-y, donne-le-moi, est-ce).
CLITIC = r"t-(?:ils|elles|il|elle|on)|je|tu|ils|elles|il|elle|on|nous|vous|ce|les|le|la|lui|leur|moi|toi|y|en"


@cache
def _pattern() -> re.Pattern[str]:
    words = lexicon()
    fixed = _alternation(words["words_with_apostrophe"] + words["hyphen_compounds_ending_in_a_pronoun"])
    abbreviations = _alternation(words["abbreviations"])
    in_dates = _alternation(words["abbreviations_in_dates"])
    prefixes = _alternation(words["apostrophe_prefixes"]["prefixes"])
    not_before = _alternation(words["apostrophe_prefixes"]["not_before"])
    # Alternatives are tried in order at each position: the more specific ones come first.
    return re.compile(
        rf"""
        (?:https?://|www\.)[^\s«»"“”<>]+?(?=[.,;:!?)\]»”"']*(?:\s|$))   # URL, without trailing punctuation
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                      # e-mail address
      | (?<![\w/])\d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?![\w/])     # date 03/01/2025
      | (?<![\w-])\d{{4}}-\d{{2}}-\d{{2}}(?![\w-])           # ISO date 2025-01-03
      | (?<!\w)\d{{1,2}}h(?:\d{{2}})?(?!\w)                # time 12h30, 18h
      | (?<!\w)\d{{1,2}}:\d{{2}}(?!\w)                      # time 12:30
      | (?<![\w,])\d{{1,3}}(?:{SPACE_IN_NUMBERS}\d{{3}})+(?:,\d+)?(?!\d)  # 11 000, 1 234,5 (grouped thousands)
      | (?<!\w)\d+(?:,\d+)?(?:(?:er|re|ème|e)(?!\w))?     # 2022, 3,5 (decimal comma), ordinals 1er 2e 21ème
      | (?<!\w)(?i:{fixed})(?!\w)                         # aujourd'hui, prud'hommes, rendez-vous
      | (?<!\w)(?i:{prefixes}){APOSTROPHE}(?!(?i:{not_before})(?!\w))\w+(?:-\w+)*  # entr'ouvert grand'mère
      | (?<!\w)(?i:{ELIDED}){APOSTROPHE}(?=\w)            # elision: l' d' qu' jusqu' … (both apostrophes)
      | (?<![\w.])(?:{abbreviations})(?!\w)               # janv. Dr. M. etc. p. ex.
      | (?<=\d{SPACE_IN_NUMBERS})(?i:{in_dates})(?!\w)    # sept. after a day number: 5 sept.
      | (?<![\w.])(?i:{in_dates})(?={SPACE_IN_NUMBERS}\d{{4}}(?!\d))  # … or before a year: sept. 2023
      | (?<!\w)[nN]°                                     # n° (numéro), before a number or not
      | (?<![\w.])(?:[A-ZÀ-Ý]\.){{2,}}                      # dotted acronym U.S.A. O.N.U.
      | (?<![\w.])[A-ZÀ-Ý]\.(?=\s+[A-ZÀ-Ý][\w.]*)           # initial J. in J. K. Rowling
      | -(?:{CLITIC})(?![\w-])                            # inverted pronoun, with its hyphen: -il -t-on -ce
      | -(?:{CLITIC})(?=-(?:{CLITIC})(?![\w-]))             # … also before another one: donne -le -moi
      | \w+(?:·\w+)*                                     # a word (or inclusive writing: étudiant·es) …
        (?:-(?!(?:{CLITIC})(?:-(?:{CLITIC}))*(?![\w-]))\w+)*  # … with hyphenated parts that are not pronouns
      | \.{{3}}|…                                          # ellipsis
      | [^\w\s]                                           # any other symbol on its own: « » “ ” % ( ) , . ; : ! ?
        """,
        re.VERBOSE,
    )


def gold_cases() -> list[dict]:
    """The hand-written sentences of data/gold/tokenizer.json: {"id", "genre", "text", "tokens"[, "known_limit"]}."""
    return data.load("gold", "tokenizer.json")["cases"]


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the tokens of `text`, in order. See `tokenize`."""
    return [match.span() for match in _pattern().finditer(require_text(text, allow_empty=True))]


def tokenize(text: str) -> list[str]:
    """Split French `text` into tokens with readable rules (no spaCy). Tokens are substrings of `text`, in order.

    Policy:
    - elision is split after the apostrophe, ' or ’: "l'", "jusqu’", "qu'"; "aujourd'hui", "prud’hommes",
      "quelqu'un" stay whole (data/lexicon_fr.json);
    - hyphenated compounds stay whole ("États-Unis", "peut-être", "arc-en-ciel"); an inverted pronoun is split
      off with its hyphen ("dit-il" -> "dit", "-il"; "a-t-on" -> "a", "-t-on"; "est-ce" -> "est", "-ce");
    - a number with space, NBSP or narrow-NBSP thousands separators is one token ("11 000"); the decimal comma
      stays inside ("3,5"); "%" is its own token ("15", "%");
    - abbreviations from the lexicon keep their full stop ("janv.", "juill.", "Dr.", "M.", "etc.", "p.", "ex.");
      "sept." only in a date ("5 sept.", "sept. 2023"; "Ils étaient sept." ends a sentence); dotted acronyms
      ("U.S.A.") and initials before a capitalised word ("J. K.") too;
    - a word after "entr'", "grand'" or "prud'" that is not an elision stays whole ("entr'ouvert", "grand'mère",
      "prud'homie"); "entr'eux" is split like any elision;
    - URLs, e-mail addresses, dates (03/01/2025, 2025-01-03) and times (12h30, 12:30) are single tokens;
    - "..." and "…" are one token; every other punctuation mark (« » “ ” ( ) , ; : ! ?) is its own token.
    """
    text = require_text(text, allow_empty=True)
    return [text[start:end] for start, end in token_spans(text)]


# ---------------------------------------------------------------------------------------------------------------
# Other tokenizers, and agreement between tokenizations
# ---------------------------------------------------------------------------------------------------------------

NAIVE = re.compile(r"\w+|[^\w\s]")  # a word is a run of letters/digits; anything else is one symbol


def whitespace_tokens(text: str) -> list[str]:
    """The simplest tokenizer: split on whitespace (str.split)."""
    return require_text(text, allow_empty=True).split()


def naive_tokens(text: str) -> list[str]:
    """A naive regex tokenizer: runs of word characters, and every other non-space character alone."""
    return NAIVE.findall(require_text(text, allow_empty=True))


def spacy_tokens(doc: Doc) -> list[str]:
    """The non-space tokens of a spaCy Doc (SPACE tokens such as a lone NBSP are left out)."""
    return [token.text for token in doc if not token.is_space]


def spacy_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the non-space tokens of a spaCy Doc."""
    return [(token.idx, token.idx + len(token.text)) for token in doc if not token.is_space]


def spans_of(tokens: Sequence[str], text: str) -> list[tuple[int, int]]:
    """Where each token occurs in `text`, searching left to right. Raises if a token is not found in order."""
    text = require_text(text, allow_empty=True)
    spans, position = [], 0
    for token in tokens:
        start = text.find(token, position)
        if not token or start < 0:
            raise ValueError(f"token {token!r} is not a substring of the text after offset {position}.")
        spans.append((start, start + len(token)))
        position = start + len(token)
    return spans


@dataclass(frozen=True)
class Agreement:
    """Agreement of two tokenizations of one text: precision, recall and F1 over character spans.

    A token of ours is *matched* when the other tokenization has a token with exactly the same start and end.
    precision = matched / ours, recall = matched / theirs, F1 = their harmonic mean = 2·matched / (ours + theirs).
    """

    matched: int
    ours: int
    theirs: int

    @property
    def precision(self) -> float:
        return self.matched / self.ours if self.ours else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.theirs if self.theirs else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.matched / (self.ours + self.theirs) if self.ours + self.theirs else 0.0


def agreement(ours: Iterable[tuple[int, int]], theirs: Iterable[tuple[int, int]]) -> Agreement:
    """Agreement between two lists of (start, end) token spans (whitespace tokens excluded beforehand)."""
    ours_set, theirs_set = set(ours), set(theirs)
    return Agreement(matched=len(ours_set & theirs_set), ours=len(ours_set), theirs=len(theirs_set))


def spacy_agreement(
    text: str, tokenizer: Callable[[str], Doc], ours: Callable[[str], list[str]] = tokenize
) -> Agreement:
    """Agreement of a string tokenizer `ours` (default: the kit's) with a spaCy `tokenizer` on `text`.

    The definition the course uses: F1 over the character spans of non-space tokens.
    """
    text = require_text(text)
    return agreement(spans_of(ours(text), text), spacy_spans(tokenizer(text)))


def disagreements(text: str, tokenizer: Callable[[str], Doc]) -> list[tuple[str, str]]:
    """Stretches of `text` where the kit's tokens and spaCy's differ: (ours joined by |, spaCy's joined by |)."""
    text = require_text(text)
    ours, theirs = token_spans(text), spacy_spans(tokenizer(text))
    shared = set(ours) & set(theirs)
    rows, i, j = [], 0, 0
    while i < len(ours) or j < len(theirs):
        if i < len(ours) and j < len(theirs) and ours[i] == theirs[j]:
            i, j = i + 1, j + 1
            continue
        a, b = [], []  # collect both sides until they meet on a shared span
        while i < len(ours) and ours[i] not in shared:
            a.append(ours[i])
            i += 1
        while j < len(theirs) and theirs[j] not in shared:
            b.append(theirs[j])
            j += 1
        rows.append((" | ".join(text[s:e] for s, e in a), " | ".join(text[s:e] for s, e in b)))
    return rows


def compare_tokenizers(text: str, tokenizer: Callable[[str], Doc]) -> dict[str, list[str]]:
    """`text` cut by four tokenizers: whitespace, the naive regex, the kit's, and the spaCy `tokenizer` given."""
    text = require_text(text)
    return {
        "whitespace": whitespace_tokens(text),
        "naive regex": naive_tokens(text),
        "alaloupe": tokenize(text),
        "spaCy": spacy_tokens(tokenizer(text)),
    }


def show_tokens(tokenizations: dict[str, list[str]]) -> str:
    """One line per tokenizer: its name, its number of tokens, and the tokens separated by │ (spaces shown as ·)."""
    width = max(len(name) for name in tokenizations)
    return "\n".join(
        f"{name:<{width}} {len(found):>3}  " + " │ ".join(t.replace(" ", "·") for t in found)
        for name, found in tokenizations.items()
    )


def elided_entities(doc: Doc) -> list[tuple[str, str, int]]:
    """Named entities of `doc` that are only an elided word ("n’", "qu'"): (text, label, line number)."""
    elided = re.compile(rf"(?i:{ELIDED}){APOSTROPHE}")
    lines = line_index(doc.text)
    return [
        (entity.text, entity.label_, lines.line_of(entity.start_char))
        for entity in doc.ents
        if elided.fullmatch(entity.text)
    ]


# ---------------------------------------------------------------------------------------------------------------
# Customising spaCy's tokenizer: keep grouped thousands ("11 000") together
# ---------------------------------------------------------------------------------------------------------------

GROUPED_NUMBER = re.compile(rf"(?<![\d,])\d{{1,3}}(?:{SPACE_IN_NUMBERS}\d{{3}})+(?:,\d+)?(?!\d)")


class ThousandsTokenizer:
    """Wraps a spaCy tokenizer: after it runs, merge the pieces of each grouped number ("11 000") into one token.

    spaCy's tokenizer first cuts the text at every space, so no prefix/suffix/infix rule can keep "11 000"
    together; merging afterwards (Doc.retokenize) can. The merged token keeps its inner space.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        with doc.retokenize() as retokenizer:
            for match in GROUPED_NUMBER.finditer(doc.text):
                span = doc.char_span(*match.span())
                if span is not None and len(span) > 1:
                    retokenizer.merge(span)
        return doc


def keep_thousands_together(nlp: Language) -> Language:
    """Give `nlp` (a FRESH spacy.load copy, never the cached alaloupe.nlp.load()) the ThousandsTokenizer."""
    from spacy.language import Language

    if not isinstance(nlp, Language):
        raise TypeError(f"expected a spaCy Language, got {type(nlp).__name__}.")
    if not isinstance(nlp.tokenizer, ThousandsTokenizer):
        nlp.tokenizer = ThousandsTokenizer(nlp.tokenizer)
    return nlp


# ---------------------------------------------------------------------------------------------------------------
# Sentences against lines
# ---------------------------------------------------------------------------------------------------------------


def model_sentences(text: str) -> Doc:
    """`text` parsed by fr_core_news_sm with its OWN sentence segmentation (the newline rule off for this call).

    Uses the cached pipeline of alaloupe.nlp.load() with its `line_sentences` component disabled inside a
    `select_pipes` block, which restores it on exit; this avoids loading a second copy of the model.
    """
    from alaloupe.nlp import load as load_pipeline

    pipeline = load_pipeline()
    with pipeline.select_pipes(disable=[name for name in ("line_sentences",) if name in pipeline.pipe_names]):
        return pipeline(require_text(text))


def sentence_lines(doc: Doc) -> list[tuple[int, int, str]]:
    """For each sentence of `doc`: (first line, last line, text without newlines). Lines are numbered from 1."""
    rows, lines = [], line_index(doc.text)
    for sentence in doc.sents:
        text = sentence.text.strip()
        first = lines.line_of(sentence.start_char + sentence.text.index(text[:1])) if text else 0
        last = first + text.count("\n")
        rows.append((first, last, text.replace("\n", " ⏎ ")))
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Counting on a spaCy Doc
# ---------------------------------------------------------------------------------------------------------------

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})


@dataclass(frozen=True)
class Counts:
    """Size of a text: tokens (no spaces), words (no punctuation), types (distinct lower-cased words), lemmas."""

    tokens: int
    words: int
    types: int
    lemmas: int


def words(doc: Doc) -> list:
    """The word tokens of `doc`: no spaces, no punctuation (spaCy's is_punct / PUNCT, and symbols like %)."""
    return [t for t in doc if not (t.is_space or t.is_punct or t.pos_ in {"PUNCT", "SYM"})]


def counts(doc: Doc) -> Counts:
    """Tokens, words, types (lower-cased word forms, ’ and ' alike) and distinct lemmas of `doc`."""
    found = words(doc)
    return Counts(
        tokens=sum(1 for t in doc if not t.is_space),
        words=len(found),
        types=len({normalise(t.lower_) for t in found}),
        lemmas=len({t.lemma_.lower() for t in found}),
    )


def content_lemmas(doc: Doc) -> Counter[str]:
    """How often each content lemma (noun, proper noun, verb, adjective, adverb; no stop words) occurs.

    The model sometimes lower-cases a lemma ("ukraine" when it tags Ukraine as a common noun), so lemmas are
    counted case-insensitively and shown capitalised if the model ever capitalised them ("Ukraine", "État").
    """
    spellings: dict[str, Counter[str]] = {}
    for token in words(doc):
        if token.pos_ in CONTENT_POS and not token.is_stop:
            spellings.setdefault(token.lemma_.lower(), Counter())[token.lemma_] += 1
    shown = {key: max(forms, key=lambda form: (form[:1].isupper(), forms[form])) for key, forms in spellings.items()}
    return Counter({shown[key]: forms.total() for key, forms in spellings.items()})


def hapaxes(doc: Doc) -> list[str]:
    """Content lemmas that occur exactly once in `doc` (hapax legomena), alphabetically."""
    return sorted(lemma for lemma, n in content_lemmas(doc).items() if n == 1)


def reporting_verbs(doc: Doc) -> Counter[str]:
    """How often each reporting verb of the kit's list (data/lexicons/claims.json) occurs as a verb lemma in `doc`.

    The count is blind to sense: "assurer" (to ensure) counts as much as "assurer" (to assert)."""
    verbs = set(lexicon()["reporting_verbs"])
    return Counter(t.lemma_ for t in doc if t.pos_ == "VERB" and t.lemma_ in verbs)
