import pytest

from alaloupe.testing import expect


class AlwaysEqual:
    def __eq__(self, other):
        return True


class SneakyList(list):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize(
    "actual, expected",
    [
        (3, 3),
        (3.0000001, 3.0),
        (3, 3.0),
        ([1, "a"], [1, "a"]),
        ((9, 363), (9, 363)),
        ({"'": 1}, {"'": 1}),
        (None, None),
    ],
)
def test_expect_accepts_right_answers(actual, expected):
    expect(actual, expected, "hint")


@pytest.mark.parametrize(
    "actual, expected",
    [
        (AlwaysEqual(), 15),
        (AlwaysEqual(), [2]),
        (SneakyList([0]), [2]),
        (True, 1),
        ("15", 15),
        (14, 15),
        ([9, 363], (9, 363)),
        ({"'": 1}, {"'": 1, "’": 0}),
        ([1, 2], [1]),
        (3.1, 3.0),
    ],
)
def test_expect_rejects_wrong_types_values_and_eq_tricks(actual, expected):
    with pytest.raises(AssertionError, match="^hint"):
        expect(actual, expected, "hint")


def test_expect_message_shows_what_was_received_not_the_answer():
    with pytest.raises(AssertionError) as caught:
        expect(14, 15, "Count the lines")
    assert "got 14" in str(caught.value)
    assert "15" not in str(caught.value)


# ---------------------------------------------------------------------------------------------------------------
# own_work: the reference code is out of reach, however the student reaches it

import importlib  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
import threading  # noqa: E402

from alaloupe.testing import cell_source, own_work, shortcuts  # noqa: E402

KEY = "write this one yourself: answerkey.solve is the answer key"
FIXTURE = '''
import re
from functools import cache

_WORDS = re.compile(r"[a-zé]+")


@cache
def _pattern():
    return re.compile(r"(?x) \\d+ | [a-zé]+ ")


def _helper(text):
    return _WORDS.findall(text)


def solve(text):
    """The reference answer: words of the text."""
    return _helper(text)


def scan(text):
    return _pattern().findall(text)


def unrelated(text):
    return text.upper()


class Scorer:
    def score(self, text):
        return len(text)
'''


