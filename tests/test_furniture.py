"""alaloupe.claims.boilerplate on page furniture: each rule of data/lexicons/furniture.json, taken and left alone."""

from __future__ import annotations

import re

import pytest

from alaloupe import claims, news, nlp
from alaloupe.claims import furniture
from alaloupe.claims.furniture import literals, rules
from alaloupe.data import data_file

HEADLINE = "Le maire inaugure le nouveau pont de la ville"
BEFORE = "Le maire a inauguré le pont samedi devant les habitants."
AFTER = "Les travaux ont duré deux ans."


def furniture_lines(text: str) -> list[int]:
    return [b.line for b in claims.boilerplate(text)]


def in_the_middle(line: str) -> str:
    """A page of four lines whose third line is `line`, between two sentences of the article."""
    return "\n".join([HEADLINE, BEFORE, line, AFTER])


# Lines that are furniture on their own, wherever they are: (kind of the reason, line).
ON_THEIR_OWN = [
    ("credit", "Photo : AFP |"),
    ("credit", "© AFP 2023"),
    ("credit", "De BZ/afp"),
    ("credit", "(Reportage Jean Dupont; version française Marie Martin, édité par Paul Durand)"),
    ("credit", "Le maire et son adjoint devant le pont, samedi. Jean Dupont / AFP"),
    ("credit", "Par la rédaction"),
    ("byline", "Par Jean Dupont"),
    ("credit", "par leparisien"),
    ("publication", "Publié"),
    ("publication", "le"),
    ("publication", "Mis à jour le 12 mars 2023 à 10h05"),
    ("publication", "Publié le 12/03/2023 à 10h05"),
    ("publication", "12/03/2023 à 10h05"),
    ("timestamped headline", "07:52Économie - La Bourse de Paris ouvre en baisse"),
    ("widget", "PARTAGEZ!"),
    ("widget", "Partager sur Facebook"),
    ("widget", "Laisser un commentaire"),
    ("widget", "Les commentaires sont fermés."),
    ("widget", "3 commentaires"),
    ("widget", "Soutenez une information indépendante : faites un don."),
    ("widget", "Vidéo suivante dans 5 secondes"),
    ("widget", "Autres vidéos"),
    ("consent", "Nous utilisons des cookies pour améliorer votre navigation. En continuant, vous les acceptez."),
    ("widget", "Recevez gratuitement notre lettre d'information"),
    ("widget", "Cet article est réservé aux abonnés. Il vous reste 80 % à découvrir."),
    ("widget", "Vous avez une information à nous transmettre ?"),
    ("widget", "Offre spéciale : 1 € le premier mois, sans engagement"),
    ("consent", "En poursuivant votre navigation, vous acceptez l'utilisation de cookies."),
    ("consent", "Consultez nos conditions d'utilisation"),
    ("credit", "Des secouristes près des wagons renversés. Photo : REUTERS / Stringer"),
    ("credit", "Les joueurs après le coup de sifflet final. KEYSTONE/AFP/Franck Fife"),
    ("credit", "Avec les informations de l'Associated Press"),
    ("credit", "(ats/afp)"),
    ("credit", "La rédaction avec AFP"),
    ("ticker", "CAC 40 7 012,35 +0,42 %"),
    ("credit", "Des manifestants à Paris, le 7 mars 2023. (AFP)"),
    ("credit", "Photo : Wikimedia Commons, CC BY-SA 4.0"),
    ("byline", "Jean Dupont, envoyé spécial à Kiev"),
    ("widget", "Envoyer par e-mail"),
    ("widget", "00:45 / 02:30"),
    ("widget", "Soutenez Wikinews en faisant un don"),
    ("publication", "Hier à 18h30"),
    ("byline", "Rédigé par Jean Dupont"),
    ("byline", "Par"),
    ("byline", "Par Jean Dupont | Publié le 12/03/2023 à 10:05"),
    ("publication", "AFP, publié le mardi 14 mars 2023 à 10h05"),
    ("widget", "Article suivant"),
    ("widget", "Retour à l'accueil"),
    ("tags", "Tags : canicule, Europe, climat"),
    ("tags", "#canicule #Europe"),
    ("section label", "Monde Politique"),
    ("section label", "Accueil > Économie"),
    ("section label", "International"),
    ("section label", "Accueil > Monde > Caraïbes"),
    ("section label", "Actualité | RDC | Justice"),
    ("widget", "▶ Écouter (4 min)"),
    ("widget", "Réécouter le journal de 18h"),
    ("widget", "EN DIRECT | La matinale"),
    ("widget", "J'aime 12   Partager"),
    ("widget", "Vous devez être connecté pour commenter."),
    ("widget", "Vous avez repéré une faute ? Signalez-nous une erreur"),
    ("widget", "Rejoignez-nous sur Facebook pour ne rien manquer."),
    ("widget", "Chaque soir, les titres du jour dans votre boîte mail."),
    ("widget", "Contenu sponsorisé - Cinq idées pour vos vacances"),
    ("credit", "Le maire devant la mairie, mardi. Photo archives Jean Dupont"),
    ("credit", "Le port de Brest au petit matin. Photo Studio Iroise/J. D."),
    ("credit", "La ministre à Lyon, en 2019. AFP PHOTO / archives"),
    ("credit", "(Agence Centre) jd/mf"),
    ("publication", "Créé : 12.03.2023, 10h05"),
    ("timestamped headline", "12/03 10:05 Météo : la neige attendue ce week-end"),
    ("ticker", "CAC 40 7 012,35 +0,42 %   EUR/USD 1,0563   DAX -0,15 %"),
    ("section label", "Brest | Quimper | Morlaix | Toutes les éditions"),
    ("masthead", "Iroise Info — l'actualité du Finistère en continu"),
    ("masthead", "LE BLOG DU LITTORAL — balades, marées & patrimoine"),
    ("credit", "Fourni par Agence Ouest | Il y a 2 heures"),
    ("credit", "La présentatrice sur le plateau, au printemps. DR"),
    ("credit", "BREST/QUIMPER, 4 juil (APO) -"),
    ("publication", "Diffusé le mardi 3 mars 2023 à 18:30"),
    ("widget", "🔔 Activez les alertes Bretagne"),
    ("widget", "Une coquille, une erreur ?"),
    ("widget", "— Espace publicitaire —"),
    ("timestamped headline", "FLASH — 10:12 Brest : le port rouvre"),
    ("ticker", "Taux de change : 1 EUR = 1,08 USD"),
    ("publication", "Jeudi 14 mars 2023, 09:15 - Rédaction de Brest"),
    ("publication", "14 mars 2023 | 09:15"),
    ("publication", "14.03.2023 — 09:15, mis à jour à 11:40"),
    ("byline", "Brest, de notre correspondante"),
    ("byline", "La rédaction, avec nos envoyés spéciaux à Kiev"),
    ("teaser", "Notre dossier : la réforme des retraites"),
    ("teaser", "Dossier : les élections municipales, toutes nos analyses"),
    ("teaser", "VIDÉO - Les plus beaux buts de la saison (3:27)"),
    ("teaser", "Galerie photos (12) : le carnaval de Brest"),
    ("teaser", "Les horaires des marées : consultez notre calendrier"),
    ("widget", "Les commentaires sont modérés avant publication."),
    ("masthead", "APB - Agence Bretagne Presse - Desk régional"),
    ("ticker", "Cours du jour : colza 410 €/t | orge 190 €/t | lait 0,42 €/l"),
]

