"""Score the crisis detector on the blind sets in tests/moderation/blind/ (docs/safety.md).

    python scripts/crisis_blind.py                 # every set, with the detector in this tree
    python scripts/crisis_blind.py --at REV        # as of commit REV: its sets and its detector
    python scripts/crisis_blind.py --json          # machine-readable, for tests

Each set is JSON lines: {"text", "crisis", "category", "keywordless", "kind"}. A set is
scored with the same function the room uses on every post (`detect_crisis`). Recall is over
the messages labelled crisis; precision over what the detector flagged; "relapse_risk"
messages are not crises, so flagging one as a crisis counts against precision.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = Path("tests/moderation/blind")


def load_sets(root: Path) -> dict[str, list[dict]]:
    return {
        path.stem: [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        for path in sorted((root / SETS).glob("*.jsonl"))
    }


def ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def score_relapse(rows: list[dict], detect) -> dict:
    """Relapse risk (a category below crisis): recall over the "relapse_risk" messages, and
    how many ordinary messages (neither crisis nor relapse risk) it flagged."""
    risky = [row for row in rows if row["category"] == "relapse_risk"]
    ordinary = [row for row in rows if not row["crisis"] and row["category"] != "relapse_risk"]
    found = sum(detect(row["text"]) is not None for row in risky)
    return {
        "relapse_messages": len(risky),
        "relapse_found": found,
        "relapse_recall": ratio(found, len(risky)),
        "ordinary_flagged": sum(detect(row["text"]) is not None for row in ordinary),
        "ordinary": len(ordinary),
    }


def score(rows: list[dict], detect) -> dict:
    flagged = [detect(row["text"]) is not None for row in rows]
    crises = [row["crisis"] for row in rows]
    true_positives = sum(f and c for f, c in zip(flagged, crises, strict=True))
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    keywordless = [0, 0]
    for row, hit in zip(rows, flagged, strict=True):
        if row["crisis"]:
            by_category[row["category"]][0] += hit
            by_category[row["category"]][1] += 1
            if row.get("keywordless"):
                keywordless[0] += hit
                keywordless[1] += 1
    false_alarms = [
        row["text"] for row, hit in zip(rows, flagged, strict=True) if hit and not row["crisis"]
    ]
    return {
        "messages": len(rows),
        "crises": sum(crises),
        "found": true_positives,
        "recall": ratio(true_positives, sum(crises)),
        "precision": ratio(true_positives, sum(flagged)),
        "keywordless_recall": ratio(*keywordless),
        "keywordless_crises": keywordless[1],
        "false_alarms": len(false_alarms),
        "by_category": {
            name: {"found": found, "of": total, "recall": ratio(found, total)}
            for name, (found, total) in sorted(by_category.items())
        },
    }


def score_tree(root: Path) -> dict[str, dict]:
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groupspace.settings")
    import django

    django.setup()
    from groupspace.moderation.crisis import detect_crisis

    scores = {name: score(rows, detect_crisis) for name, rows in load_sets(root).items()}
    try:
        from groupspace.moderation.relapse import detect_relapse_risk
    except ImportError:  # a commit from before relapse risk was detected
        return scores
    for name, rows in load_sets(root).items():
        scores[name].update(score_relapse(rows, detect_relapse_risk))
    return scores


def score_at(revision: str) -> dict[str, dict]:
    """Score as of `revision`: its sets and its detector, from `git archive` into a temp dir."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        result = subprocess.run(
            [sys.executable, str(Path(tmp) / "scripts" / "crisis_blind.py"), "--json"],
            cwd=tmp,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": tmp},
        )
        return json.loads(result.stdout)


def markdown(scores: dict[str, dict]) -> str:
    lines = [
        "| set | messages | crises | found | recall | precision | recall without keywords |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {s['messages']} | {s['crises']} | {s['found']} | {s['recall']} | "
            f"{s['precision']} | {s['keywordless_recall']} ({s['keywordless_crises']}) |"
        )
    for name, s in scores.items():
        if "relapse_recall" in s:
            lines += [
                "",
                f"{name}, relapse risk: {s['relapse_found']}/{s['relapse_messages']} found "
                f"(recall {s['relapse_recall']}); ordinary messages flagged: "
                f"{s['ordinary_flagged']}/{s['ordinary']}",
            ]
    for name, s in scores.items():
        lines += ["", f"{name}, by category (found / crises):", ""]
        lines.append(
            ", ".join(
                f"{category} {c['found']}/{c['of']}" for category, c in s["by_category"].items()
            )
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--at", help="score as of this commit")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    scores = score_at(args.at) if args.at else score_tree(ROOT)
    print(json.dumps(scores, indent=1) if args.json else markdown(scores))


if __name__ == "__main__":
    main()
