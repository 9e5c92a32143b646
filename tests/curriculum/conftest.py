import shutil
from pathlib import Path

import pytest

REPO_CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the repository's content/ that a test may edit."""
    target = tmp_path / "content"
    shutil.copytree(REPO_CONTENT, target)
    return target


@pytest.fixture
def loaded(db):
    """The real content/ loaded into the test database."""
    from binhdan.curriculum.loader import curriculum_load

    report = curriculum_load(content_dir=REPO_CONTENT)
    assert not report.errors, report.errors
    return report