# Content lines that look a little like furniture and must stay content.
CONTENT = [
    "Le bilan a été confirmé par l'AFP.",
    "Photo souvenir pour les élus devant le pont.",
    "Par ailleurs, la ville a renoncé au projet de parking.",
    "Par la suite, les travaux ont repris",
    "Le 12 mars 2023, le conseil municipal a voté le budget.",
    "10h05 : le train est reparti de la gare.",
    "Partagé entre deux options, le maire a longtemps hésité.",
    "Les habitants ont partagé leurs inquiétudes sur les réseaux sociaux.",
    "Les thèmes du débat étaient nombreux.",
    "Monde : la Chine annonce un plan de relance",
    "Un bilan lourd.",
    "« Jamais ! »",
    "« Nous ne céderons pas », a déclaré la maire.",
    "Un bilan encore incertain",
    "Les habitants sont invités à faire un don à la Croix-Rouge.",
    "Publié le 3 mars, le rapport de l'ONU dresse un constat alarmant.",
    "Publié mardi, le rapport de l'ONU dresse un constat alarmant.",
    "Les chiffres cités par l'AFP sont contestés par Reuters.",
    "La Bourse de Paris a gagné 0,42 % à la clôture.",
    "Il a publié une vidéo : on y voit les soldats avancer.",
    "Paris (AFP) - Le gouvernement a annoncé un plan de relance.",
    "Envoyer une délégation à Kiev n'est pas prévu.",
    "Les enquêteurs veulent en savoir plus sur les causes de l'accident.",
    "La newsletter du ministère a été envoyée par erreur à tous les agents.",
    "Le retour des beaux jours a été salué par les commerçants.",
    "Écrit par un anonyme, le texte a circulé.",
    "Stanis Bujakera est journaliste pour Jeune Afrique.",
    "Le rapport, publié le 3 mars 2023, montre une hausse des prix.",
    "Il a écouté le discours du président pendant une heure.",
    "En direct de Kiev, le journaliste a décrit la scène.",
    "J'aime la France, a-t-il dit.",
    "Photo de famille : les ministres posent devant l'Élysée.",
    "Les élus et/ou leurs familles ont parlé.",
    "Le cours a gagné 3 % puis perdu 2 % dans la journée, selon les analystes.",
    "Les prix ont varié de 2-3 % à 4-5 % selon les régions.",
    "Le blog du maire — une tribune qu'il tient depuis 2019 — a fermé.",
    "Fourni par la mairie, le document a été publié.",
    "Le 14 mars 2023, à 9 h 15, le conseil municipal a voté le budget.",
    "14 mars 2023, 09:15 - Le conseil municipal a voté le budget.",
    "Notre correspondant à Brest a assisté à l'audience.",
    "Selon notre correspondante, la séance a été levée.",
    "Le dossier de la réforme a été transmis au Conseil d'État.",
    "Dossier sensible : le maire a refusé de répondre.",
    "La vidéo du match (3:27) a circulé sur les réseaux sociaux.",
    "Galerie d'art : la ville a inauguré un nouvel espace.",
    "Consultez notre site, a lancé le maire aux habitants.",
    "Les commentaires sont modérés par une équipe de bénévoles, a expliqué la plateforme.",
    "L'Agence France-Presse a confirmé la nouvelle.",
    "Le blé vaut 410 € la tonne | l'orge 190 €, selon la coopérative.",
]


