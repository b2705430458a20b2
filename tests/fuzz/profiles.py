"""The fuzz tests' two Hypothesis profiles: a bounded run in `make test`, a long one.

`make test` loads "bounded" (266 examples in all, about half a minute on a quiet
machine); `make fuzz` loads "long" (`pytest --hypothesis-profile=long`, 3,990).
A profile sets the number of examples of the cheapest test, the Markdown step
(about 50 ms an example); each other test takes a share of it with ``examples``:
a reload of the browser page costs about five times as much, a whole build
twenty times.
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, settings

BOUNDED = "bounded"
LONG = "long"

# No deadline: on a shared machine even a tiny example can take seconds, and a
# slow example is not a wrong one (the statistics, --hypothesis-show-statistics,
# show the typical times).
# print_blob: a failure prints the line that replays it exactly. No "explain"
# phase: it runs a failing build a hundred times more to say which part matters.
settings.register_profile(
    BOUNDED,
    max_examples=200,
    deadline=None,
    print_blob=True,
    phases=[phase for phase in Phase if phase != Phase.explain],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(LONG, settings.get_profile(BOUNDED), max_examples=3000)


def examples(share: float) -> int:
    """Return ``share`` of the loaded profile's examples, at least 1."""
    return max(1, round(settings.default.max_examples * share))
