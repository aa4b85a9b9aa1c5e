"""The tables of the SQLite store (schema ``notices.store/3``), with what each column means.

The descriptions are the store's documentation: ``notices schema STORE`` prints them and
``notices browse`` hands them to Datasette.
"""
from __future__ import annotations

STORE_SCHEMA = "notices.store/3"
#: older stores this code opens (and upgrades when it writes to them)
OLD_STORE_SCHEMAS = ("notices.store/1", "notices.store/2")

DDL = """
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL,
    title TEXT, date TEXT, year INTEGER, kind TEXT,
    notices INTEGER NOT NULL DEFAULT 1,
    sources INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS notices (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    text_key TEXT,
    source TEXT NOT NULL,
    version INTEGER NOT NULL,
    format TEXT,
    lang TEXT,
    title TEXT,
    date TEXT,
    published TEXT,
    year INTEGER,
    kind TEXT,
    authority TEXT,
    authority_en TEXT,
    event_id INTEGER REFERENCES events(id),
    event_reason TEXT,
    event_with INTEGER,
    event_jaccard REAL,
    event_containment REAL,
    schema TEXT,
    record_version INTEGER NOT NULL DEFAULT 1,
    source_date TEXT,
    text TEXT,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    format TEXT,
    reason TEXT NOT NULL,
    UNIQUE (source, sha256)
);
CREATE TABLE IF NOT EXISTS records (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    version INTEGER NOT NULL,
    schema TEXT NOT NULL,
    editor TEXT,
    saved_at TEXT,
    record TEXT NOT NULL,
    PRIMARY KEY (notice_id, version)
);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    version INTEGER NOT NULL,
    field TEXT NOT NULL,
    editor TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    old TEXT,
    new TEXT
);
CREATE TABLE IF NOT EXISTS fingerprints (
    notice_id INTEGER PRIMARY KEY REFERENCES notices(id),
    minhash BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,
    notice_id INTEGER NOT NULL REFERENCES notices(id)
);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    sha256 TEXT,
    type TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cities (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    name TEXT NOT NULL, name_en TEXT, code TEXT, city_code TEXT, province TEXT, province_code TEXT,
    level TEXT, role TEXT, mentions INTEGER, spans TEXT, current_code TEXT, current_name TEXT
);
CREATE TABLE IF NOT EXISTS officials (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    name TEXT NOT NULL, name_en TEXT, title TEXT, org TEXT, city_code TEXT,
    span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS figures (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    value REAL, unit TEXT, text TEXT, subject TEXT, city TEXT, city_code TEXT, role TEXT,
    span_start INTEGER, span_end INTEGER, change TEXT
);
CREATE TABLE IF NOT EXISTS deadlines (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    text TEXT, amount REAL, unit TEXT, due TEXT, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS companies (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    name TEXT NOT NULL, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS sanctions (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    text TEXT, amount REAL, city_code TEXT, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS warnings (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    message TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS notices_fts USING fts5(
    title, text, content='notices', content_rowid='id', tokenize='trigram'
);
CREATE UNIQUE INDEX IF NOT EXISTS errors_key ON errors (source, ifnull(sha256, ''), type, message);
CREATE INDEX IF NOT EXISTS errors_type ON errors (type);
CREATE INDEX IF NOT EXISTS notices_source ON notices (source, version);
CREATE INDEX IF NOT EXISTS notices_text_key ON notices (text_key);
CREATE INDEX IF NOT EXISTS notices_date ON notices (date, kind);
CREATE INDEX IF NOT EXISTS notices_year_kind ON notices (year, kind);
CREATE INDEX IF NOT EXISTS notices_kind ON notices (kind);
CREATE INDEX IF NOT EXISTS notices_event ON notices (event_id);
CREATE INDEX IF NOT EXISTS sources_sha256 ON sources (sha256);
CREATE INDEX IF NOT EXISTS bands_key ON bands (key);
CREATE INDEX IF NOT EXISTS sources_notice ON sources (notice_id);
CREATE INDEX IF NOT EXISTS corrections_notice ON corrections (notice_id, version);
CREATE INDEX IF NOT EXISTS cities_notice ON cities (notice_id);
CREATE INDEX IF NOT EXISTS cities_code ON cities (code, role);
CREATE INDEX IF NOT EXISTS cities_name ON cities (name);
CREATE INDEX IF NOT EXISTS cities_province ON cities (province_code, role);
CREATE INDEX IF NOT EXISTS officials_notice ON officials (notice_id);
CREATE INDEX IF NOT EXISTS officials_name ON officials (name);
CREATE INDEX IF NOT EXISTS officials_org ON officials (org);
CREATE INDEX IF NOT EXISTS figures_notice ON figures (notice_id);
CREATE INDEX IF NOT EXISTS figures_unit ON figures (unit, role);
CREATE INDEX IF NOT EXISTS deadlines_notice ON deadlines (notice_id);
CREATE INDEX IF NOT EXISTS deadlines_due ON deadlines (due);
CREATE INDEX IF NOT EXISTS companies_notice ON companies (notice_id);
CREATE INDEX IF NOT EXISTS companies_name ON companies (name);
CREATE INDEX IF NOT EXISTS sanctions_notice ON sanctions (notice_id);
CREATE INDEX IF NOT EXISTS warnings_notice ON warnings (notice_id);
CREATE VIEW IF NOT EXISTS files AS SELECT source, sha256, notice_id FROM sources;
CREATE VIEW IF NOT EXISTS current_notices AS
    SELECT n.* FROM notices n
    WHERE n.version = (SELECT max(version) FROM notices m WHERE m.source = n.source);
"""