@pytest.fixture
def answerkey(tmp_path, monkeypatch):
    """A throw-away module `answerkey` standing for a kit module, so reloading it touches nothing shared."""
    (tmp_path / "answerkey.py").write_text(textwrap.dedent(FIXTURE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("answerkey")
    yield module
    sys.modules.pop("answerkey", None)


def refused(call, *names) -> str:
    with pytest.raises(AssertionError) as caught, own_work(*names):
        call()
    return str(caught.value)


def test_own_work_blocks_every_route_to_the_reference(answerkey):
    import answerkey as alias
    from answerkey import solve

    saved = answerkey.solve
    routes = {
        "module alias": lambda: alias.solve("abc"),
        "from import": lambda: solve("abc"),
        "importlib": lambda: importlib.import_module("answerkey").solve("abc"),
        "saved reference": lambda: saved("abc"),
        "getattr": lambda: answerkey.solve("abc"),
        "private helper": lambda: answerkey._helper("abc"),
        "helper's pattern": lambda: answerkey._WORDS.findall("abc"),
        "pattern rebuilt from its source": lambda: __import__("re").compile(answerkey._WORDS.pattern).findall("abc"),
    }
    for route, call in routes.items():
        assert refused(call, "answerkey.solve").startswith("write this one yourself: answerkey."), route


def test_own_work_survives_reload_and_a_retry_that_catches_the_error(answerkey):
    saved = answerkey.solve

    def reloaded():
        return importlib.reload(answerkey).solve("abc")

    def retry():
        try:
            return saved("abc")
        except AssertionError:
            return saved("abc")  # the hook is gone after the first error, but the block still fails

    assert refused(reloaded, "answerkey.solve") == KEY
    assert refused(retry, "answerkey.solve") == KEY


def test_own_work_guards_cached_pattern_builders_classes_and_whole_modules(answerkey):
    pattern = answerkey._pattern()
    assert refused(lambda: pattern.findall("a 1"), "answerkey.scan").endswith("answerkey.scan is the answer key")
    scorer = answerkey.Scorer()
    assert refused(lambda: scorer.score("ab"), "answerkey.Scorer").endswith("answerkey.Scorer is the answer key")
    assert refused(lambda: answerkey.unrelated("a"), "answerkey").endswith("answerkey is the answer key")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_own_work_blocks_threads_and_switching_the_hook_off(answerkey):
    def in_a_thread():
        found = []
        worker = threading.Thread(target=lambda: found.append(answerkey.solve("abc")))
        worker.start()
        worker.join()
        return found

    def switched_off():
        sys.setprofile(None)
        return answerkey.solve("abc")

    def threads_switched_off():
        threading.setprofile(None)

    assert refused(in_a_thread, "answerkey.solve") == KEY
    assert "leave sys.setprofile" in refused(switched_off, "answerkey.solve")
    assert "leave sys.setprofile" in refused(threads_switched_off, "answerkey.solve")


def test_own_work_lets_other_code_run_and_restores_the_previous_hooks(answerkey):
    def previous(frame, event, arg):
        return None

    sys.setprofile(previous)
    try:
        with own_work("answerkey.solve"):
            assert answerkey.unrelated("é") == "É"
            assert __import__("re").findall(r"\w+", "a b") == ["a", "b"]
            expect(answerkey.Scorer().score("abc"), 3, "other code of the module still runs")
        assert sys.getprofile() is previous
    finally:
        sys.setprofile(None)
    assert threading.getprofile() is None
    assert answerkey.solve("abc") == ["abc"]  # outside the block, the reference works again


def test_own_work_guards_the_kit_itself():
    from alaloupe import tokens

    with pytest.raises(AssertionError, match="alaloupe.tokens.tokenize is the answer key"):
        with own_work("alaloupe.tokens.tokenize", "alaloupe.tokens.token_spans"):
            tokens.tokenize("l’arme")
    with pytest.raises(AssertionError, match="alaloupe.tokens.token_spans is the answer key"):
        with own_work("alaloupe.tokens.tokenize", "alaloupe.tokens.token_spans"):
            tokens._pattern().findall("l’arme")


@pytest.mark.parametrize(
    "name", ["", "no_such_module_here", "alaloupe.tokens.nothing_here", "alaloupe.tokens.POLICY", None]
)
def test_own_work_refuses_names_it_cannot_guard(name):
    with pytest.raises(ValueError):
        with own_work(name):
            pass


@pytest.mark.parametrize(
    "source, found",
    [
        ("from alaloupe import tokens\ndef f(t):\n    return tokens.tokenize(t)", "import alaloupe.tokens"),
        ("import alaloupe.tokens as T", "import alaloupe.tokens"),
        ("import importlib\nf = importlib.import_module('alaloupe.tokens').tokenize", "import importlib"),
        ("def f(t):\n    return __import__('alaloupe').tokens.tokenize(t)", "__import__()"),
        ("def f(t):\n    exec('x = 1')", "exec()"),
        ("g = f.__code__", ".__code__"),
        ("import sys\nsys.setprofile(None)", "import sys"),
    ],
)
def test_shortcuts_finds_the_obvious_delegations(source, found):
    assert found in shortcuts(source)


def test_shortcuts_accepts_honest_code_and_allowed_kit_modules():
    honest = "import re\nPATTERN = re.compile(r'\\w+')\ndef f(t):\n    return PATTERN.findall(t)  # not exec()"
    assert shortcuts(honest) == []
    assert shortcuts("from alaloupe.entities import canonical", allow=["alaloupe.entities"]) == []
    assert shortcuts("from alaloupe import entities", allow=["alaloupe.entities"]) == []
    assert shortcuts("from alaloupe import entities, tokens", allow=["alaloupe.entities"]) == ["import alaloupe.tokens"]
    with pytest.raises(TypeError):
        shortcuts(None)


def test_own_work_checks_the_source_of_the_written_function():
    namespace: dict = {}
    source = "from alaloupe import tokens\n\ndef mine(text):\n    return tokens.normalise(text)\n"
    filename = "<cell-under-test>"
    import linecache

    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    assert "import alaloupe.tokens" in shortcuts(cell_source(namespace["mine"]))
    with pytest.raises(AssertionError, match="write mine yourself, without import alaloupe.tokens"):
        with own_work("alaloupe.tokens.normalise", written=namespace["mine"]):
            pass
    from alaloupe import tokens

    with pytest.raises(AssertionError, match="alaloupe.tokens.normalise is the answer key"):
        with own_work("alaloupe.tokens.normalise", written=tokens.normalise):
            pass


def test_a_guarded_package_covers_its_submodules():
    """alaloupe.claims is a package: guarding it refuses the code of claims.quoting, claims.cues, …"""
    from alaloupe import claims
    from alaloupe.claims import quoting

    with pytest.raises(AssertionError, match="alaloupe.claims is the answer key"):
        with own_work("alaloupe.claims"):
            quoting.quotes("« oui »")
    with pytest.raises(AssertionError, match="alaloupe.claims is the answer key"):
        with own_work("alaloupe.claims"):
            claims.boilerplate("Lire aussi :")