@pytest.mark.parametrize(("kind", "line"), ON_THEIR_OWN)
def test_a_furniture_line_is_found_with_its_reason(kind, line):
    found = claims.boilerplate(in_the_middle(line))
    assert [b.line for b in found] == [3]
    assert found[0].reasons[0].startswith(kind), found[0].reasons


@pytest.mark.parametrize("line", CONTENT)
def test_a_content_line_stays_content(line):
    assert furniture_lines(in_the_middle(line)) == []


@pytest.mark.parametrize("line", [kind_line[1] for kind_line in ON_THEIR_OWN if kind_line[0] != "section label"])
def test_the_line_rules_need_no_parse(line):
    assert furniture.line_rule(line) is not None


def test_link_cue_and_its_headline_keep_their_reasons():
    found = claims.boilerplate("Lire aussi :\nLa Bourse de Paris termine en hausse\nLe budget a été présenté mardi.")
    assert [b.line for b in found] == [1, 2]
    assert found[1].reasons == ("no final punctuation", "follows the link cue of line 1: a pasted headline")
    assert furniture_lines("Une phrase.\nUn titre sans point") == [], "no final punctuation alone is not enough"


def test_a_link_cue_inside_a_sentence_is_the_articles_but_at_the_start_it_is_navigation():
    assert furniture_lines(in_the_middle("Pour en savoir plus, cliquez ici")) == [3]
    assert furniture_lines(in_the_middle("À lire aussi : le pont est fermé.")) == [3]


