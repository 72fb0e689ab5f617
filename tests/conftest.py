"""Shared fixtures: one Pipeline per test session (its data loads once, on first use)."""

from __future__ import annotations

import pytest

import vnassoc_nlp
from vnassoc_nlp.normalize import Normalizer


@pytest.fixture(scope="session")
def nlp() -> vnassoc_nlp.Pipeline:
    return vnassoc_nlp.load()


@pytest.fixture(scope="session")
def normalizer(nlp: vnassoc_nlp.Pipeline) -> Normalizer:
    return nlp.normalizer
