"""Reporting cues the small parser gets wrong: a cue tagged as a noun or an adjective, a subject cut off from its
verb by an incise, a cue inside a negation, and the other constructions of the speaker guideline
(data/news/README.md). Every sentence is invented; each rule has a case where it must not fire."""

from __future__ import annotations

from alaloupe import claims
from alaloupe.claims.cues import _cues
from alaloupe.claims.quoting import QuoteIndex, quotes
from alaloupe.nlp import as_doc


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
    assert said("Le champion est arrivé hier, Lance Armstrong étant absent.") == []  # a first name, not "lance"


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
    assert vague(text) == ["Un pompier"]  # a vague source is cut like a speaker: the participle clause is left out


def test_an_incise_with_a_finite_verb_is_a_clause_not_an_apposition():
    text = "Selon la presse, la ville fermera sa piscine, a annoncé Mme Berthier."
    assert "la ville" not in [mention for _, _, mention in said(text)]


def test_a_subject_after_an_opening_adverbial_phrase_speaks():
    text = "Sous couvert d'anonymat, un cadre de la société admet que le chantier « prendra du retard »."
    assert said(text) == [("vague", "admet", "un cadre de la société")]
    assert vague(text) == ["un cadre de la société"]


def test_a_phrase_after_a_comma_must_open_with_a_determiner():
    assert said("Il pleut, pluie annonce du froid.") == []


# --- what a cue is: negation, restriction, agent, promise, inversion --------------------------------------------


def test_a_negated_cue_puts_nothing_on_record():
    assert said("La maire Lucie Ferrand n'a pas confirmé la fermeture de la piscine.") == []
    assert said("La fermeture n'a jamais été confirmée par la mairie.") == []
    assert speakers("Le maire n'a pas été informé des travaux, a précisé Paul Ravel.") == ["Paul Ravel"]


def test_the_que_of_a_restriction_opens_no_reported_clause():
    assert said("Le parc éolien ne rapportera que deux millions par an.") == []
    assert speakers("Paul Ravel a rapporté que le parc éolien perdait de l'argent.") == ["Paul Ravel"]


def test_the_agent_of_a_passive_cue_speaks():
    text = "La baisse des tarifs, annoncée en mars par la mairie de Vendres, entrera en vigueur en juin."
    assert said(text) == [("la mairie de Vendres", "annoncée", "la mairie de Vendres")]
    assert claims.attributions(text)[0].content == "La baisse des tarifs"  # what the agent put on record
    confirmed = claims.attributions("La fermeture du site a été confirmée par le syndicat Force Ouvrière.")
    assert [(a.speaker, a.how.split(";")[0]) for a in confirmed] == [("Force Ouvrière", "agent")]


def test_an_active_cue_or_an_ambiguous_verb_has_no_agent():
    assert speakers("Le maire a annoncé par communiqué la fermeture de la piscine.") == ["Le maire"]
    assert said("Un modèle lancé par le constructeur Renault arrive en juin.") == []
    assert said("L'accusé sera jugé par la cour d'assises en mai.") == []


def test_a_promise_or_a_threat_with_de_and_an_infinitive_is_a_cue():
    text = "Le collectif de riverains a menacé la semaine dernière de saisir la justice."
    assert said(text) == [("Le collectif de riverains", "menacé", "Le collectif de riverains")]
    assert said("Le bâtiment menace de s'effondrer.") == []  # no one who can speak


def test_recommander_is_a_cue_without_que():
    assert speakers("La préfecture recommande aux habitants de rester chez eux.") == ["La préfecture"]


def test_any_verb_with_an_inverted_clitic_after_a_quote_is_a_cue():
    text = "Lina Marchal a visité le chantier.\n« Personne ne viendra nous aider », soupire-t-elle."
    assert said(text)[-1] == ("Lina Marchal", "soupire", "-elle")
    assert said("Lina Marchal a visité le chantier.\n« Tout va bien », peut-on lire.") == []


# --- a subject across a sentence or a coordination --------------------------------------------------------------


def test_a_subject_never_lies_in_another_sentence():
    text = "20 mai 2019. - Deux randonneurs ont été secourus dans le massif, a indiqué la gendarmerie."
    assert speakers(text) == ["la gendarmerie"]


def test_a_coordinated_cue_takes_the_subject_of_the_first_verb():
    text = "Les syndicats réclament quant à eux un moratoire et estiment que le plan est « brutal »."
    assert speakers(text) == ["Les syndicats"]


def test_a_long_subject_before_the_verb_speaks():
    text = "Le chef du service de la sécurité civile régionale rapporte qu'aucun blessé n'est à déplorer."
    assert speakers(text) == ["Le chef du service de la sécurité civile régionale"]


def test_an_honorific_the_parser_left_out_is_part_of_the_mention():
    text = "Le président Marc Tessier a ouvert la séance. Mr Tessier a aussi annoncé le départ de deux cadres."
    assert said(text) == [("Marc Tessier", "annoncé", "Mr Tessier")]


