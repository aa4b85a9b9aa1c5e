"""The pages: review (paste or upload, correct, download the letters) and the archive.

Routes that read or write files or extract run in the thread pool; the form parsing stays
bounded (fields, parts and sizes) and every failure a clerk can fix comes back as a message
on the page it came from.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from ..errors import NoticesError
from ..record import Record
from .archive import Query, Results
from .form import (FIELD, FIRST_YEAR, HEADER, HEADER_HIDDEN, LAST_YEAR, NOTICE_KINDS, TABLE_BY_KIND, TABLES, from_form,
                   in_range, posted, to_form)
from .highlight import KINDS, highlight
from .i18n import Msg, msg, translator
from .intake import MAX_CHARS, read_notice, upload_name
from .pages import PageError, fragment, render, ui_lang
from .resolve import FIELDS, resolve
from .work import TimedOut
from .safety import size_text

router = APIRouter()

MAX_FIELDS = 20_000  # a review form has ~10 fields a row


async def _read_form(request: Request, *, files: int) -> FormData:
    try:
        return await request.form(max_files=files, max_fields=MAX_FIELDS,
                                  max_part_size=request.app.state.max_upload)
    except HTTPException as exc:
        raise PageError(msg("err.form_unreadable", detail=exc.detail)) from None


async def extracting(request: Request, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` in an extraction worker, within the app's time limit."""
    state = request.app.state
    try:
        return await run_in_threadpool(state.pool().call, fn, *args, timeout=state.timeout, **kwargs)
    except TimedOut as exc:
        raise PageError(msg("err.timeout", seconds=f"{exc.seconds:g}"), status=422) from None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def home(request: Request, *, status: int = 200, errors: Iterable[Msg | str] = (), text: str = "",
         date: str = "", lang: str = "") -> HTMLResponse:
    return render(request, "home.html", status, nav="review", errors=list(errors), text=text, date=date,
                  lang_choice=lang, max_upload=size_text(request.app.state.max_upload))


def review_page(request: Request, record: Record, text: str | None, *, status: int = 200,
                header: dict[str, str] | None = None, rows: dict[str, list[dict[str, str]]] | None = None,
                errors: Iterable[Msg | str] = (), notes: Iterable[Msg | str] = (),
                letter: dict[str, str] | None = None,
                template: str | None = None, stored_id: int | None = None, editor: str | None = None,
                ) -> HTMLResponse:
    """The review page: the text with its mentions highlighted beside the record's form, and
    the letters' panel with what to check in each letter."""
    from ..letters import list_templates
    from .download import default_template, reviews

    if header is None or rows is None:
        header, rows = to_form(record)
    template = template or default_template(record)
    letter = letter or {"date": "", "doc_prefix": "", "first_number": "1"}
    segments, counts = highlight(record, text) if text is not None else ([], {})
    return render(
        request, "review.html", status, nav="review" if stored_id is None else "archive", record=record, text=text,
        segments=segments, counts=counts, kinds=KINDS, tables=TABLES, header_fields=HEADER,
        subjects=sum(1 for c in record.cities if c.role == "subject"),
        reviews=reviews(record, template, date=letter["date"] or None),
        can_save=stored_id is not None and request.app.state.archive is not None,
        editor=editor if editor is not None else _clean_editor(unquote(request.cookies.get(EDITOR_COOKIE, ""))),
        header_hidden=HEADER_HIDDEN, header=header, rows=rows, notice_kinds=NOTICE_KINDS,
        templates=list_templates(), template=template, letter=letter, errors=list(errors),
        notes=list(notes), stored_id=stored_id,
    )


# ----------------------------------------------------------------------------- review


@router.get("/", response_class=HTMLResponse)
async def index(request: Request) -> HTMLResponse:
    return home(request)


@router.post("/review", response_class=HTMLResponse)
async def review(request: Request) -> HTMLResponse:
    """A pasted text or an uploaded file, extracted, on the review page."""
    text = date = lang = ""
    try:
        form = await _read_form(request, files=1)
        try:
            text, date, lang = _text(form.get("text")), _text(form.get("date")), _text(form.get("lang"))
            upload = None
            file = form.get("file")
            if isinstance(file, UploadFile) and file.filename:
                raw = await file.read()
                if raw or not text.strip():
                    upload = (upload_name(file.filename), raw)
        finally:
            await form.close()  # the upload's spooled file
        notice = await extracting(request, read_notice, text, upload, date=date or None, lang=lang or None)
    except PageError as exc:
        return home(request, status=exc.status, errors=exc.messages, text=text, date=date, lang=lang)
    store, stored_id = request.app.state.archive, None
    if store is not None:
        try:
            stored_id = await run_in_threadpool(store.find, notice.record.sha256)
        except NoticesError:
            stored_id = None
    return review_page(request, notice.record, notice.text, stored_id=stored_id)


