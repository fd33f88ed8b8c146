"""Load clients run in a process of their own: the config goes in as a JSON file, the result
comes back as the last line of stdout (anything printed before it is progress)."""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable

from .servers import ROOT


def run_client(module: str, config: dict, timeout: float) -> dict:
    """Run `python -m module CONFIG.json` and return the JSON it printed last."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(config, handle)
    try:
        finished = subprocess.run(
            [sys.executable, "-m", module, handle.name],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            timeout=timeout,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    return json.loads(finished.stdout.strip().splitlines()[-1])


def client_main(run: Callable[[dict], Awaitable[dict]]) -> None:
    """A client module's `main`: read the config file named on the command line, print the
    result of `run(config)` as one JSON line."""
    with open(sys.argv[1]) as handle:
        config = json.load(handle)
    print(json.dumps(asyncio.run(run(config))), flush=True)
