"""The standards' own files, for the tests that check the open data against them when an operator
has downloaded them (README, "Open data"): OPENHROMADA_OFFICIAL_SCHEMAS names a folder holding
`dcat-ap-SHACL.ttl` (DCAT-AP 3.0.1's SHACL shapes) and `popolo/*.json` (the Popolo
specification's JSON schemas). The platform's own shapes and schema stand alone; these tests add
the check against the published originals, and that ours leave out none of their constraints."""

import os
from pathlib import Path

import pytest

VARIABLE = "OPENHROMADA_OFFICIAL_SCHEMAS"


def official_file(relative: str) -> Path:
    """The downloaded file; the test is skipped when the variable is unset, and fails when it
    names a folder without the file (a check the operator asked for must not pass unseen)."""
    folder = os.environ.get(VARIABLE, "").strip()
    if not folder:
        pytest.skip(f"{VARIABLE} is not set: no check against the standard's own {relative}")
    path = Path(folder) / relative
    if not path.exists():
        pytest.fail(f"{VARIABLE}={folder} has no {relative}")
    return path