#: the tables a researcher reads, in the order open_store lists them
TABLES = ("notices", "events", "sources", "cities", "officials", "figures", "deadlines", "companies",
          "sanctions", "warnings", "errors", "records", "corrections")
#: the tables flat exports write (CSV, Parquet): one file each, the same columns
EXPORTED = ("notices", "events", "sources", "cities", "officials", "figures", "deadlines", "companies",
            "sanctions", "warnings", "errors", "corrections")
#: columns left out of flat exports: JSON (the record, kept whole in ``records``)
NOT_EXPORTED = {"notices": ("record",)}
#: views (readable like tables, not exported)
VIEWS = ("files", "current_notices")

_SPAN = {"span_start": "Start offset of the mention in the notice text", "span_end": "End offset (exclusive)"}

DESCRIPTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "notices": ("One row per distinct notice text; copies of the same text are its sources", {
        "id": "Notice id", "sha256": "SHA-256 of the bytes of its first file",
        "text_key": "SHA-256 of the normalised text: equal for identical texts",
        "source": "The first file it was read from (ARCHIVE!MEMBER inside archives)",
        "version": "1 for a source's first notice; 2, 3… when the file at that path changed",
        "format": "txt, html, docx or pdf", "lang": "zh or en", "title": "Title",
        "date": "Date of the act (ISO)", "published": "Publication date (ISO)", "year": "Year of the act",
        "kind": "interview, inspection, rectification, sanction or other",
        "authority": "The acting body", "authority_en": "The acting body in English",
        "event_id": "The event this notice reports (events.id)",
        "event_reason": "Why it joined its event: first, near-duplicate or cross-language",
        "event_with": "The notice it was matched with", "event_jaccard": "Shingle Jaccard with that notice",
        "event_containment": "Share of the shorter text's shingles found in the other",
        "schema": "Record schema of the extracted record", "record_version": "1 as extracted; higher once corrected",
        "source_date": "The date its file's metadata gave (an HTML page's date line)",
        "text": "The notice text as read", "record": "The current record (JSON of the record contract)"}),
    "events": ("One row per event: a notice with its reprints, copies and translations", {
        "id": "Event id", "notice_id": "Its first notice", "title": "Title of that notice", "date": "Act date",
        "year": "Year", "kind": "Kind", "notices": "Distinct texts reporting it", "sources": "Files reporting it"}),
    "sources": ("Every input file that gave a notice", {
        "id": "Source id", "source": "The file (ARCHIVE!MEMBER inside archives)", "sha256": "SHA-256 of its bytes",
        "notice_id": "The notice it holds", "format": "txt, html, docx or pdf",
        "reason": "first, identical bytes or identical text"}),
    "cities": ("Divisions named in a notice", {
        "notice_id": "The notice", "name": "Official Chinese name", "name_en": "English name",
        "code": "Division code", "city_code": "Division code (the key other tables use)", "province": "Province",
        "province_code": "Province code", "level": "prefecture or county", "role": "subject or mentioned",
        "mentions": "Times named", "spans": "Offsets start-end of each mention, space separated",
        "current_code": "Code of the division today, when it changed since", "current_name": "Its name today"}),
    "officials": ("People named", {"notice_id": "The notice", "name": "Name", "name_en": "Name in pinyin",
                                   "title": "Post", "org": "Organisation", "city_code": "Division of the post", **_SPAN}),
    "figures": ("Quantities", {"notice_id": "The notice", "value": "Value", "unit": "Unit", "text": "As written",
                               "subject": "What is measured", "city": "Division", "city_code": "Division code",
                               "role": "actual, target, count or other", **_SPAN,
                               "change": "up or down: which way a change figure moved"}),
    "deadlines": ("Time limits imposed", {"notice_id": "The notice", "text": "As written", "amount": "Amount",
                                          "unit": "working_day, day, month or date", "due": "Due date (ISO)", **_SPAN}),
    "companies": ("Businesses named", {"notice_id": "The notice", "name": "Name", **_SPAN}),
    "sanctions": ("Penalties", {"notice_id": "The notice", "text": "As written", "amount": "Fine in yuan",
                                "city_code": "Division", **_SPAN}),
    "warnings": ("What extraction could not settle", {"notice_id": "The notice", "message": "Warning"}),
    "errors": ("Files that gave no notice, and why", {"source": "The file", "sha256": "SHA-256 of its bytes",
                                                       "type": "Error type", "message": "Reason"}),
    "records": ("Every version of every record: 1 as extracted, then each saved correction", {
        "notice_id": "The notice", "version": "Version", "schema": "Record schema", "editor": "Who saved it",
        "saved_at": "When (UTC, ISO)", "record": "The record (JSON)"}),
    "corrections": ("Who changed which field of which notice, and when", {
        "notice_id": "The notice", "version": "The record version the change made", "field": "Field",
        "editor": "Who", "saved_at": "When (UTC, ISO)", "old": "Value before (JSON)", "new": "Value after (JSON)"}),
}
