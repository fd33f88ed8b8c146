"""Imminent relapse risk (groupspace/moderation/relapse.py): the concepts it joins, in both
languages, and the guards that keep ordinary talk out. Its first-sight figures are on the
blind sets (docs/safety.md); these are the documented decisions."""

import pytest

from groupspace.moderation.relapse import detect_relapse_risk

RISK = [
    ("about to use. im sorry guys", "en:intent_to_use"),
    ("have a pint in my purse, gonna drink it after work", "en:intent_to_use"),
    ("I'm in the liquor store parking lot. just sitting here.", "en:at_the_place"),
    ("my old dealer just texted me", "en:dealer_contact"),
    ("bought a 12 pack, telling myself it's for guests", "en:substance_at_hand"),
    ("im outside the dispensary", "en:at_the_place"),
    ("ya voy a usar, perdón muchachos", "es:intent_to_use"),
    ("estoy en el estacionamiento de la licorería", "es:at_the_place"),
    ("ya compré un six, está en el refri", "es:substance_at_hand"),
    ("ya le mandé mensaje al que me vendía", "es:dealer_contact"),
]

ORDINARY = [
    "I am not going to drink tonight",  # negated
    "I used to be at the bar every night",  # past
    "we waited in line at the bar last year",  # past, after the hit
    "my brother is about to drink again",  # someone else
    "I will drink water",  # what follows is not a substance
    "I will use my coping skills",
    "voy a tomar agua",
    "tengo dos hijos",
    "I have two kids",
    "I have a line of code to fix",
    "my boss offered me a raise",
    "hace años estaba en la cantina diario",
]


@pytest.mark.parametrize("text,rule", RISK)
def test_imminent_risk_is_found_by_the_right_concept(text, rule):
    assert detect_relapse_risk(text) == rule


@pytest.mark.parametrize("text", ORDINARY)
def test_guards_and_ordinary_talk_raise_nothing(text):
    assert detect_relapse_risk(text) is None


def test_empty_text_is_nothing():
    assert detect_relapse_risk("") is None
    assert detect_relapse_risk("   ") is None
