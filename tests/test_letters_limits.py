"""A user's template cannot take unbounded time or memory: each costly expression is refused
as a template error, quickly, and the other letters are still written."""
from __future__ import annotations

import time

import docx
import pytest

from notices.letters import render
from notices.letters.compiler import compile_template


def _template(path, text: str):
    document = docx.Document()
    document.add_paragraph(text)
    document.save(path)
    return path


@pytest.mark.parametrize(("expression", "message"), [
    ("{{ 'a' * 10**9 }}", "over the template limits"),
    ("{{ 10**9 * 'a' }}", "over the template limits"),
    ("{{ 'x'|center(10**9) }}", "over the template limits"),
    ("{{ 'x'.ljust(10**9) }}", "over the template limits"),
    ("{{ '%999999999s' % 'x' }}", "over the template limits"),
    ("{{ '{:>999999999}'.format('x') }}", "over the template limits"),
    ("{{ '{0:{1}}'.format('x', 10**9) }}", "over the template limits"),
    ("{{ 'x'|format }}{{ '%999999999d'|format(1) }}", "over the template limits"),
    ("{{ range(100000)|join('x' * 999999) }}", "over the template limits"),
    ("{{ 'ab'|replace('a', 'x' * 999999)|replace('x', 'yy') }}", "over the template limits"),
    ("{{ 2 ** (10 ** 8) }}", "over the template limits"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "recursion too deep"),
    ("{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('ab') }}", "over the template limits"),
], ids=["repeat", "repeat-left", "center", "ljust", "percent-width", "format-width", "nested-width",
        "format-filter", "join", "replace", "power", "recursive-macro", "doubling-macro"])
def test_a_costly_expression_is_a_template_error(tmp_path, expression, message):
    tpl = _template(tmp_path / "t.docx", expression)
    start = time.perf_counter()
    results = render(tpl, [{"city": "x"}, {"city": "y"}], tmp_path / "out")
    assert time.perf_counter() - start < 5
    assert all(not r.ok and message in r.error for r in results), [r.error for r in results]


def test_a_render_that_runs_too_long_is_stopped(tmp_path):
    tpl = compile_template(_template(tmp_path / "t.docx",
                                     "{% for a in range(100000) %}{% for b in range(100000) %}"
                                     "{% endfor %}{% endfor %}done"))
    tpl.time_limit = 0.5
    start = time.perf_counter()
    (result,) = render(tpl, [{}], tmp_path / "out")
    assert time.perf_counter() - start < 3
    assert not result.ok and "longer than 0.5 s" in result.error


def test_ordinary_expressions_are_unaffected(tmp_path):
    tpl = _template(tmp_path / "t.docx",
                    "{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ '%05d'|format(42) }} {{ '{}-{}'.format(1, 2) }} "
                    "{{ items|join('、') }} {{ 'x'|center(5) }}|{{ name|replace('市', '') }}")
    (result,) = render(tpl, [{"items": ["甲", "乙"], "name": "晋城市"}], tmp_path / "o.docx")
    assert result.ok, result.error
    text = docx.Document(result.path).paragraphs[0].text
    assert text == "ababab 1024 00042 1-2 甲、乙   x  |晋城"
