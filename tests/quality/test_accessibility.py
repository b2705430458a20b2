"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page, light or dark."""

from tests.quality.conftest import COLOR_SCHEMES, failure_list


def test_axe_finds_no_wcag_violations_in_light_or_dark(browser_audit):
    problems = []
    for path, audit in browser_audit.items():
        if audit.crash:
            problems.append(f"{path}: the audit stopped: {audit.crash}")
        for scheme in COLOR_SCHEMES:
            if scheme not in audit.axe_violations:
                problems.append(f"{path} [{scheme}]: axe did not run")
                continue
            problems += [f"{path} [{scheme}] {v}" for v in audit.axe_violations[scheme]]
    assert not problems, failure_list("axe-core WCAG A/AA violations", problems)
