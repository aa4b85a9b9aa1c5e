"""Compile a ``.docx`` template once, render many letters from it.

:func:`compile_template` reads the zip once, repairs the Jinja tags that Word split across runs
(docxtpl's own ``patch_xml``, so templates behave as they do under docxtpl), and compiles each part
that holds tags — the document, headers, footers, foot- and endnotes, the core properties — into a
Jinja template in a sandbox that XML-escapes every value and fails on undefined names. Every other
part is deflated once; :meth:`CompiledTemplate.render` renders only the tagged parts, and
:meth:`CompiledTemplate.write` copies the rest into the new zip unchanged.
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import TemplateError
from .package import Part, write_package

# Parts that may hold template tags (the ones docxtpl renders).
_TEMPLATED = re.compile(
    r"^(?:word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml)$"
)
_TAG = re.compile(r"\{[{%#]")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_ENCODING = re.compile(rb"^\s*<\?xml[^>]*\bencoding=[\"']([A-Za-z0-9._-]+)[\"']")
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

# Characters XML 1.0 forbids (and C1 controls, which Word rejects); \t, \n, \r are handled apart.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_OPTIONAL_FILTERS = {"default", "d"}
_OPTIONAL_TESTS = {"defined", "undefined"}

_warnings: ContextVar[list[str] | None] = ContextVar("notices_letter_warnings", default=None)


def _clean(value: str) -> str:
    """Drop characters that would corrupt the XML, noting each in the letter's warnings."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.findall(value)
    if bad:
        sink = _warnings.get()
        value = _SURROGATES.sub("\ufffd", value)  # a lone surrogate: a character lost, shown as �
        if sink is not None:
            codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in bad}))
            shown = value[:30].encode("utf-8", "replace").decode("utf-8")
            sink.append(f"dropped or replaced invalid character(s) {codes} in {shown!r}")
        value = _CONTROL.sub("", value)
    return value


