"""Load the fuzz tests' Hypothesis profile: "bounded" unless one is named.

`pytest --hypothesis-profile=long` (what `make fuzz` runs) names the long one.
"""

from __future__ import annotations

import pytest
from hypothesis import settings

from tests.fuzz.profiles import BOUNDED


def pytest_configure(config: pytest.Config) -> None:
    settings.load_profile(config.getoption("hypothesis_profile") or BOUNDED)
