"""alaloupe.quantities on what news pages write: money, Swiss thousands, day numbers, titles, ranges, fractions,
every spelling of the temperature scales and percentages. Never a silently wrong value."""

from __future__ import annotations

import pint
import pytest

from alaloupe import quantities


def found(text: str) -> list[tuple[str, float, str | None]]:
    return [(q.text, q.value, q.unit) for q in quantities.extract(text)]


# --- money ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le contrat vaut 2,5 milliards de dollars.", [("2,5 milliards de dollars", 2.5e9, "USD")]),
        ("une aide de 60 millions d'euros", [("60 millions d'euros", 6e7, "EUR")]),
        ("une amende de 50 000 euros", [("50 000 euros", 5e4, "EUR")]),
        ("un budget de 300 M€ et de 1,2 Md€", [("300 M€", 3e8, "EUR"), ("1,2 Md€", 1.2e9, "EUR")]),
        ("un chantier de 2,5 M$ US", [("2,5 M$ US", 2.5e6, "USD")]),
        ("une prime de 50 000 $ US", [("50 000 $ US", 5e4, "USD")]),
        ("Il a payé 5 $ et 20 US$.", [("5 $", 5.0, "USD"), ("20 US$", 20.0, "USD")]),
        ("Elle a levé US$ 20 millions.", [("US$ 20 millions", 2e7, "USD")]),
        ("un prix de 12 £, soit 40 CHF", [("12 £", 12.0, "GBP"), ("40 CHF", 40.0, "CHF")]),
        ("3 millions de francs suisses", [("3 millions de francs suisses", 3e6, "CHF")]),
        ("un loyer de 1'500 francs", [("1'500 francs", 1500.0, "CHF")]),
        ("10 livres sterling", [("10 livres sterling", 10.0, "GBP")]),
        ("1 000 francs CFA", [("1 000 francs CFA", 1000.0, "XOF")]),
    ],
)
def test_money_has_its_currency_as_an_iso_code(text, expected):
    assert found(text) == expected
    assert all(q.kind == "money" for q in quantities.extract(text))


@pytest.mark.parametrize(
    "text",
    ["plusieurs milliards de dollars", "Des millions d'euros ont été perdus.", "des milliards de personnes"],
)
def test_a_multiplier_alone_is_no_value(text):
    """ "plusieurs milliards" is imprecise: no quantity, never 1e9."""
    assert found(text) == []


def test_money_is_never_converted_between_currencies():
    assert quantities.convert(2, "EUR", "EUR") == 2
    (amount,) = quantities.extract("une aide de 60 millions d'euros")
    with pytest.raises(pint.DimensionalityError):
        amount.to("USD")
    with pytest.raises(pint.DimensionalityError):
        quantities.convert(1, "CHF", "EUR")


def test_an_ambiguous_currency_word_says_how_it_was_read():
    (dollars,) = quantities.extract("20 dollars")
    assert dollars.unit == "USD" and "US dollars" in dollars.note
    (francs,) = quantities.extract("240 francs")
    assert francs.unit == "CHF" and "Swiss" in francs.note
    (us,) = quantities.extract("20 dollars américains")
    assert us.note == ""


def test_a_currency_after_another_amount_is_not_read_twice():
    assert found("10 € 20 personnes") == [("10 €", 10.0, "EUR"), ("20 personnes", 20.0, None)]


# --- numbers that are not counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Il y avait 56'000 personnes.", [("56'000 personnes", 56000.0, None)]),
        ("et 210’000 visiteurs", [("210’000 visiteurs", 210000.0, None)]),
        ("Le conseil se réunit mercredi 28, avec 12 ministres.", [("12 ministres", 12.0, None)]),
        ("le 3 janvier, 5 morts", [("5 morts", 5.0, None)]),
        ("L'accord de janvier 29, 2022.", []),
        ("avant le 28 février", []),
        ("Vendredi 13, rien.", []),
        ("l'émission 60 Minutes de CBS, pendant 20 minutes", [("20 minutes", 20.0, "minute")]),
        ("TROIS ANS DE PRISON", [("TROIS ANS", 3.0, "year")]),
    ],
)
def test_swiss_thousands_days_and_titles(text, expected):
    assert found(text) == expected


# --- ranges and fractions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le thermomètre affichera 21 à 23 °C.", [("21", 21.0, "degree_Celsius"), ("23 °C", 23.0, "degree_Celsius")]),
        ("entre 5 et 10 km", [("5", 5.0, "kilometer"), ("10 km", 10.0, "kilometer")]),
        ("de 3 à 4 millions d'habitants", [("3", 3e6, None), ("4 millions d'habitants", 4e6, None)]),
        ("entre 2 et 3 milliards d'euros", [("2", 2e9, "EUR"), ("3 milliards d'euros", 3e9, "EUR")]),
        ("de 500 000 à 2 millions de visiteurs", [("500 000", 5e5, None), ("2 millions de visiteurs", 2e6, None)]),
        ("de deux à trois millions de votes", [("deux", 2e6, None), ("trois millions de votes", 3e6, None)]),
    ],
)
def test_a_range_takes_the_unit_and_multiplier_of_its_second_member(text, expected):
    got = quantities.extract(text)
    assert [(q.text, q.value, q.unit) for q in got] == expected
    assert all(q.in_range for q in got)


