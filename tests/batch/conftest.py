"""A small corpus for the batch tests: four written transcripts in nested folders, one broken file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, FIXTURES

# (source, where it goes in the corpus); the corpus sorts as listed here
CORPUS_FILES = (
    (EXAMPLES / "hughes_session.txt", "a/hughes_session.txt"),
    (EXAMPLES / "nwosu_session1.json", "a/nested/nwosu_session1.json"),
    (FIXTURES / "plain_labels.txt", "b/plain_labels.txt"),
    (FIXTURES / "zoom_split_cues.vtt", "b/zoom_split_cues.vtt"),
)
BROKEN = "b/broken.vtt"  # empty: "is empty"


@pytest.fixture
def corpus_with_broken_file(tmp_path: Path) -> Path:
    """Return a folder of four good transcripts, one empty .vtt, a README and a hidden folder."""
    root = tmp_path / "corpus"
    for source, target in CORPUS_FILES:
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / target)
    (root / BROKEN).write_text("", encoding="utf-8")
    (root / "README.md").write_text("not a transcript\n", encoding="utf-8")
    (root / ".cache").mkdir()
    shutil.copyfile(FIXTURES / "plain_labels.txt", root / ".cache" / "hidden.txt")
    return root
