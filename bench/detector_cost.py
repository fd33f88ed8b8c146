"""The crisis detector's cost per message, beside the rules alone in the same run (issue 18
asks under 1 ms at p99 for a 1,000-character post). Not part of `make bench`'s room runs:

    .venv/bin/python -m bench.detector_cost

Ordinary text (no crisis words), so every stage runs: the rules in both languages, then the
learned model; 2,000 messages of each length, timed one by one.
"""

import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groupspace.settings")

WORDS = (
    "the group was good tonight and I talked with my sponsor about work family sleep walking"
    " dinner meeting coffee kids weekend plans grateful tired busy school laundry bus"
).split()


def messages(length: int, count: int, rng: random.Random) -> list[str]:
    out = []
    for _ in range(count):
        text = ""
        while len(text) < length:
            text += rng.choice(WORDS) + " "
        out.append(text[:length])
    return out


def timed(function, texts: list[str]) -> tuple[float, float]:
    samples = []
    for text in texts:
        started = time.perf_counter()
        function(text)
        samples.append(time.perf_counter() - started)
    samples.sort()
    return statistics.median(samples) * 1e3, samples[int(len(samples) * 0.99)] * 1e3


def main() -> None:
    import django

    django.setup()
    from groupspace.moderation.crisis import _detect_english, detect_crisis
    from groupspace.moderation.crisis_es import detect_spanish
    from groupspace.moderation.learned import model

    def rules_alone(text: str) -> None:
        _detect_english(text)
        detect_spanish(text)

    model()  # loaded once per process, before timing
    rng = random.Random(18)  # noqa: S311 (test text, not a secret)
    print(f"load average {os.getloadavg()[0]:.2f}")
    for length in (100, 1000):
        texts = messages(length, 2000, rng)
        rules = timed(rules_alone, texts)
        full = timed(detect_crisis, texts)
        print(
            f"{length:>5} characters: rules alone p50 {rules[0]:.3f} ms p99 {rules[1]:.3f} ms;"
            f" detector p50 {full[0]:.3f} ms p99 {full[1]:.3f} ms;"
            f" ratio p50 {full[0] / rules[0]:.2f}x"
        )


if __name__ == "__main__":
    main()
