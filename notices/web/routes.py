"""The pages: review (paste or upload, correct, download the letters) and the archive.

Routes that read or write files or extract run in the thread pool; the form parsing stays
bounded (fields, parts and sizes) and every failure a clerk can fix comes back as a message
on the page it came from.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from ..errors import NoticesError
from ..record import Record
from .archive import Query
from .form import HEADER, HEADER_HIDDEN, NOTICE_KINDS, TABLES, from_form, posted, to_form
from .highlight import KINDS, highlight
from .intake import MAX_CHARS, read_notice, upload_name
from .pages import PageError, render
from .safety import size_text

router = APIRouter()

MAX_FIELDS = 20_000  # a review form has ~10 fields a row
KIND_LABELS = {
    "city": ("City", "城市"), "official": ("Official", "官员"), "figure": ("Figure", "数字"),
    "deadline": ("Deadline", "期限"), "company": ("Company", "企业"), "sanction": ("Sanction", "措施"),
}


async def _read_form(request: Request, *, files: int) -> FormData:
    try:
        return await request.form(max_files=files, max_fields=MAX_FIELDS,
                                  max_part_size=request.app.state.max_upload)
    except HTTPException as exc:
        raise PageError(f"The form could not be read: {exc.detail}") from None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def home(request: Request, *, status: int = 200, errors: Iterable[str] = (), text: str = "",
         date: str = "", lang: str = "") -> HTMLResponse:
    return render(request, "home.html", status, nav="review", errors=list(errors), text=text, date=date,
                  lang=lang, max_upload=size_text(request.app.state.max_upload))


def review_page(request: Request, record: Record, text: str | None, *, status: int = 200,
                header: dict[str, str] | None = None, rows: dict[str, list[dict[str, str]]] | None = None,
                errors: Iterable[str] = (), notes: Iterable[str] = (), letter: dict[str, str] | None = None,
                template: str | None = None, stored_id: int | None = None) -> HTMLResponse:
    """The review page: the text with its mentions highlighted beside the record's form."""
    from ..letters import list_templates
    from .download import default_template

    if header is None or rows is None:
        header, rows = to_form(record)
    segments, counts = highlight(record, text) if text is not None else ([], {})
    return render(
        request, "review.html", status, nav="review" if stored_id is None else "archive", record=record, text=text, segments=segments,
        counts=counts, kinds=KINDS, kind_labels=KIND_LABELS, tables=TABLES, header_fields=HEADER,
        header_hidden=HEADER_HIDDEN, header=header, rows=rows, notice_kinds=NOTICE_KINDS,
        templates=list_templates(), template=template or default_template(record),
        letter=letter or {"date": "", "doc_prefix": "", "first_number": "1"}, errors=list(errors),
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
        notice = await run_in_threadpool(read_notice, text, upload, date=date or None, lang=lang or None)
    except PageError as exc:
        return home(request, status=exc.status, errors=exc.messages, text=text, date=date, lang=lang)
    return review_page(request, notice.record, notice.text)


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
        to_date(options["date"])
    except ValueError:
        errors.append(f"The letters' date {options['date']!r} is not a date: give it as YYYY-MM-DD.")
    if not options["first_number"].isdigit() or not 1 <= int(options["first_number"]) <= 999_999:
        errors.append(f"The first document number {options['first_number']!r} must be a whole number from 1.")
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
                           errors=errors, letter=options, template=form.get("template"))
    return review_page(request, parsed.record, text, letter=options, template=form.get("template"),
                       notes=["Edits applied. Check the highlighted text and the form, then download the letters."])


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
                       errors=errors, letter=options, template=template)


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
                           errors=parsed.errors, letter=options, template=form.get("template"))
    name = f"record-{parsed.record.sha256[:12]}.json" if parsed.record.sha256 else "record.json"
    body = json.dumps(parsed.record.to_dict(), ensure_ascii=False, indent=1) + "\n"
    return Response(body.encode("utf-8"), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# ---------------------------------------------------------------------------- archive

NO_STORE = ("No store is open, so there is nothing to search. Start the app with a store written by "
            "`notices batch`: notices serve --db notices.db")


def _query(params: Any) -> tuple[Query, list[str]]:
    def get(name: str) -> str:
        return " ".join(str(params.get(name, "")).split())[:100]

    errors, year = [], None
    if get("year"):
        if get("year").isdigit() and 1900 <= int(get("year")) <= 2100:
            year = int(get("year"))
        else:
            errors.append(f"The year {get('year')!r} is not a year: give four digits, like 2018.")
    kind = get("kind") if get("kind") in NOTICE_KINDS else ""
    if get("kind") and not kind:
        errors.append(f"Unknown kind {get('kind')!r}: one of {', '.join(NOTICE_KINDS)}.")
    return Query(city=get("city"), province=get("province"), year=year, kind=kind), errors


@router.get("/archive", response_class=HTMLResponse)
async def archive(request: Request) -> HTMLResponse:
    """Search the store by city, province, year and kind; newest first."""
    store = request.app.state.archive
    query, errors = _query(request.query_params)
    context: dict[str, Any] = {"query": query, "store": store, "hits": [], "total": 0, "provinces": [],
                               "years": [], "notice_kinds": NOTICE_KINDS}
    if store is None:
        return render(request, "archive.html", nav="archive", notes=[NO_STORE], **context)
    try:
        context["provinces"], context["years"] = await run_in_threadpool(store.facets)
        if not errors:
            context["hits"], context["total"] = await run_in_threadpool(store.search, query)
    except NoticesError as exc:
        errors.append(f"The store could not be searched: {exc}")
    return render(request, "archive.html", 200 if not errors else 400, nav="archive", errors=errors, **context)


@router.get("/archive/{notice_id:int}", response_class=HTMLResponse)
async def stored(request: Request, notice_id: int) -> HTMLResponse:
    """A stored notice on the review page (its text when its source file is at hand)."""
    store = request.app.state.archive
    if store is None:
        return render(request, "message.html", 404, nav="archive", title="No store", notes=[NO_STORE])
    try:
        opened = await run_in_threadpool(store.open, notice_id)
    except NoticesError as exc:
        return render(request, "message.html", 500, nav="archive", title="Unreadable notice", errors=[str(exc)])
    if opened is None:
        return render(request, "message.html", 404, nav="archive", title="No such notice",
                      errors=[f"The store has no notice {notice_id}."])
    notes = [opened.note] if opened.note else []
    return review_page(request, opened.record, opened.text, notes=notes, stored_id=notice_id)
