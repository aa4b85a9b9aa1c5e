"""The command loader: commands are imported when run, and their import errors surface."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from notices.cli import COMMANDS, cli


def test_every_command_has_help():
    runner = CliRunner()
    for name in COMMANDS:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.output


def test_a_command_that_cannot_be_imported_shows_the_real_error(monkeypatch):
    monkeypatch.setitem(COMMANDS, "broken", "notices.cli.no_such_module:cmd")
    result = CliRunner().invoke(cli, ["broken"])
    assert result.exit_code != 0
    assert isinstance(result.exception, ModuleNotFoundError)
    assert "no_such_module" in str(result.exception)