def test_mentionner_is_a_cue_but_not_as_a_bare_participle():
    assert speakers("La directrice Anne Roux a mentionné le retard des travaux.") == ["Anne Roux"]
    assert said("Comme mentionné plus haut, la route est fermée.") == []


def test_an_inverted_clitic_after_an_auxiliary_is_the_speaker():
    text = "Claire Dumontet a visité le port.\nLe trafic pourrait encore baisser, a-t-elle ajouté."
    assert said(text) == [("Claire Dumontet", "ajouté", "-elle")]


def test_pour_and_a_title_opens_a_stated_view():
    (found,) = claims.attributions("Pour le procureur régional, plus de 3 millions d'euros auraient disparu.")
    assert (found.cue, found.mention) == ("Pour", "le procureur régional")
    assert said("Pour la première fois, le club gagne à l'extérieur.") == []


def test_a_verb_of_naming_reaches_its_quote_across_an_apposition_or_a_relative_clause():
    apposed = "L'ancien maire Paul Ravel décrit son successeur, Marc Tessier, comme « un gestionnaire »."
    assert [(a.speaker, a.cue) for a in claims.attributions(apposed)] == [("Paul Ravel", "décrit")]
    relative = "La préfète Anne Roux a décrit la crue qui a touché la vallée comme étant la « pire du siècle »."
    assert speakers(relative) == ["Anne Roux"]
    assert said("Le guide décrit le sentier qui mène au col. « C'est beau », sourit un randonneur.")[:1] != [
        ("Le guide", "décrit", "Le guide")
    ]


def test_a_form_of_a_verb_of_naming_the_lemmatiser_misreads_is_a_cue():
    assert speakers("La ministre Carole Vidal traite ce projet de « folie »") == ["Carole Vidal"]
    assert said("Le maire appelle les habitants à la prudence.") == []


def test_a_postposed_subject_after_the_medium_spoken_to():
    text = "« Le budget ne tient pas » déclare à l'AFP Jean-Paul Mukendi, le trésorier du club."
    assert said(text) == [("Jean-Paul Mukendi", "déclare", "Jean-Paul Mukendi")]
    assert said("« Nous réagissons », a répondu aux journalistes.") == []


def test_an_ambiguous_cue_reaches_its_quote_across_an_adverb():
    text = "Un cadre du ministère cité par la radio Fréquence Bléone a évoqué des retards autour de « trois sites »."
    assert speakers(text) == ["vague"]
    assert said("Ce paysage évoque la Toscane.") == []


def test_se_presenter_comme_and_a_quote_is_a_cue_but_a_title_in_quotes_is_not():
    assert speakers("La candidate Lina Marchal se présente comme « la voix des campagnes ».") == ["Lina Marchal"]
    assert said("La chaîne présente « Les Experts » ce soir.") == []
    assert speakers("Le maire Paul Ravel a présenté son plan : « Nous allons tout rénover ».") == ["Paul Ravel"]


def test_a_subject_before_an_incise_may_follow_a_dateline_dash():
    text = (
        "12 mars 2021. - Le bilan annuel de l'Observatoire des budgets spatiaux, l'organisme indépendant de "
        "Genève, conclut que les dépenses ont doublé."
    )
    (found,) = claims.attributions(text)
    assert (found.speaker, found.how.split(";")[0]) == ("Observatoire des budgets spatiaux", "subject before an incise")


def test_a_subject_before_an_incise_and_an_adverbial_locution_speaks():
    text = "Le gouvernement régional, impuissant, a de son côté dénoncé « une catastrophe annoncée »."
    (found,) = claims.attributions(text)
    assert (found.speaker, found.how) == ("Le gouvernement régional", "subject before an incise")
    assert said("Les habitants, inquiets, attendent des réponses.") == []


def test_faire_part_de_is_a_cue_and_par_names_who_spoke_for_the_body():
    assert speakers("Le syndicat Force Ouvrière faisait part lundi soir de son inquiétude.") == ["Force Ouvrière"]
    through = "À la reprise, les élus du groupe ont fait part de leur colère par Lina Marchal, sa présidente."
    assert said(through) == [("Lina Marchal", "fait", "Lina Marchal")]
    assert said("Le maire fait partie du conseil.") == []


# --- round 4: positions and demands, coordinated cues, subjects ------------------------------------------------


def test_a_demand_or_a_position_put_on_record_is_a_cue():
    (speaker, cue, _), *rest = said("Le syndicat Force Ouvrière réclame la réouverture de la ligne de Gannat.")
    assert "Force Ouvrière" in speaker and cue == "réclame" and rest == []
    assert said("Le maire de Carhaix, Hervé Le Duigou, exige des excuses publiques.")[0][:2] == (
        "Hervé Le Duigou",
        "exige",
    )
    assert speakers("La fédération des pêcheurs de l'Aude a condamné le rejet dans la rivière.") != []


def test_a_participle_of_demand_with_an_agent_names_the_thing():
    assert said("Le prêt demandé par Lisbonne pourrait atteindre dix milliards d'euros.") == []
    assert said("Les incendies, revendiqués par le groupe Aube Rouge, ont eu lieu en mai.") == []