def test_the_line_after_a_link_cue_that_holds_its_headline_is_the_articles():
    cue = "Lire aussi : Le pont de Brest fermé pour travaux"
    assert furniture_lines("\n".join([HEADLINE, BEFORE, cue, "Un chantier de deux ans", AFTER])) == [3]
    assert furniture_lines("\n".join([HEADLINE, BEFORE, "Lire aussi :", "Le pont de Brest fermé", AFTER])) == [3, 4]


def test_a_quoted_headline_followed_by_furniture_is_the_headline_and_the_label_above_it_furniture():
    page = ["Conseil municipal 2026", "Le maire : « Nous ne céderons rien ! »", "Par Jean Dupont", BEFORE, AFTER]
    found = claims.boilerplate("\n".join(page))
    assert [b.line for b in found] == [1, 3]
    assert "above the headline" in found[0].reasons[0]
    assert furniture_lines("\n".join(["Conseil municipal 2026", "« Nous ne céderons rien ! »", BEFORE, AFTER])) == []
    assert furniture_lines("\n".join(["Conseil municipal 2026", "« Jamais ! »", "Par Jean Dupont"])) == [3]


def test_a_question_headline_after_a_link_cue():
    found = claims.boilerplate("\n".join([HEADLINE, BEFORE, "Lire aussi :", "Faut-il craindre une récession ?", AFTER]))
    assert [b.line for b in found] == [3, 4]
    assert "asks or exclaims" in found[1].reasons[0]
    assert furniture_lines("\n".join([HEADLINE, BEFORE, "« Pourquoi pas ? »", AFTER])) == []


def test_a_list_heading_takes_the_headlines_under_it_up_to_a_sentence():
    page = "\n".join([HEADLINE, BEFORE, "Les plus lus", "Incendies en Grèce", "Sécheresse en Espagne", AFTER, AFTER])
    assert furniture_lines(page) == [3, 4, 5]


def test_a_short_verbless_line_next_to_furniture_is_furniture():
    page = "\n".join([HEADLINE, "Par Jean Dupont", "Île-de-France", BEFORE, AFTER])
    found = claims.boilerplate(page)
    assert [b.line for b in found] == [2, 3]
    assert "next to the furniture of line 2" in found[1].reasons[0]


def test_a_name_in_the_byline_block_under_a_standfirst_is_furniture():
    page = "\n".join([HEADLINE, BEFORE, "Par la rédaction", "France Télévisions", "Publié le 14/06/2023 14:03", AFTER])
    found = claims.boilerplate(page)
    assert [b.line for b in found] == [3, 4, 5]
    assert "between the furniture of lines 3 and 5" in found[1].reasons[0]


def test_a_name_alone_next_to_furniture_is_a_byline():
    page = "\n".join([HEADLINE, BEFORE, "Jean Dupont", "Publié le 14/06/2023 14:03", AFTER, "Olaf Scholz", AFTER])
    found = claims.boilerplate(page)
    assert [b.line for b in found] == [3, 4], "a name between two sentences is not a byline"
    assert found[0].reasons == ("a name alone on its line, next to the furniture of line 4: a byline",)


