"""The learned second opinion (groupspace/moderation/learned.py): its plain-Python scoring is
scikit-learn's model, the committed file is what `make crisis-model` builds from the labelled
phrases, and it decides only where no rule matched."""

import json
import sys
from pathlib import Path

import pytest

from groupspace.moderation import learned
from groupspace.moderation.crisis import detect_crisis

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import build_crisis_model  # noqa: E402 (scripts/ is not a package)


@pytest.fixture(scope="module")
def built() -> dict:
    return build_crisis_model.build()


def test_the_committed_model_is_what_make_crisis_model_builds(built):
    committed = json.loads(learned.MODEL_PATH.read_text())
    assert committed == json.loads(json.dumps(built)), "run `make crisis-model` and commit it"


def test_plain_python_scores_as_scikit_learn_does():
    from sklearn.pipeline import make_pipeline

    rows = build_crisis_model.labelled_phrases()
    texts = [learned.prepare(text) for text, _ in rows]
    pipeline = make_pipeline(*build_crisis_model.untrained())
    pipeline.fit(texts, [int(label) for _, label in rows])
    probes = [text for text, _ in rows[::7]] + [
        "Ñoño está aquí, ¿y tú? 😊",
        "I'm fine.   Really   fine",
        "a" * 300,
    ]
    expected = pipeline.predict_proba([learned.prepare(text) for text in probes])[:, 1]
    for text, probability in zip(probes, expected, strict=True):
        assert learned.model().probability(text) == pytest.approx(probability, abs=1e-4), text


@pytest.mark.parametrize(
    "text",
    [
        # From round 1's blind set, now tuning data: the wiring, not a measure of reach.
        "would be so much easier if a truck just hit me on the way home",
        "a veces le pido a Dios que ya me recoja",
    ],
)
def test_the_model_reaches_phrasings_no_rule_matches(text):
    match = detect_crisis(text)
    assert match is not None and match.rule == "learned_model", match


@pytest.mark.parametrize("text", ["", "   ", "me " * 50, "ok lol", "si si si"])
def test_too_little_text_is_never_judged_by_the_model(text):
    assert detect_crisis(text) is None


def test_a_guard_that_holds_is_not_overruled_by_the_model():
    # A rule matches and its negation guard holds: the model is not asked.
    assert detect_crisis("ni " * 50 + "quiero matarme") is None
    assert detect_crisis("I would never hurt myself, I promise you all") is None