def _stored(form: dict[str, str]) -> int | None:
    """The stored notice a review form is of (``stored_id``), if any."""
    raw = form.get("stored_id", "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 2**63 else None


async def _edited(request: Request) -> tuple[dict[str, str], Any, str | None]:
    form = posted(await _read_form(request, files=0))
    text = form.get("text", "").replace("\r\n", "\n").replace("\r", "\n")
    return form, from_form(form), text if text and len(text) <= MAX_CHARS else None


def _letter_options(form: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    from ..letters.filters import to_date

    options = {"date": form.get("letter_date", "").strip()[:40], "doc_prefix": form.get("doc_prefix", "").strip()[:40],
               "first_number": form.get("first_number", "").strip()[:12] or "1"}
    errors = []
    try:
        if not in_range(to_date(options["date"])):
            errors.append(msg("err.date_range", value=options["date"], first=FIRST_YEAR, last=LAST_YEAR))
    except ValueError:
        errors.append(msg("err.letter_date", value=options["date"]))
    if not options["first_number"].isdigit() or not 1 <= int(options["first_number"]) <= 999_999:
        errors.append(msg("err.first_number", value=options["first_number"]))
    return options, errors


@router.post("/review/check", response_class=HTMLResponse)
async def check(request: Request) -> HTMLResponse:
    """The edited form applied: the record again, with city codes looked up and due dates counted."""
    try:
        form, parsed, text = await _edited(request)
    except PageError as exc:
        return home(request, status=exc.status, errors=exc.messages)
    options, option_errors = _letter_options(form)
    errors = parsed.errors + option_errors
    if errors:
        return review_page(request, parsed.record, text, status=422, header=parsed.header, rows=parsed.rows,
                           errors=errors, letter=options, template=form.get("template"), stored_id=_stored(form))
    return review_page(request, parsed.record, text, letter=options, template=form.get("template"),
                       notes=[msg("note.applied")], stored_id=_stored(form))


def _next_row(form: dict[str, str], kind: str) -> int:
    """The number a row added to table ``kind`` gets: one past every row on the form."""
    numbers = [int(m.group(2)) for key in form if (m := FIELD.fullmatch(key)) and m.group(1) == kind]
    return max(numbers, default=-1) + 1


@router.post("/resolve")
async def resolve_selection(request: Request) -> Response:
    """A selection of the notice made an item (``kind``, ``start``, ``end`` with the review
    form): JSON with the form row to add (``html``) and its ``ref``, or an ``error``."""
    t = translator(ui_lang(request))
    try:
        form, parsed, text = await _edited(request)
        kind = form.get("add_kind", "")
        start, end = int(form.get("add_start", "-1") or -1), int(form.get("add_end", "-1") or -1)
        table = TABLE_BY_KIND.get(FIELDS.get(kind, ""))
        if table is None or text is None:
            raise PageError(msg("err.resolve_kind", kind=kind[:20]))
        record = await extracting(request, resolve, kind, text, start, end, lang=parsed.record.lang,
                                  date=parsed.record.date, subjects=tuple(c.name for c in parsed.record.subjects))
    except (PageError, ValueError) as exc:
        error = exc.messages[0] if isinstance(exc, PageError) else msg("err.resolve_span", limit=0)
        return JSONResponse({"error": t(error)}, status_code=getattr(exc, "status", 400))
    _, rows = to_form(record)
    number = _next_row(form, table.kind)
    ref = f"{table.kind}-{number}"
    shown = len({m.group(2) for key in form if (m := FIELD.fullmatch(key)) and m.group(1) == table.kind})
    html = fragment(request, "_row.html", table=table, ref=ref, values=rows[table.kind][0], n=max(1, shown))
    return JSONResponse({"html": html, "ref": ref, "kind": table.kind})


@router.post("/review/marks")
async def marks(request: Request) -> Response:
    """The highlights of the form as it stands (rows added, removed or changed), as JSON:
    the notice text's ``html``, ``counts`` per kind and the letters' ``summary``."""
    from .download import reviews

    try:
        form, parsed, text = await _edited(request)
    except PageError as exc:
        return JSONResponse({"error": translator(ui_lang(request))(exc.messages[0])}, status_code=exc.status)
    if text is None:
        return JSONResponse({"error": ""}, status_code=400)
    segments, counts = highlight(parsed.record, text, rows=parsed.numbers)
    subjects = sum(1 for c in parsed.record.cities if c.role == "subject")
    options, _ = _letter_options(form)
    checks = reviews(parsed.record, form.get("template", ""), date=options["date"] or None)
    return JSONResponse({
        "html": fragment(request, "_text.html", record=parsed.record, segments=segments),
        "counts": counts,
        "summary": fragment(request, "_count.html", subjects=subjects),
        "review": fragment(request, "_check.html", reviews=checks),
    })


@router.post("/letters")
async def letters(request: Request) -> Response:
    """The edited record's letters: one .docx, or a zip when it has several subject cities."""
    from .download import letters as render_letters

    try:
        form, parsed, text = await _edited(request)
    except PageError as exc:
        return home(request, status=exc.status, errors=exc.messages)
    options, option_errors = _letter_options(form)
    template = form.get("template", "")
    errors = parsed.errors + option_errors
    if not errors:
        try:
            download = await run_in_threadpool(
                render_letters, parsed.record, template, date=options["date"] or None,
                first_number=int(options["first_number"]), doc_prefix=options["doc_prefix"])
        except PageError as exc:
            errors = exc.messages
        else:
            return Response(download.content, media_type=download.media_type,
                            headers={"Content-Disposition": download.disposition})
    return review_page(request, parsed.record, text, status=422, header=parsed.header, rows=parsed.rows,
                       errors=errors, letter=options, template=template, stored_id=_stored(form))


@router.post("/record")
async def record_json(request: Request) -> Response:
    """The edited record as JSON of the contract (``notices.record/2``), to keep or to batch."""
    try:
        form, parsed, text = await _edited(request)
    except PageError as exc:
        return home(request, status=exc.status, errors=exc.messages)
    if parsed.errors:
        options, _ = _letter_options(form)
        return review_page(request, parsed.record, text, status=422, header=parsed.header, rows=parsed.rows,
                           errors=parsed.errors, letter=options, template=form.get("template"), stored_id=_stored(form))
    name = f"record-{parsed.record.sha256[:12]}.json" if parsed.record.sha256 else "record.json"
    body = json.dumps(parsed.record.to_dict(), ensure_ascii=False, indent=1) + "\n"
    return Response(body.encode("utf-8"), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# ---------------------------------------------------------------------------- archive

NO_STORE = msg("note.no_store")


def _query(params: Any) -> tuple[Query, list[Msg]]:
    def get(name: str, limit: int = 100) -> str:
        return " ".join(str(params.get(name, "")).split())[:limit]

    errors, year, page = [], None, 1
    if get("year"):
        if get("year").isdigit() and FIRST_YEAR <= int(get("year")) <= LAST_YEAR:
            year = int(get("year"))
        else:
            errors.append(msg("err.year", value=get("year")))
    kind = get("kind") if get("kind") in NOTICE_KINDS else ""
    if get("kind") and not kind:
        errors.append(msg("err.kind", value=get("kind"), kinds=[msg(f"opt.kind.{k}") for k in NOTICE_KINDS]))
    if get("page"):
        if get("page").isdigit() and 1 <= int(get("page")) <= 100_000:
            page = int(get("page"))
        else:
            errors.append(msg("err.page", value=get("page")))
    return Query(text=get("q", 200), city=get("city"), province=get("province"), year=year, kind=kind,
                 page=page), errors


@router.get("/archive", response_class=HTMLResponse)
async def archive(request: Request) -> HTMLResponse:
    """The store's events: searched by their text, filtered by city, province, year and kind,
    a page at a time; newest first (best first for a text search)."""
    store = request.app.state.archive
    query, errors = _query(request.query_params)
    context: dict[str, Any] = {"query": query, "store": store, "results": Results(), "facets": {},
                               "notice_kinds": NOTICE_KINDS, "page_href": _page_href}
    if store is None:
        return render(request, "archive.html", nav="archive", notes=[NO_STORE], **context)
    try:
        context["facets"] = await run_in_threadpool(store.facets)
        if not errors:
            context["results"] = await run_in_threadpool(store.search, query)
    except NoticesError as exc:
        errors.append(msg("err.search", error=str(exc)))
    return render(request, "archive.html", 200 if not errors else 400, nav="archive", errors=errors, **context)


def _page_href(query: Query, path: str = "/archive", **changes: Any) -> str:
    params = query.params(**changes)
    return path + ("?" + urlencode(params) if params else "")


@router.get("/archive.csv")
async def archive_csv(request: Request) -> Response:
    """The current view of the archive (every page of it) as a CSV file, in the page's language."""
    store = request.app.state.archive
    query, errors = _query(request.query_params)
    if store is None or errors:
        return await archive(request)
    t = translator(ui_lang(request))
    try:
        hits = await run_in_threadpool(store.export, query)
    except NoticesError as exc:
        return render(request, "message.html", 500, nav="archive", title="title.error",
                      errors=[msg("err.search", error=str(exc))])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([t(f"csv.{name}") for name in CSV_COLUMNS])
    for hit in hits:
        writer.writerow([hit.event_id or "", hit.id, hit.date or "", hit.title or "",
                         t(f"opt.kind.{hit.kind}") if hit.kind else "", hit.subjects, hit.sources, hit.corrected,
                         hit.source])
    body = "\ufeff" + out.getvalue()  # a BOM: spreadsheet programs then read it as UTF-8
    return Response(body.encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="archive.csv"'})


CSV_COLUMNS = ("event", "notice", "date", "title", "kind", "subjects", "sources", "version", "source")


@router.get("/archive/{notice_id:int}", response_class=HTMLResponse)
async def stored(request: Request, notice_id: int) -> HTMLResponse:
    """A stored notice on the review page, in its newest (corrected) version."""
    store = request.app.state.archive
    if store is None:
        return render(request, "message.html", 404, nav="archive", title="title.no_store", notes=[NO_STORE])
    if not 0 < notice_id < 2**63:  # no SQLite row id: not a notice, and no query to make
        return render(request, "message.html", 404, nav="archive", title="title.no_notice",
                      errors=[msg("err.no_notice", id=notice_id)])
    try:
        opened = await run_in_threadpool(store.open, notice_id)
    except NoticesError as exc:
        return render(request, "message.html", 500, nav="archive", title="title.unreadable", errors=[str(exc)])
    if opened is None:
        return render(request, "message.html", 404, nav="archive", title="title.no_notice",
                      errors=[msg("err.no_notice", id=notice_id)])
    notes: list[Msg | str] = [opened.note] if opened.note else []
    if opened.version > 1:
        notes.append(msg("note.corrected", id=notice_id, version=opened.version))
    return review_page(request, opened.record, opened.text, notes=notes, stored_id=notice_id)


@router.post("/review/save", response_class=HTMLResponse)
async def save(request: Request) -> HTMLResponse:
    """The reviewed record saved to the store as a corrected version of its notice (who
    changed which field and when is kept by the store); the page again, saying so."""
    store = request.app.state.archive
    try:
        form, parsed, text = await _edited(request)
    except PageError as exc:
        return home(request, status=exc.status, errors=exc.messages)
    options, option_errors = _letter_options(form)
    editor = _clean_editor(form.get("editor", ""))
    notice_id = _stored(form)
    errors: list[Msg | str] = [*parsed.errors, *option_errors]
    if store is None or notice_id is None:
        errors.append(msg("err.save_where"))
    elif not editor:
        errors.append(msg("err.editor"))
    page = {"header": parsed.header, "rows": parsed.rows, "letter": options, "template": form.get("template"),
            "stored_id": notice_id, "editor": editor}
    if errors:
        return review_page(request, parsed.record, text, status=422, errors=errors, **page)
    try:
        version = await run_in_threadpool(store.save, notice_id, parsed.record, editor=editor)
    except NoticesError as exc:
        return review_page(request, parsed.record, text, status=422, errors=[msg("err.saved_failed", error=str(exc))],
                           **page)
    response = review_page(request, parsed.record, text, notes=[msg("note.saved", id=notice_id, version=version)],
                           **page)
    response.set_cookie(EDITOR_COOKIE, quote(editor), max_age=365 * 24 * 3600, samesite="strict")
    return response


EDITOR_COOKIE = "notices_editor"


def _clean_editor(value: str) -> str:
    return " ".join("".join(ch for ch in value if ch.isprintable()).split())[:60]
