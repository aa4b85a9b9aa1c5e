"""The ``notices`` command: argument parsing only; every command calls the Python API.

Subcommands live in their own modules and are imported only when run, so ``notices --help``
is fast. A :class:`~notices.errors.NoticesError` becomes ``Error: ...`` and exit code 1.
"""
from __future__ import annotations

import importlib

import click

from ..errors import NoticesError

# name -> "module:attribute"; each module owns one family of commands.
COMMANDS: dict[str, str] = {
    "extract": "notices.cli.extract:extract_cmd",
    "eval": "notices.cli.extract:eval_cmd",
    "demo": "notices.cli.demo:demo_cmd",
    "render": "notices.cli.letters:render_cmd",
    "letters": "notices.cli.letters:letters_cmd",
    "templates": "notices.cli.letters:templates_cmd",
    "batch": "notices.cli.batch:batch_cmd",
    "query": "notices.cli.batch:query_cmd",
    "stats": "notices.cli.batch:stats_cmd",
    "events": "notices.cli.batch:events_cmd",
    "search": "notices.cli.batch:search_cmd",
    "tables": "notices.cli.batch:tables_cmd",
    "schema": "notices.cli.batch:schema_cmd",
    "export": "notices.cli.batch:export_cmd",
    "export-gold": "notices.cli.batch:export_gold_cmd",
    "browse": "notices.cli.browse:browse_cmd",
    "serve": "notices.cli.serve:serve_cmd",
    "text": "notices.cli.text:text_cmd",
}

SHORT_HELP: dict[str, str] = {
    "extract": "Extract records from notices (JSON Lines or a table).",
    "eval": "Score the extractor against a gold-annotated corpus.",
    "demo": "Extract the shipped corpus and write its letters.",
    "render": "Render a letter template from JSON, YAML or CSV data.",
    "letters": "Write one letter per subject city of each record.",
    "templates": "List letter templates and check data against them.",
    "batch": "Convert files, folders and archives into a store.",
    "query": "Run SQL against a batch store.",
    "stats": "Summarise a batch store.",
    "events": "List a store's events and the files of each.",
    "search": "Full-text search of a store's notices.",
    "tables": "List a store's tables.",
    "schema": "Show the columns of a store's tables.",
    "export": "Write a store's tables as CSV or Parquet files.",
    "export-gold": "Write clerks' corrected notices as gold files.",
    "browse": "Open a store in Datasette (pip install 'notices[browse]').",
    "serve": "Start the clerks' web page on localhost.",
    "text": "Print the text read from a file, with its reader's warnings.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        # an ImportError here is a real error in that module: let it surface as it is
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except NoticesError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="notices")
def cli() -> None:
    """Mine and write Chinese environmental-enforcement notices.

    Extract cities, officials, figures, deadlines, companies and sanctions from notices
    (Chinese or English) into records, and render interview notices and rectification orders
    from them as Word files.
    """


def main() -> None:
    cli(prog_name="notices")