def _finalize(value: Any) -> Any:
    """Applied to every ``{{ … }}`` before escaping: None prints as nothing, 10.0 as 10."""
    if value is None:
        return ""
    if isinstance(value, str):
        if "\r" in value or _CONTROL.search(value) is not None:
            cleaned = _clean(value)
            return type(value)(cleaned) if hasattr(value, "__html__") else cleaned
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@cache
def environment():  # noqa: ANN201 - jinja2 is imported lazily
    """The one sandboxed, XML-escaping, strict environment every template compiles in."""
    from jinja2 import StrictUndefined

    from .filters import FILTERS
    from .limits import bounded_filter, environment_class

    env = environment_class()(
        autoescape=True, undefined=StrictUndefined, finalize=_finalize, keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters = {name: bounded_filter(func) for name, func in env.filters.items()}
    env.globals.pop("lipsum", None)  # lipsum(10**9) is all cost and no letter
    return env


def _patch(xml: str) -> str:
    """docxtpl's repair of tags split across runs, and its ``{%p``/``{%tr``/``{{r`` forms."""
    from docxtpl import DocxTemplate

    return DocxTemplate.patch_xml(None, xml)  # it uses no instance state


def _resolve_listing(xml: str) -> str:
    """docxtpl's handling of newlines and tabs in values (line breaks, tab runs)."""
    from docxtpl import DocxTemplate

    return DocxTemplate.resolve_listing(None, xml)  # it uses no instance state


def _strip_xml(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


@dataclass(slots=True)
class _Templated:
    name: str
    template: Any  # jinja2.Template


@dataclass
class CompiledTemplate:
    """A letter template ready to render: static parts packed, tagged parts compiled."""

    name: str
    path: Path
    parts: list[Part | _Templated]
    variables: frozenset[str]
    optional: frozenset[str] = field(default_factory=frozenset)
    lang: str | None = None
    time_limit: float = 10.0  # seconds a letter may take to render

    @property
    def required(self) -> frozenset[str]:
        """Variables without a default in the template: a row must give each of them."""
        return self.variables - self.optional

    @property
    def templated_parts(self) -> list[str]:
        return [p.name for p in self.parts if isinstance(p, _Templated)]

    def static_bytes(self, name: str) -> bytes:
        """The uncompressed bytes of a part that is not rendered (rels, content types, styles)."""
        import zlib

        for part in self.parts:
            if isinstance(part, Part) and part.name == name:
                return zlib.decompress(part.data, -15)
        raise KeyError(name)

    def render(self, context: Mapping[str, Any]) -> tuple[dict[str, str], list[str]]:
        """Render every tagged part; returns ``{part name: xml}`` and the warnings raised.

        Raises :class:`TemplateError` naming the undefined variable or the failing expression.
        """
        from jinja2 import TemplateError as JinjaError
        from jinja2 import UndefinedError
        from jinja2.sandbox import SecurityError

        from .limits import LimitExceeded, RenderTimeout, rendered, time_limit

        warnings: list[str] = []
        token = _warnings.set(warnings)
        out: dict[str, str] = {}
        try:
            with time_limit(self.time_limit):
                for part in self.parts:
                    if isinstance(part, Part):
                        continue
                    try:
                        xml = rendered(part.template.generate(context), part.name)
                    except UndefinedError as exc:
                        raise TemplateError(f"undefined variable: {exc.message}", path=self.name) from None
                    except SecurityError as exc:
                        raise TemplateError(f"unsafe template operation: {exc}", path=self.name) from None
                    except LimitExceeded as exc:
                        raise TemplateError(f"{part.name}: over the template limits: {exc}",
                                            path=self.name) from None
                    except RecursionError:
                        raise TemplateError(f"{part.name}: recursion too deep (a macro that calls "
                                            "itself without end?)", path=self.name) from None
                    except JinjaError as exc:
                        raise TemplateError(f"{part.name}: {exc.message or exc}", path=self.name) from None
                    except (TypeError, ValueError, ArithmeticError, LookupError, MemoryError) as exc:
                        raise TemplateError(f"{part.name}: {exc}", path=self.name) from None
                    if "\n" in xml or "\t" in xml:
                        xml = _resolve_listing(xml)
                    if "{_" in xml or "_}" in xml:
                        xml = (xml.replace("{_{", "{{").replace("}_}", "}}")
                               .replace("{_%", "{%").replace("%_}", "%}"))
                    out[part.name] = xml
        except RenderTimeout:
            raise TemplateError(f"rendering took longer than {self.time_limit:g} s (the template's "
                                "time limit); is there a loop without end?", path=self.name) from None
        finally:
            _warnings.reset(token)
        return out, warnings

    def pack(self, rendered: Mapping[str, str]) -> list[Part]:
        """The zip members of one letter: static parts as they are, rendered parts deflated."""
        return [
            part if isinstance(part, Part)
            else Part.pack(part.name, (_XML_DECLARATION + rendered[part.name]).encode("utf-8"))
            for part in self.parts
        ]

    def write(self, context: Mapping[str, Any], dest: str | Path | BinaryIO) -> list[str]:
        """Render one letter to ``dest``; returns its warnings."""
        rendered, warnings = self.render(context)
        write_package(dest, self.pack(rendered))
        return warnings


def compile_template(path: str | Path, name: str | None = None) -> CompiledTemplate:
    """Read and compile a ``.docx`` template (not cached: see :func:`notices.letters.load_template`)."""
    path = Path(path)
    label = name or path.name
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise TemplateError("no such template file", path=str(path)) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise TemplateError(f"not a Word .docx file ({exc})", path=str(path)) from None
    parts: list[Part | _Templated] = []
    variables: set[str] = set()
    optional: set[str] = set()
    with archive:
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise TemplateError("not a Word .docx file (no word/document.xml)", path=str(path))
        for member in names:
            raw = archive.read(member)
            if _TEMPLATED.match(member):
                xml = _decode(raw)
                body = _DECLARATION.sub("", xml, count=1)
                patched = _patch(body)
                if _TAG.search(patched):
                    template, found, opt = _compile_part(patched, member, label)
                    parts.append(_Templated(member, template))
                    variables |= found
                    optional |= opt
                    continue
            parts.append(Part.pack(member, raw))
    return CompiledTemplate(
        name=label, path=path, parts=parts, variables=frozenset(variables),
        optional=frozenset(optional), lang=_language(label),
    )


def _language(name: str) -> str:
    stem = name.removesuffix(".docx")
    return "en" if stem.endswith("-en") else "zh"


def _decode(raw: bytes) -> str:
    match = _ENCODING.match(raw)
    encoding = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return raw.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return raw.decode("utf-8", errors="replace")


def _compile_part(source: str, part: str, label: str):  # noqa: ANN202
    from jinja2 import TemplateSyntaxError, meta, nodes

    env = environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(_syntax_message(source, part, exc), path=label) from None
    found = meta.find_undeclared_variables(tree)
    optional: set[str] = set()
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        names = _OPTIONAL_FILTERS if isinstance(node, nodes.Filter) else _OPTIONAL_TESTS
        if node.name in names and isinstance(node.node, nodes.Name):
            optional.add(node.node.name)
    template = env.from_string(tree)
    return template, set(found), optional & set(found)


def _syntax_message(source: str, part: str, exc: Exception) -> str:
    """Name the part and show the letter's text around the bad tag (not the XML)."""
    from jinja2 import TemplateSyntaxError

    # One paragraph a line, as docxtpl does, so the line number points at a paragraph.
    lined = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    lineno = None
    try:
        environment().parse(lined)
    except TemplateSyntaxError as again:
        lineno = again.lineno
    message = getattr(exc, "message", None) or str(exc)
    if not lineno:
        return f"syntax error in {part}: {message}"
    lines = lined.split("\n")
    around = [_strip_xml(line).strip() for line in lines[max(lineno - 3, 0): lineno + 2]]
    text = " / ".join(t for t in around if t)
    return f"syntax error in {part}, paragraph {lineno - 1}: {message}; near: {text}"
