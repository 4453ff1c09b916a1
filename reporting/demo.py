"""Kragan's LKjIP 2024 performance data, from the transcribed seed in reporting/data/."""

from __future__ import annotations

from pathlib import Path

from .services import seed_load

DATA = Path(__file__).resolve().parent / "data"


def load() -> dict:
    return seed_load(
        pd_slug="kragan",
        inputs_path=DATA / "kragan-2024-inputs.yaml",
        printed_path=DATA / "kragan-2024-printed.yaml",
    )
