"""docs/safety.md's first-measured blind figures are what the committed sets gave at their
commit, with the detector of that commit (scripts/crisis_blind.py --at): the history of the
detector's generalisation cannot be rewritten by later tuning."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(
    r"^\| (?P<round>\d+) \| (?P<set>\S+) \| \S+ \| (?P<commit>[0-9a-f]{7,40}) \| (?P<messages>\d+) "
    r"\| (?P<crises>\d+) \| (?P<recall>[\d.]+) \| (?P<precision>[\d.]+) \| "
    r"(?P<keywordless>[\d.]+) ",
    re.M,
)


def documented_rows() -> list[dict]:
    return [m.groupdict() for m in ROW.finditer((ROOT / "docs" / "safety.md").read_text())]


def test_every_blind_set_has_its_first_figure_in_the_docs():
    sets = {path.stem for path in (ROOT / "tests/moderation/blind").glob("*.jsonl")}
    assert sets and {row["set"] for row in documented_rows()} == sets


@pytest.mark.parametrize("commit", sorted({row["commit"] for row in documented_rows()}))
def test_first_measured_figures_match_the_sets_at_their_commit(commit):
    if subprocess.run(["git", "cat-file", "-e", commit], cwd=ROOT, check=False).returncode:
        pytest.fail(f"commit {commit} is not in this clone's history")
    result = subprocess.run(
        [sys.executable, "scripts/crisis_blind.py", "--at", commit, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    scores = json.loads(result.stdout)
    for row in documented_rows():
        if row["commit"] != commit:
            continue
        got = scores[row["set"]]
        assert (got["messages"], got["crises"]) == (int(row["messages"]), int(row["crises"]))
        assert got["recall"] == float(row["recall"]), row["set"]
        assert got["precision"] == float(row["precision"]), row["set"]
        assert got["keywordless_recall"] == float(row["keywordless"]), row["set"]
