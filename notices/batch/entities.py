"""The entity rows of a stored record (cities, officials, figures, …), written for a new notice,
a re-extraction or a clerk's correction alike."""
from __future__ import annotations

import json
import sqlite3
from typing import Any


def _span(item: dict[str, Any]) -> tuple[int | None, int | None]:
    span = item.get("span")
    return (span[0], span[1]) if span else (None, None)


def _province_code(code: str | None) -> str | None:
    return f"{code[:2]}0000" if code and len(code) == 6 and code.isdigit() else None


def _spans_text(spans: list[list[int]] | None) -> str:
    return " ".join(f"{a}-{b}" for a, b in spans or [])


def year_of(date: Any) -> int | None:
    return int(date[:4]) if isinstance(date, str) and date[:4].isdigit() else None


def insert_entities(conn: sqlite3.Connection, nid: int, record: dict[str, Any]) -> None:
    """The entity rows of one record (cities, officials, …), keyed to notice ``nid``."""
    def current(x: dict[str, Any], key: str) -> Any:
        return (x.get("current") or {}).get(key)

    insert = _inserter(conn)
    insert("cities", ("notice_id", "name", "name_en", "code", "city_code", "province", "province_code", "level",
                      "role", "mentions", "spans", "current_code", "current_name"), [
        (nid, x.get("name"), x.get("name_en"), x.get("code"), x.get("code"), x.get("province"),
         _province_code(x.get("code")), x.get("level"), x.get("role"), len(x.get("spans") or []),
         _spans_text(x.get("spans")), current(x, "code"), current(x, "name"))
        for x in record.get("cities") or []])
    insert("officials", ("notice_id", "name", "name_en", "title", "org", "city_code", *_SPAN), [
        (nid, x.get("name"), x.get("name_en"), x.get("title"), x.get("org"), x.get("city_code"), *_span(x))
        for x in record.get("officials") or []])
    insert("figures", ("notice_id", "value", "unit", "text", "subject", "city", "city_code", "role", *_SPAN,
                       "change"), [
        (nid, x.get("value"), x.get("unit"), x.get("text"), x.get("subject"), x.get("city"),
         x.get("city_code"), x.get("role"), *_span(x), x.get("change")) for x in record.get("figures") or []])
    insert("deadlines", ("notice_id", "text", "amount", "unit", "due", *_SPAN), [
        (nid, x.get("text"), x.get("amount"), x.get("unit"), x.get("due"), *_span(x))
        for x in record.get("deadlines") or []])
    insert("companies", ("notice_id", "name", *_SPAN), [
        (nid, x.get("name"), *_span(x)) for x in record.get("companies") or []])
    insert("sanctions", ("notice_id", "text", "amount", "city_code", *_SPAN), [
        (nid, x.get("text"), x.get("amount"), x.get("city_code"), *_span(x))
        for x in record.get("sanctions") or []])
    insert("warnings", ("notice_id", "message"), [(nid, str(w)) for w in record.get("warnings") or []])


_SPAN = ("span_start", "span_end")


def _inserter(conn: sqlite3.Connection):  # noqa: ANN202
    """Rows inserted by column name: a store upgraded from an older schema has its added columns
    last, so a row given by position would land in the wrong columns."""
    def insert(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        if rows:
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                             rows)
    return insert

ENTITY_TABLES = ("cities", "officials", "figures", "deadlines", "companies", "sanctions", "warnings")


def replace_record(conn: sqlite3.Connection, nid: int, record: dict[str, Any]) -> None:
    """Make ``record`` the notice's current record: its columns, its entity rows."""
    for table in ENTITY_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE notice_id=?", (nid,))  # noqa: S608 - fixed names
    auth = record.get("authority") or {}
    conn.execute("UPDATE notices SET lang=?, title=coalesce(?, title), date=?, published=?, year=?, kind=?,"
                 " authority=?, authority_en=?, record=? WHERE id=?",
                 (record.get("lang"), record.get("title"), record.get("date"), record.get("published"),
                  year_of(record.get("date")), record.get("kind"), auth.get("name"), auth.get("name_en"),
                  json.dumps(record, ensure_ascii=False), nid))
    insert_entities(conn, nid, record)
