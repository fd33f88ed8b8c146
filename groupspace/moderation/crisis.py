"""PLACEHOLDER while the detector is being written: replaced by the real module."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CrisisMatch:
    category: str
    rule: str


def detect_crisis(text: str) -> CrisisMatch | None:
    return None