def test_an_intertitle_between_two_sentences_stays_content():
    assert furniture_lines("\n".join([HEADLINE, BEFORE, "Un bilan encore incertain", AFTER])) == []
    caption = "Le pont illuminé samedi soir. Photo : AFP"
    assert furniture_lines("\n".join([HEADLINE, BEFORE, caption, "Un chantier de deux ans", AFTER])) == [3]


def test_a_link_cue_headline_may_lie_one_sentence_further_down():
    page = "\n".join([HEADLINE, BEFORE, "Lire aussi", AFTER, "Rugby: les All Blacks filent en demi-finale", AFTER])
    found = claims.boilerplate(page)
    assert [b.line for b in found] == [3, 5]
    assert "pasted one line further down" in found[1].reasons[0]
    assert furniture_lines("\n".join([HEADLINE, "Lire aussi", BEFORE, AFTER, AFTER])) == [2]


def test_labels_above_the_headline_are_furniture_and_the_headline_is_content():
    found = claims.boilerplate("\n".join(["Île-de-France", HEADLINE, BEFORE, AFTER]))
    assert [b.line for b in found] == [1]
    assert "above the headline" in found[0].reasons[0]
    assert furniture_lines("\n".join(["Séisme en Turquie", BEFORE, AFTER])) == [], "a short verbless headline"


def test_the_headline_between_a_label_and_a_byline_stays_content():
    assert furniture_lines("\n".join(["Monde", "Séisme meurtrier en Turquie", "Par Jean Dupont", BEFORE])) == [1, 3]


def test_lines_after_the_last_sentence_are_furniture():
    page = "\n".join([HEADLINE, BEFORE, AFTER, "La ville lance un nouveau tramway", "Le métro prolongé en 2030"])
    found = claims.boilerplate(page)
    assert [b.line for b in found] == [4, 5]
    assert "after the end of the article (line 3)" in found[0].reasons[0]


def test_a_verbless_blurb_between_furniture_under_the_article_is_furniture():
    page = [HEADLINE, BEFORE, AFTER, "Newsletter", "Les titres du jour, chaque matin.", "Je m'abonne"]
    found = claims.boilerplate("\n".join(page))
    assert [b.line for b in found] == [4, 5, 6]
    assert "between the furniture of lines 4 and 6" in found[1].reasons[0]
    assert furniture_lines("\n".join([HEADLINE, BEFORE, AFTER, "Un bilan lourd.", "PARTAGEZ!"])) == [5]
    assert furniture_lines("\n".join([HEADLINE, "Newsletter", "Un bilan lourd.", "PARTAGEZ!", BEFORE])) == [2, 4]


def test_a_list_that_ends_the_article_stays_content():
    page = "\n".join([HEADLINE, BEFORE, AFTER, "Les mesures annoncées :", "- le gel des loyers", "- le chèque énergie"])
    assert furniture_lines(page) == []
    assert furniture_lines(page + "\nPARTAGEZ!") == [7]


def test_a_text_without_a_sentence_has_no_tail():
    assert furniture_lines("Le maire inaugure le pont") == []
    assert furniture_lines(f"{BEFORE}\n« Nous ne céderons pas », a déclaré la maire.") == []


def test_the_article_has_two_furniture_lines():
    found = claims.boilerplate(nlp.parse())
    assert [b.line for b in found] == [6, 7]


@pytest.mark.parametrize("name", ["news_quotes.txt", "numbers.txt", "no_claims.txt"])
def test_no_content_line_of_the_samples_is_furniture(name):
    text = data_file("samples", name).read_text(encoding="utf-8")
    assert furniture_lines(text) == ([7, 8] if name == "news_quotes.txt" else [])


