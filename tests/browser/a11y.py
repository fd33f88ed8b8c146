"""axe-core in the page and the Nu HTML Checker over a batch of documents.

Both come from node_modules (package-lock.json pins them; `make test-tools` installs them).
"""

import json
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.2 level A and AA, as axe tags them (2.0, 2.1 and 2.2 success criteria).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# What a colour scheme can change: rerun in dark mode.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@cache
def _axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test-tools` (npm ci) first.")
    return AXE.read_text()


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """Run axe on the page as it is now; one line per violation and element.

    Injected with `evaluate` (the DevTools protocol), not a <script> tag: the app's Content
    Security Policy refuses inline scripts, and it stays on so the pages are checked as served.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_AA}
    violations = page.evaluate(
        """async (only) => {
            const options = { runOnly: only, resultTypes: ["violations"] };
            const result = await window.axe.run(document, options);
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "), summary: n.failureSummary,
                })),
            }));
        }""",
        only,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}: {node['summary']}"
        for v in violations
        for node in v["nodes"]
    ]


def vnu_errors(documents: dict[str, str]) -> dict[str, list[str]]:
    """Check every document with one run of the Nu HTML Checker (the JVM starts slowly).

    Returns the errors of each document by name (warnings are not failures).
    """
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make test-tools` (npm ci) first.")
    errors: dict[str, list[str]] = {name: [] for name in documents}
    with tempfile.TemporaryDirectory(prefix="groupspace-vnu-") as tmp:
        files = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(tmp) / f"{index:03d}.html"
            path.write_text(html)
            files[path.name] = name
        result = subprocess.run(
            [
                "java",
                "-jar",
                str(VNU),
                "--errors-only",
                "--format",
                "json",
                *(str(Path(tmp) / filename) for filename in sorted(files)),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not answer in JSON ({result.returncode}):\n{result.stderr}")
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue  # "info" messages are not failures
        url = message.get("url", "?")
        name = files.get(url.rsplit("/", 1)[-1], url)
        where = f"line {message.get('lastLine', '?')}"
        extract = message.get("extract", "").strip().replace("\n", " ")
        errors.setdefault(name, []).append(f"{where}: {message['message']} [{extract}]")
    return {name: found for name, found in errors.items() if found}
