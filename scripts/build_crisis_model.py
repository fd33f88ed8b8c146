"""`make crisis-model`: train the crisis detector's learned second opinion and write
groupspace/moderation/crisis_model.json (groupspace/moderation/learned.py scores it).

Deterministic: the same labelled phrases give the same file, byte for byte. The phrases: the
rules' labelled sets in tests/moderation/ (English and Spanish, with their decisions and
regressions) and every blind set once its first figure is published (docs/safety.md); a blind
set's "relapse_risk" messages are not crises. Needs scikit-learn (requirements-dev.txt).
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHAR_RANGE = (2, 5)
WORD_RANGE = (1, 2)
MIN_DF = 2
C = 10.0
THRESHOLD = 0.7  # chosen by 5-fold cross-validation on the training phrases (docs/safety.md)
OUT = ROOT / "groupspace" / "moderation" / "crisis_model.json"


def published_sets() -> set[str]:
    """The blind sets whose first-measured figure docs/safety.md publishes."""
    text = (ROOT / "docs" / "safety.md").read_text()
    return set(re.findall(r"^\| \d+ \| (\S+) \| \S+ \| [0-9a-f]{7,40} \|", text, re.M))


def labelled_phrases() -> list[tuple[str, bool]]:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groupspace.settings")
    import django

    django.setup()
    from tests.moderation import test_crisis_detector as english
    from tests.moderation import test_crisis_detector_es as spanish

    rows: list[tuple[str, bool]] = []
    rows += [(text, True) for text, _ in english.CRISIS] + [(text, False) for text in english.SAFE]
    rows += [(text, True) for text, _ in spanish.ALL_CRISIS]
    rows += [(text, False) for text in spanish.ALL_SAFE]
    for module in (english, spanish):
        for name in ("REQUIRED", "DECISIONS", "REGRESSIONS"):
            rows += [(text, label is not None) for text, label in getattr(module, name, [])]
    for path in sorted((ROOT / "tests/moderation/blind").glob("*.jsonl")):
        if path.stem not in published_sets():
            continue  # measured first, on first sight; it joins the training after
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row["text"], bool(row["crisis"])))
    seen, unique = set(), []
    for text, label in rows:  # first label wins for a phrase listed twice
        if text not in seen:
            seen.add(text)
            unique.append((text, label))
    return unique


def untrained():
    """(features, classifier): the model as scikit-learn builds it, not yet fitted."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion

    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=CHAR_RANGE, min_df=MIN_DF, strip_accents="unicode"
    )
    word = TfidfVectorizer(
        analyzer="word", ngram_range=WORD_RANGE, min_df=MIN_DF, strip_accents="unicode"
    )
    classifier = LogisticRegression(
        C=C, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=0
    )
    return FeatureUnion([("char", char), ("word", word)]), classifier


def build() -> dict:
    from groupspace.moderation.learned import prepare

    rows = labelled_phrases()
    texts = [prepare(text) for text, _ in rows]
    labels = [int(label) for _, label in rows]
    features, classifier = untrained()
    matrix = features.fit_transform(texts)
    classifier.fit(matrix, labels)
    char, word = (vectorizer for _, vectorizer in features.transformer_list)
    coefficients = classifier.coef_[0]
    tables, offset = {}, 0
    for name, vectorizer in (("char", char), ("word", word)):
        vocabulary = vectorizer.vocabulary_
        tables[name] = {
            gram: [
                round(float(vectorizer.idf_[index]), 6),
                round(float(coefficients[offset + index]), 6),
            ]
            for gram, index in sorted(vocabulary.items())
        }
        offset += len(vocabulary)
    return {
        "about": "groupspace/moderation/learned.py; rebuild with `make crisis-model`",
        "phrases": len(rows),
        "crises": sum(labels),
        "char_range": list(CHAR_RANGE),
        "word_range": list(WORD_RANGE),
        "threshold": THRESHOLD,
        "intercept": round(float(classifier.intercept_[0]), 6),
        "char": tables["char"],
        "word": tables["word"],
    }


def main() -> None:
    spec = build()
    OUT.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
    print(
        f"{OUT.relative_to(ROOT)}: {spec['phrases']} phrases, {spec['crises']} crises, "
        f"{len(spec['char'])} + {len(spec['word'])} features, {OUT.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
