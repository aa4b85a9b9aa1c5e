"""Letters: interview notices and rectification orders as Word files, one or a thousand.

    from notices.letters import render_letters, render, list_templates, check_template

    results = render_letters(records, template="interview-notice", out_dir="letters")
    results = render("rectification-order", [{"city": "晋城市", ...}], "out/")
    missing, unused = check_template("interview-notice", {"city": "晋城市"})
    reviews = review_letters(records, "interview-notice")   # what the clerk must check

What a letter says comes from :mod:`~notices.letters.context` (each city's own facts by code),
worded by :mod:`~notices.letters.wording` in the letter's language with the tables of
:mod:`~notices.letters.lexicon`; the issuer's defaults from :mod:`~notices.letters.config`;
rows a clerk writes through :mod:`~notices.letters.variables`; the bounds on a template's cost
in :mod:`~notices.letters.limits`; SC faces for PDF in :mod:`~notices.letters.fonts`.

A template is a shipped name (``templates/NAME.docx``) or a path to any ``.docx`` with
docxtpl-style Jinja tags. It is compiled once (see :mod:`notices.letters.compiler`) and each
letter renders only its tagged parts. Failures of single letters are reported in their
:class:`LetterResult` and the rest are still written.
"""
from __future__ import annotations

from .config import LetterConfig, load_config
from .context import letter_contexts, plan_letters
from .review import LetterReview, review_letters
from .variables import VARIABLES
from .write import (LetterResult, TemplateInfo, check_template, list_templates, load_template, render,
                    render_letters, template_path)

__all__ = [
    "LetterReview", "review_letters",
    "LetterResult", "TemplateInfo", "render", "render_letters", "list_templates",
    "check_template", "load_template", "template_path", "letter_contexts", "plan_letters",
    "VARIABLES", "LetterConfig", "load_config",
]
