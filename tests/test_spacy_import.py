"""notices imports spaCy without its command-line package; spaCy's own API stays whole."""
from __future__ import annotations

import subprocess
import sys

import notices


def _fresh(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_extraction_does_not_load_spacys_command_line_package():
    out = _fresh("import sys, notices; notices.extract('生态环境部约谈晋城市政府。'); "
                 "print('spacy.cli' in sys.modules, 'typer' in sys.modules)")
    assert out == "False False"


def test_spacy_cli_and_info_still_work_after_notices_imported_spacy():
    out = _fresh("import notices; notices.load('zh'); import spacy; "
                 "print(callable(spacy.cli.download), spacy.info()['spacy_version'] == spacy.__version__)")
    assert out == "True True"


def test_load_is_one_pipeline_however_it_is_called():
    assert notices.load("zh") is notices.load("zh", "char")
