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


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled-glossary cache of the tests' runs: one folder for the session, never the
    user's own (termcheck.cache)."""
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
