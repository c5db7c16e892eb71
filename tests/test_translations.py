"""English is available for every string, and the committed catalogue is compiled from it."""

import shutil
import subprocess
from pathlib import Path

import pytest

PO = Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po"

pytestmark = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="needs gettext")


def test_no_untranslated_or_fuzzy_english_string():
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(PO)], capture_output=True, text=True, check=True
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(PO)], capture_output=True, text=True, check=True
    ).stdout
    assert untranslated.count("msgid") == 0, untranslated[:2000]
    assert fuzzy.count("msgid") == 0, fuzzy[:2000]


def test_catalogue_checks_cleanly():
    subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(PO)], check=True)