def test_a_locution_of_saying_is_a_cue_and_the_verb_alone_is_not():
    assert [a[1] for a in said("Le club de Dunkerque a fait savoir que son entraîneur resterait.")] == ["fait"]
    assert speakers("Hélène Marchetti a fait état de menaces contre les élus.") == ["Hélène Marchetti"]
    assert speakers("Hélène Marchetti appelle cet après-midi à voter contre le projet.") == ["Hélène Marchetti"]
    assert said("Hélène Marchetti a fait ses courses au marché de Vannes.") == []
    assert said("Hélène Marchetti appelle sa sœur tous les dimanches.") == []


def test_two_coordinated_cues_with_one_subject_count_once():
    one = "Gaëlle Pinsard a dénoncé la fermeture du service et estimé que « rien n'a été négocié »."
    assert speakers(one) == ["Gaëlle Pinsard"]
    two = "Gaëlle Pinsard a dénoncé la fermeture ; Marc Olier a estimé que « rien n'a été négocié »."
    assert speakers(two) == ["Gaëlle Pinsard", "Marc Olier"]


def test_a_belief_is_a_cue_only_with_its_words_quoted():
    assert said("Edmond Quiniou pense que le conseil municipal a pris la bonne décision.") == []
    assert speakers("Edmond Quiniou pense qu'il s'agit de « propos isolés ».") == ["Edmond Quiniou"]


def test_the_subject_loses_its_opening_conjunction_and_its_adverbial_incise():
    text = "Mais la ministre, malgré cette fronde syndicale, avait clairement affirmé qu'elle ne reculera pas."
    (cue,) = _cues(as_doc(text), QuoteIndex(quotes(text)))
    assert cue.token.text == "affirmé" and cue.phrase is not None and cue.phrase.text == "la ministre"
    whole = "Le ministre Paul Ferrand, ancien maire de Brest, a affirmé que « rien ne changera »."
    assert speakers(whole) == ["Paul Ferrand"]  # a name's apposition stays with its name


def test_an_inserted_cue_after_a_clause_speaks_for_its_postposed_subject():
    text = (
        "Le Sénat a donc voté la réforme des retraites, qui devient ainsi le 12ème texte de la session "
        "parlementaire, a annoncé le président du Sénat Gérard Lachaume."
    )
    assert speakers(text) == ["Gérard Lachaume"]
    own = "Le ministre, lui, a annoncé la fermeture de la base."  # no clause before: the object is no subject
    assert "fermeture" not in " ".join(speakers(own))


def test_an_opening_participle_is_no_subject():
    text = "Joint par téléphone par notre rédaction, un habitant de Lannion a raconté que « l'eau monte encore »."
    assert said(text)[0][2] == "un habitant de Lannion"
    assert vague(text) == [] or "Joint" not in vague(text)[0]


def test_a_name_before_an_apposed_title_is_the_subject():
    text = (
        "La manifestation a réuni deux mille personnes à Gao. Ousmane Ag Bilal, député touareg, a précisé que "
        "les milices ne représentent pas les maliens."
    )
    assert said(text) == [("Ousmane Ag Bilal", "précisé", "Ousmane Ag Bilal")]  # the parser made "député" subject
    plain = "Le député, élu en mai, a précisé que les milices ne représentent rien."
    (cue,) = _cues(as_doc(plain), QuoteIndex(quotes(plain)))
    assert cue.subject is not None and cue.subject.text == "député"  # a subject before its own incise stays


def test_the_phrase_right_before_the_verb_speaks_after_an_opening_clause():
    text = (
        "La Belgique n'ayant pas ratifiée la convention de la CPI, l'ONG a demandée au Conseil de l'Europe "
        "d'adopter une résolution."
    )
    assert [(a.cue, a.mention) for a in claims.attributions(text)] == [("demandée", "l'ONG")]
    own = "Le ministre, à la sortie du conseil, a demandé une enquête."  # no phrase of its own before the verb
    assert said(own) == [("Le ministre", "demandé", "Le ministre")]


def test_the_simple_past_of_narration_is_a_cue_whatever_its_tag():
    text = "Le soir même, Margaux Delsol déplora un budget « sans ambition » et promit de revenir."
    assert [a.cue for a in claims.attributions(text)][:1] == ["déplora"]
    assert said("Le village de Pontcroix a été fondé au XIIe siècle.") == []
    two = "Néanmoins, Margaux Delsol leur répondit et nia leur version ; elle écrivit sur son blog : « Rien. »"
    cues = [(a.cue, a.mention) for a in claims.attributions(two)]
    assert cues == [("répondit", cues[0][1]), ("écrivit", "elle")]  # "répondit et nia": one subject, one entry


def test_a_noun_homograph_before_an_adverbial_locution_is_the_verb():
    text = "Un chimiste suédois de passage à Lyon chiffre pour sa part à « près de 3 millions d'euros » le coût."
    (cue,) = _cues(as_doc(text), QuoteIndex(quotes(text)))
    assert cue.token.text == "chiffre" and cue.phrase is not None and cue.phrase.text.startswith("Un chimiste")
    assert said("Le chiffre pour sa part reste secret.") == []  # a determiner before it: the noun
