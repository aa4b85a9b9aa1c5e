"""Many letters in one ``.docx``, each its own section, for printing.

Each letter's body is appended whole; the section properties that end it move into its last
paragraph (a section break), with page numbering restarted at 1. The letterhead is part of the
body, so it repeats for every letter; headers and footers that hold tags get a copy per letter.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from .compiler import _XML_DECLARATION, CompiledTemplate
from .package import Part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_HDR_FTR = re.compile(r"^word/(header|footer)\d*\.xml$")
_DOC_RELS = "word/_rels/document.xml.rels"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def combine(template: CompiledTemplate, letters: Sequence[dict[str, str]]) -> list[Part]:
    """The zip members of one document holding every rendered letter as a section."""
    from lxml import etree

    if not letters:
        raise ValueError("no letters to combine")
    per_letter = [n for n in template.templated_parts if _HDR_FTR.match(n)]
    targets = _relationship_targets(template) if per_letter else {}
    extra_parts: list[Part] = []
    extra_rels: list[tuple[str, str, str]] = []  # (rId, type, target)
    extra_types: list[tuple[str, str]] = []  # (part name, content type)

    root = None
    body_children = []
    for index, rendered in enumerate(letters):
        doc = etree.fromstring(rendered["word/document.xml"].encode("utf-8"))
        body = doc.find(_w("body"))
        children = list(body)
        sect = children.pop() if children and children[-1].tag == _w("sectPr") else None
        if sect is None:
            sect = etree.Element(_w("sectPr"))
        _restart_numbering(sect)
        if index and per_letter:
            _copy_headers_footers(
                template, rendered, index, sect, targets, per_letter,
                extra_parts, extra_rels, extra_types,
            )
        last = index == len(letters) - 1
        if last:
            children.append(sect)
        else:
            _attach_section(children, sect)
        body_children.extend(children)
        if root is None:
            root = doc
    body = root.find(_w("body"))
    for child in list(body):
        body.remove(child)
    body.extend(body_children)
    for number, pr in enumerate(root.iter(f"{{{WP}}}docPr"), start=1):
        pr.set("id", str(number))
    document = _XML_DECLARATION.encode() + etree.tostring(root, encoding="utf-8")

    first = letters[0]
    out: list[Part] = []
    for part in template.parts:
        if part.name == "word/document.xml":
            out.append(Part.pack(part.name, document))
        elif isinstance(part, Part):
            if part.name == _DOC_RELS and extra_rels:
                out.append(Part.pack(part.name, _add_relationships(part.name, template, extra_rels)))
            elif part.name == "[Content_Types].xml" and extra_types:
                out.append(Part.pack(part.name, _add_overrides(template, extra_types)))
            else:
                out.append(part)
        else:
            out.append(Part.pack(part.name, (_XML_DECLARATION + first[part.name]).encode("utf-8")))
    return out + extra_parts


# What follows pgNumType in a sectPr (CT_SectPr's order, which Word enforces).
_AFTER_PGNUMTYPE = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                    "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def _restart_numbering(sect) -> None:  # noqa: ANN001
    from lxml import etree

    pg = sect.find(_w("pgNumType"))
    if pg is None:
        pg = etree.Element(_w("pgNumType"))
        later = next((c for c in sect if c.tag in {_w(t) for t in _AFTER_PGNUMTYPE}), None)
        (later.addprevious(pg) if later is not None else sect.append(pg))
    pg.set(_w("start"), "1")


def _attach_section(children: list, sect) -> None:  # noqa: ANN001
    """Put ``sect`` into the letter's last paragraph, ending its section there."""
    from lxml import etree

    para = children[-1] if children and children[-1].tag == _w("p") else None
    if para is None or para.find(f"{_w('pPr')}/{_w('framePr')}") is not None:
        para = etree.Element(_w("p"))
        children.append(para)
    ppr = para.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        para.insert(0, ppr)
    change = ppr.find(_w("pPrChange"))
    (change.addprevious(sect) if change is not None else ppr.append(sect))


def _relationship_targets(template: CompiledTemplate) -> dict[str, str]:
    from lxml import etree

    rels = etree.fromstring(template.static_bytes(_DOC_RELS))
    return {
        rel.get("Id"): "word/" + rel.get("Target").lstrip("/").removeprefix("word/")
        for rel in rels
        if rel.get("TargetMode") != "External"
    }


def _copy_headers_footers(template, rendered, index, sect, targets, per_letter,  # noqa: ANN001
                          extra_parts, extra_rels, extra_types) -> None:
    """Give letter ``index`` its own copies of the tagged headers and footers."""
    for ref in sect:
        if ref.tag not in (_w("headerReference"), _w("footerReference")):
            continue
        rid = ref.get(f"{{{R}}}id")
        target = targets.get(rid)
        if target not in per_letter:
            continue
        stem = target.removesuffix(".xml")
        new_name = f"{stem}-{index + 1}.xml"
        new_rid = f"rIdNotices{index + 1}x{rid}"
        kind = "header" if "header" in target.rsplit("/", 1)[-1] else "footer"
        extra_parts.append(
            Part.pack(new_name, (_XML_DECLARATION + rendered[target]).encode("utf-8"))
        )
        own_rels = f"word/_rels/{target.rsplit('/', 1)[-1]}.rels"
        try:
            rels = template.static_bytes(own_rels)
        except KeyError:
            pass
        else:
            extra_parts.append(Part.pack(f"word/_rels/{new_name.rsplit('/', 1)[-1]}.rels", rels))
        extra_rels.append((new_rid, f"{R}/{kind}", new_name.removeprefix("word/")))
        extra_types.append((
            "/" + new_name,
            f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml",
        ))
        ref.set(f"{{{R}}}id", new_rid)


def _add_relationships(name: str, template: CompiledTemplate,
                       extra: list[tuple[str, str, str]]) -> bytes:
    from lxml import etree

    rels = etree.fromstring(template.static_bytes(name))
    for rid, kind, target in extra:
        etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship", Id=rid, Type=kind, Target=target)
    return _XML_DECLARATION.encode() + etree.tostring(rels, encoding="utf-8")


def _add_overrides(template: CompiledTemplate, extra: list[tuple[str, str]]) -> bytes:
    from lxml import etree

    types = etree.fromstring(template.static_bytes("[Content_Types].xml"))
    for part_name, content_type in extra:
        etree.SubElement(types, f"{{{CT}}}Override", PartName=part_name, ContentType=content_type)
    return _XML_DECLARATION.encode() + etree.tostring(types, encoding="utf-8")