def test_a_doc_and_its_text_give_the_same_lines():
    page = "\n".join(["Monde", HEADLINE, "Par Jean Dupont", "Publié", "le", BEFORE, AFTER, "PARTAGEZ!"])
    doc = nlp.load()(page)
    assert claims.boilerplate(doc) == claims.boilerplate(page)
    assert [b.line for b in claims.boilerplate(doc)] == [1, 3, 4, 5, 8]


def test_offsets_slice_the_text():
    page = in_the_middle("Photo : AFP |")
    assert all(page[b.start : b.end] == b.text for b in claims.boilerplate(page))


def test_the_boilerplate_keys_moved_to_their_own_lexicon():
    assert "boilerplate" not in claims.lexicon()
    assert {"link_cues", "final_punctuation", "patterns", "section_labels", "thresholds"} <= set(
        furniture.furniture_lexicon()
    )


@pytest.mark.parametrize(
    ("bad", "error"), [(None, TypeError), (b"Publi\xc3\xa9", TypeError), ("  ", ValueError), (3, TypeError)]
)
def test_bad_input_is_refused(bad, error):
    with pytest.raises(error):
        claims.boilerplate(bad)


@pytest.mark.parametrize(("bad", "error"), [(None, TypeError), (b"Publi\xc3\xa9", TypeError), (["Publié"], TypeError)])
def test_line_rule_refuses_what_is_not_a_line(bad, error):
    with pytest.raises(error):
        furniture.line_rule(bad)
    assert furniture.line_rule("") is None


def test_the_patterns_are_lower_case_and_match_a_line_in_capitals():
    """The line is lower-cased before the search, so the patterns are compiled without re.IGNORECASE."""
    patterns = [p for group in furniture.furniture_lexicon()["patterns"].values() for p in group]
    assert all(rules._lower_case(p) for p in patterns)
    assert not rules._lower_case("^Photo\\b") and rules._lower_case(r"^[^\W\d_](?P<shown>\d)")
    assert furniture.line_rule("PHOTO : AFP |") == "credit: 'photo :'"
    assert furniture.line_rule("VIDÉO - LES PLUS BEAUX BUTS (3:27)") == "teaser: 'vidéo'"


def test_normalised_collapses_every_kind_of_space():
    assert furniture.normalised("  Publié\u00a0le\t3 mars\u2009 2023 ") == "publié le 3 mars 2023"
    assert furniture.normalised("L\u2019AFP") == "l'afp"


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\b(newsletter|abonnez-vous)\b[^.!?]*$", ("abonnez-vous", "newsletter")),
        (r"^(?=.*cookie).*?\bcookies?\b", ("cookie",)),
        (r"^(le )?(publié|mis à jour) le\b", ("mis à jour", "publié")),
        (r"[.,]\s+(?P<shown>(dr|droits réservés))$", ("dr",)),
        (r"(?<!\w)[+−-]\s?\d+\s?%", ("%",)),
        (r"^(par|)\s*x+", ("x",)),
        (r"\b(vidéo|)\b", None),
        (r"^[\w ]{2,40}$", None),
    ],
)
def test_required_literals_are_what_every_match_contains(pattern, needed):
    assert literals.required_literals(pattern) == needed


def test_the_precheck_never_drops_a_line_a_pattern_matches():
    """Every line of the news pages and of the tests that a pattern matches holds one of the pattern's literals."""
    splits = ("dev", "heldout", "reserve", "final", "paired")
    lines = [line for split in splits for page in news.pages(split) for line in page.text.split("\n")]
    lines += [line for _, line in ON_THEIR_OWN] + CONTENT
    for pattern in (p for group in furniture.furniture_lexicon()["patterns"].values() for p in group):
        needed, compiled = literals.required_literals(pattern), re.compile(pattern)
        for line in map(furniture.normalised, lines):
            if needed is not None and compiled.search(line):
                assert any(word in line for word in needed), (pattern, line)


def test_required_literals_refuses_what_is_not_a_pattern():
    with pytest.raises(TypeError):
        literals.required_literals(None)
