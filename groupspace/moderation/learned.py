"""The crisis detector's learned second opinion: a linear model over character and word
n-grams (TF-IDF and logistic regression), trained by `make crisis-model` on the project's
labelled phrases and scored here in plain Python from `crisis_model.json`: nothing to
download, no numerical library at run time.

It exists because rules only know the phrasings their authors wrote down; a model of the same
phrases generalises further (docs/safety.md has the blind figures). The scoring below repeats
scikit-learn's TfidfVectorizer (char_wb and word analyzers, accents stripped, l2 norm) and
LogisticRegression exactly; tests/moderation/test_learned.py checks it against scikit-learn.
"""

import json
import math
import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("crisis_model.json")
# Fewer different words than this is too little for the model to judge ("me", "ok lol"): a
# short message's few n-grams can all lean one way. The rules still read every message.
MIN_DISTINCT_WORDS = 4
# A message the model scores at least this (and below its threshold) is read with the
# writer's recent messages (moderation/safety.py): "it's all set" after "I can't do this".
BORDERLINE_FROM = 0.55
_WORD = re.compile(r"(?u)\b\w\w+\b")


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_REPEATS = re.compile(r"(\w)\1{2,}")


def prepare(text: str) -> str:
    """What the model reads, in training and in use: straight quotes, letters repeated three
    or more times squeezed to two ("dieeee" -> "diee")."""
    return _REPEATS.sub(r"\1\1", text.translate(_QUOTES))


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def char_ngrams(text: str, low: int, high: int) -> list[str]:
    """scikit-learn's char_wb analyzer: n-grams inside each word padded with a space."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:  # the whole padded word, once, and no longer n-grams
                grams.append(padded)
                break
            grams.extend([padded[i : i + n] for i in range(size - n + 1)])
    return grams


def word_ngrams(text: str, low: int, high: int) -> list[str]:
    tokens = _WORD.findall(text)
    grams = []
    for n in range(low, high + 1):
        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return grams


class NgramModel:
    def __init__(self, spec: dict):
        self.char_range = tuple(spec["char_range"])
        self.word_range = tuple(spec["word_range"])
        self.char = spec["char"]  # n-gram -> [idf, coefficient]
        self.word = spec["word"]
        self.intercept = spec["intercept"]
        self.threshold = spec["threshold"]

    def _part(self, grams: list[str], table: dict) -> float:
        """This feature family's share of the decision: its l2-normalised TF-IDF vector
        dotted with the coefficients."""
        counts = Counter(gram for gram in grams if gram in table)
        if not counts:
            return 0.0
        norm = math.sqrt(sum((count * table[g][0]) ** 2 for g, count in counts.items()))
        return sum(count * table[g][0] * table[g][1] for g, count in counts.items()) / norm

    def probability(self, text: str) -> float:
        clean = _strip_accents(prepare(text).lower())
        decision = (
            self.intercept
            + self._part(char_ngrams(clean, *self.char_range), self.char)
            + self._part(word_ngrams(clean, *self.word_range), self.word)
        )
        return 1 / (1 + math.exp(-decision))

    def judged(self, text: str) -> float | None:
        """The probability, or None for a message too short to judge."""
        return self.probability(text) if _enough_words(text) else None

    def flags(self, text: str) -> bool:
        probability = self.judged(text)
        return probability is not None and probability >= self.threshold

    def borderline(self, text: str) -> bool:
        """Not a crisis alone, but near enough to be worth reading with its context."""
        probability = self.judged(text)
        return probability is not None and BORDERLINE_FROM <= probability < self.threshold


def _enough_words(text: str) -> bool:
    return len(set(_WORD.findall(text.lower()))) >= MIN_DISTINCT_WORDS


@cache
def model() -> NgramModel:
    return NgramModel(json.loads(MODEL_PATH.read_text()))
