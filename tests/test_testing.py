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
