"""The licence file holds the full text of the GNU AGPL v3 that pyproject.toml names, and the
notice says "or any later version"."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_licence_file_is_the_full_agpl_3_text():
    text = (ROOT / "LICENSE").read_text()
    lines = text.splitlines()
    assert lines[0].strip() == "GNU AFFERO GENERAL PUBLIC LICENSE"
    assert lines[1].strip() == "Version 3, 19 November 2007"
    for heading in (
        "TERMS AND CONDITIONS",
        "13. Remote Network Interaction; Use with the GNU General Public License.",
        "15. Disclaimer of Warranty.",
        "END OF TERMS AND CONDITIONS",
        "How to Apply These Terms to Your New Programs",
    ):
        assert heading in text, heading
    assert len(lines) >= 600


def test_pyproject_names_the_licence_and_the_notice_keeps_or_later():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "AGPL-3.0-or-later"
    assert "LICENSE" in project["license-files"]
    assert "(at your option) any later version" in (ROOT / "NOTICE").read_text()