def test_two_quantities_with_their_own_units_are_not_a_range():
    got = quantities.extract("Faites cuire 45 minutes à 180 °C.")
    assert [(q.text, q.unit, q.in_range) for q in got] == [
        ("45 minutes", "minute", False),
        ("180 °C", "degree_Celsius", False),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("un quart des élèves", [("un quart", 0.25)]),
        ("trois cinquièmes des votes", [("trois cinquièmes", 0.6)]),
        ("la moitié des votes", [("la moitié", 0.5)]),
        ("Une moitié a voté.", [("Une moitié", 0.5)]),
        ("deux tiers", [("deux tiers", 2 / 3)]),
        ("un sur trois", [("un sur trois", 1 / 3)]),
    ],
)
def test_fractions_have_their_value(text, expected):
    got = quantities.extract(text)
    assert [(q.text, pytest.approx(q.value)) for q in got] == expected
    assert all(q.unit == "dimensionless" for q in got)


def test_a_half_adverb_is_not_a_fraction():
    assert found("un verre à moitié vide") == []


# --- temperatures and percentages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, unit",
    [
        ("30 °C", "degree_Celsius"),
        ("30 ° C", "degree_Celsius"),
        ("30 °c", "degree_Celsius"),
        ("30 degrés", "degree_Celsius"),
        ("30 degrés Celsius", "degree_Celsius"),
        ("30 deg c", "degree_Celsius"),
        ("30 deg. C", "degree_Celsius"),
        ("30 celsius", "degree_Celsius"),
        ("30 Celsius", "degree_Celsius"),
        ("30 centigrades", "degree_Celsius"),
        ("30 degrés centigrades", "degree_Celsius"),
        ("80 degrés f", "degree_Fahrenheit"),
        ("80 degrés F", "degree_Fahrenheit"),
        ("80 degrés Fahrenheit", "degree_Fahrenheit"),
        ("80 °F", "degree_Fahrenheit"),
        ("80 deg F", "degree_Fahrenheit"),
        ("80 fahrenheit", "degree_Fahrenheit"),
        ("300 kelvins", "kelvin"),
        ("300 Kelvin", "kelvin"),
        ("300 K", "kelvin"),
        ("300 degrés Kelvin", "kelvin"),
    ],
)
def test_every_spelling_of_the_temperature_scales(written, unit):
    (quantity,) = quantities.extract(f"Il faisait {written} ce jour-là.")
    assert (quantity.text, quantity.unit, quantity.kind) == (written, unit, "temperature")


def test_fahrenheit_is_never_read_as_celsius():
    (hot,) = quantities.extract("Il faisait 95 degrés f à Phoenix.")
    assert hot.unit == "degree_Fahrenheit"
    assert hot.to("degree_Celsius") == pytest.approx(35.0)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20 pourcentages", [("20 pourcentages", 20.0, "percent")]),
        ("20 pour cent", [("20 pour cent", 20.0, "percent")]),
        ("20 %", [("20 %", 20.0, "percent")]),
        ("2 points de pourcentage", [("2 points de pourcentage", 2.0, "percentage_point")]),
        ("un recul de 0,5 point de pourcentage", [("0,5 point de pourcentage", 0.5, "percentage_point")]),
    ],
)
def test_percentages_and_percentage_points(text, expected):
    got = quantities.extract(text)
    assert [(q.text, q.value, q.unit) for q in got] == expected
    assert all(q.kind == "percent" for q in got)


def test_percentage_points_are_not_a_relative_change():
    assert quantities.convert(3, "percentage_point", "dimensionless") == pytest.approx(0.03)
    assert "percentage_point" not in {q.unit for q in quantities.extract("Le taux passe de 5 à 15 %.")}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le 10/07/2023 à 12:15, 3 morts", [("3 morts", 3.0, None)]),
        ("Keystone-ATS 02.05.2017, 10:41", []),
        ("07:52Économie - La Bourse recule", []),
        ("21:05Rugby - L'Afrique du Sud affrontera l'Angleterre", []),
        ("EUR/USD 1,0563", [("1,0563", 1.0563, None)]),
    ],
)
def test_page_furniture_times_dates_and_rates_are_not_amounts(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("un billet à $5 et un autre à €10", [("$5", 5.0, "USD"), ("€10", 10.0, "EUR")]),
        ("CHF 40 par mois", [("CHF 40", 40.0, "CHF")]),
        ("selon 24 Heures et 20 Minutes", []),
        ("Il a 5 ans et 2 ha", [("5 ans", 5.0, "year"), ("2 ha", 2.0, "hectare")]),
        ("les 3/4 des gens", [("3/4", 0.75, "dimensionless")]),
        ("de 2 à 3 Md€", [("2", 2e9, "EUR"), ("3 Md€", 3e9, "EUR")]),
    ],
)
def test_currency_before_the_number_newspaper_titles_areas_and_digit_fractions(text, expected):
    assert found(text) == expected


