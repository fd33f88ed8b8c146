"""The detectors' one-pass prefilter (`_ANY_RULE`: every rule as an alternative) must match
exactly where some rule does, or a crisis would go unseen: checked on every labelled phrase
of both languages, and on the rules themselves (nothing that would make an alternation differ
from its parts)."""

import re

import pytest

from groupspace.moderation import crisis, crisis_es

from . import test_crisis_detector as english
from . import test_crisis_detector_es as spanish

PHRASES = [
    text
    for module in (english, spanish)
    for group in (
        "CRISIS",
        "SAFE",
        "HELD_OUT_CRISIS",
        "HELD_OUT_SAFE",
        "REQUIRED",
        "DECISIONS",
        "REGRESSIONS",
    )
    for item in getattr(module, group, [])
    for text in [item[0] if isinstance(item, tuple) else item]
]
DETECTORS = [
    pytest.param(crisis, [rule[2] for rule in crisis._COMPILED], id="english"),
    pytest.param(crisis_es, [rule[2] for rule in crisis_es._COMPILED], id="spanish"),
]


@pytest.mark.parametrize(("detector", "rules"), DETECTORS)
def test_the_prefilter_matches_wherever_a_rule_does(detector, rules):
    assert len(PHRASES) > 800
    hits = 0
    for text in PHRASES:
        for variant in detector._normalise(text):
            some_rule = any(rule.search(variant) for rule in rules)
            assert bool(detector._ANY_RULE.search(variant)) == some_rule, variant
            hits += some_rule
    assert hits > 100  # the corpus exercises both answers


@pytest.mark.parametrize(("detector", "rules"), DETECTORS)
def test_no_rule_has_what_an_alternation_would_change(detector, rules):
    for rule in rules:
        assert not rule.flags & ~re.UNICODE, rule.pattern
        assert not re.search(r"\\[1-9]|\(\?P[<=]|\(\?[aiLmsux]", rule.pattern), rule.pattern
        assert not rule.groupindex, rule.pattern
