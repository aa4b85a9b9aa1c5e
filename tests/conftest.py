from __future__ import annotations

import pytest

import notices


@pytest.fixture(scope="session")
def extract():
    """The public extraction API (the pipelines are built once per session)."""
    return notices.extract