def test_a_decade_is_ten_years_not_pints_logarithmic_decade():
    (decades,) = quantities.extract("en deux décennies")
    assert (decades.value, decades.unit, decades.kind) == (20.0, "year", "duration")
    assert decades.to("month") == pytest.approx(240.0)


# --- areas, pounds after a multiplier, listed days, coordinated numbers -------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("une usine de 60'000 mètres carrés", [("60'000 mètres carrés", 60000.0, "meter ** 2")]),
        (
            "un parc de 20 km² et de 3 km carrés",
            [("20 km²", 20.0, "kilometer ** 2"), ("3 km carrés", 3.0, "kilometer ** 2")],
        ),
        ("un studio de 15 m2", [("15 m2", 15.0, "meter ** 2")]),
        ("2 mètres cubes d'eau", [("2 mètres cubes", 2.0, "meter ** 3")]),
        ("à 5 m du bord", [("5 m", 5.0, "meter")]),
    ],
)
def test_an_area_or_a_volume_is_never_a_length(text, expected):
    assert found(text) == expected


def test_pounds_are_read_after_a_multiplier_only():
    (contract,) = quantities.extract("un contrat de 553 millions de livres")
    assert (contract.value, contract.unit, contract.kind) == (553e6, "GBP", "money")
    assert "pounds sterling" in contract.note, "an ambiguous word is read with a note saying so"
    assert found("Elle a lu 3 livres.") == [("3 livres", 3.0, None)]


@pytest.mark.parametrize(
    "text", ["les 25 et 26 février", "les 3, 4 et 5 mars", "du 11 au 12 juillet", "les 1er et 2 mai"]
)
def test_days_listed_before_a_month_are_not_counts(text):
    assert found(text) == []


def test_the_first_of_two_coordinated_numbers_takes_the_unit_of_the_second():
    assert found("âgés de 18 et 24 ans") == [("18", 18.0, "year"), ("24 ans", 24.0, "year")]
    assert found("3 enfants et 4 chats")[0][2] is None
    low, high = quantities.extract("de 3 à 4 millions")
    assert (low.value, high.value) == (3e6, 4e6) and low.in_range


# --- point thousands, labels, hours of the day, counts after an adjective ------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le club a perdu 600.000 euros.", [("600.000 euros", 600000.0, "EUR")]),
        ("1.200.000 habitants", [("1.200.000 habitants", 1200000.0, None)]),
        ("Il mesure 1.234,5 m.", [("1.234,5 m", 1234.5, "meter")]),
        ("1.5 km", []),  # a decimal point is not French: no value rather than a wrong one
        ("version 3.8.0", []),
    ],
)
def test_a_point_before_three_digits_groups_thousands(text, expected):
    assert found(text) == expected


def test_a_decimal_point_is_still_refused_by_parse_number():
    assert quantities.parse_number("12.000") == 12000.0
    for written in ("1.5", "1.2345"):
        with pytest.raises(ValueError, match="decimal comma"):
            quantities.parse_number(written)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("un ouragan de catégorie 1 et 3 morts", [("3 morts", 3.0, None)]),
        ("le maillot numéro 10", []),
        ("Le groupe 3 compte 5 équipes.", [("5 équipes", 5.0, None)]),
        ("vers 7 heures, la police est arrivée", []),
        ("à quatre heures et demie du matin", []),
        ("Il a marché 7 heures.", [("7 heures", 7.0, "hour")]),
        ("Il dort 7 heures par nuit.", [("7 heures", 7.0, "hour")]),
        ("Les résultats seront annoncés demain, à 15 heures.", []),
        ("Il habite à 2 heures de Paris.", [("2 heures", 2.0, "hour")]),
        ("une garde à vue jusqu'à 48 heures", [("48 heures", 48.0, "hour")]),
        ("le gouvernement (Ayrault 2) a prêté serment", []),
        ("le journaliste de France 2 Gilles Jacquier", []),
        ("deux Polonais et deux Russes", [("deux Polonais", 2.0, None), ("deux Russes", 2.0, None)]),
    ],
)
def test_labels_and_hours_of_the_day_are_not_quantities(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("neuf autres personnes", [("neuf autres personnes", 9.0, None)]),
        ("ses deux derniers matchs", [("deux derniers matchs", 2.0, None)]),
        ("deux autres ont été blessées", [("deux autres", 2.0, None)]),
        ("deux grandes sont parties", []),  # an adjective alone counts nothing
    ],
)
def test_a_count_reads_through_an_adjective_before_its_noun(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Les Bleus se sont imposés 29 à 28 face aux Springboks.", []),
        ("Il a gagné 6 à 4, 6 à 3.", []),
        ("Le thermomètre affichera 21 à 23.", [("21", 21.0, None), ("23", 23.0, None)]),  # goes up: no score
        ("de 10 à 15 morts", [("10", 10.0, None), ("15 morts", 15.0, None)]),
    ],
)
def test_a_match_score_is_not_two_quantities(text, expected):
    assert found(text) == expected
