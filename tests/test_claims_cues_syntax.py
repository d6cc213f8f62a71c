"""Reporting cues the small parser gets wrong: a cue tagged as a noun or an adjective, a subject cut off from its
verb by an incise, a cue inside a negation, and the other constructions of the speaker guideline
(data/news/README.md). Every sentence is invented; each rule has a case where it must not fire."""

from __future__ import annotations

from alaloupe import claims


def said(text: str) -> list[tuple[str, str, str]]:
    return [(a.speaker, a.cue, a.mention) for a in claims.attributions(text)]


def speakers(text: str) -> list[str]:
    return [a.speaker for a in claims.attributions(text)]


def vague(text: str) -> list[str]:
    return [v.text for v in claims.vague_sources(text)]


# --- a cue the tagger calls a noun or an adjective ------------------------------------------------------------


def test_an_inserted_cue_before_a_name_is_a_verb_whatever_its_tag():
    quote = "« Le marché ne repartira pas avant l'automne », rappelle Octave Lemarquis, économiste."
    assert said(quote) == [("Octave Lemarquis", "rappelle", "Octave Lemarquis")]
    noted = "« Les stocks ont fondu de moitié en un an », note Irène Castagnède, analyste au cabinet Ormeau."
    assert speakers(noted) == ["Irène Castagnède"]
    comma = "La récolte a baissé, y compris pour les vignes du nord, commente Basile Fontanaud, viticulteur."
    assert speakers(comma) == ["Basile Fontanaud"]


def test_a_noun_after_a_comma_is_no_cue_without_a_subject_after_it():
    assert said("Le chantier reprendra lundi, note de service à l'appui.") == []
    assert said("Les travaux, estimés à trois millions, commenceront en mai.") == []


def test_the_forms_of_verbs_that_change_their_stem_are_cues():
    assert speakers("« Rien n'est joué », rappellent Irène Castagnède et Paul Ferrand.")[:1] == ["Irène Castagnède"]
    assert speakers("Le ministre Pascal Ardouin reconnait que les délais sont « intenables ».") == ["Pascal Ardouin"]


# --- a subject the parser lost ---------------------------------------------------------------------------------


def test_a_subject_before_an_incise_speaks():
    text = "Un pompier ayant participé aux secours, joint par la radio Cap Littoral, raconte que l'eau est montée."
    (found,) = claims.attributions(text)
    assert (found.speaker, found.mention, found.how) == (
        "vague",
        "Un pompier ayant participé aux secours",
        "subject before an incise",
    )
    assert vague(text) == ["Un pompier ayant participé aux secours"]


def test_an_incise_with_a_finite_verb_is_a_clause_not_an_apposition():
    text = "Selon la presse, la ville fermera sa piscine, a annoncé Mme Berthier."
    assert "la ville" not in [mention for _, _, mention in said(text)]


def test_a_subject_after_an_opening_adverbial_phrase_speaks():
    text = "Sous couvert d'anonymat, un cadre de la société admet que le chantier « prendra du retard »."
    assert said(text) == [("vague", "admet", "un cadre de la société")]
    assert vague(text) == ["un cadre de la société"]


def test_a_phrase_after_a_comma_must_open_with_a_determiner():
    assert said("Il pleut, pluie annonce du froid.") == []
