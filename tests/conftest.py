"""Session-wide fixtures: each Linter is compiled once for the whole run."""

from __future__ import annotations

import pytest

from support import CASES_GLOSSARY, SHIPPED_GLOSSARY, UI_GLOSSARY, make_linter
from termcheck.engine import Linter


@pytest.fixture(scope="session")
def shipped_linter() -> Linter:
    """The glossary termcheck ships (glossaries/th-diplomatic-police.yaml)."""
    return make_linter(SHIPPED_GLOSSARY)


@pytest.fixture(scope="session")
def cases_linter() -> Linter:
    """The glossary of the approved terms of thai-cases.tsv."""
    return make_linter(CASES_GLOSSARY)


@pytest.fixture(scope="session")
def shipped_ui_linter() -> Linter:
    """The shipped glossary plus a few software-UI terms (ไฟล์, การตั้งค่า)."""
    return make_linter(SHIPPED_GLOSSARY, UI_GLOSSARY)
