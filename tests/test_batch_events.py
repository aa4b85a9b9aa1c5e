"""A store counts events, not files: copies of one text are one notice, reprints and the
other-language report of one act join its event, and the store says why each file joined."""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.batch import batch, events, open_store, samples
from notices.cli import cli
from notices.text import normalize

DATA = Path(__file__).parent / "data" / "batch"
NOTICE = (DATA / "notice-utf8.txt").read_text(encoding="utf-8")  # 邯郸, 2019-04-12, an interview
UNRELATED = (DATA / "page-meta.html").read_bytes()  # 盐城, 2020
ENGLISH = """Ministry summons Handan officials over worsening air quality

BEIJING, April 12, 2019 -- The Ministry of Ecology and Environment on Friday summoned the mayor of
Handan, a city in north China's Hebei Province, over its worsening air quality. The average PM2.5
density of Handan rose 12.5 percent year on year in the first quarter, the ministry said. Handan was
asked to draw up a rectification plan within 15 working days.
"""


def reprint(text: str, header: list[str], footer: list[str]) -> str:
    title, _, body = text.partition("\n")
    return "\n".join([*header, title, *body.splitlines(), *footer]) + "\n"


def pdf_of(docx: bytes, work: Path) -> bytes | None:
    """The Word file converted by LibreOffice, or None without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    (work / "n.docx").write_bytes(docx)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to", "pdf",
                    "--outdir", str(work), str(work / "n.docx")], capture_output=True, timeout=180, check=False)
    pdf = work / "n.pdf"
    return pdf.read_bytes() if pdf.exists() else None


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, list[str]]:
    """One notice as txt, html, docx and pdf, two reprints with other headers, its English
    report and an unrelated notice, in one zip; the members."""
    work = tmp_path_factory.mktemp("events")
    docx = samples.to_docx(NOTICE)
    members = {
        "site/notice.txt": samples.to_txt(NOTICE),
        "site/notice.html": samples.to_html(NOTICE, date="2019-04-12", encoding="gb18030"),
        "site/notice.docx": docx,
        "mirror/reprint-1.txt": reprint(NOTICE, ["转载自某某新闻网", "2019-04-13 09:12  来源：某某日报"],
                                        ["（记者 某某）", "责任编辑：某某"]).encode(),
        "mirror/reprint-2.html": samples.to_html(reprint(NOTICE, [], ["（某某网 编辑 某某）"]),
                                                 date="2019-04-15"),
        "en/report.txt": ENGLISH.encode(),
        "other/yancheng.html": UNRELATED,
    }
    pdf = pdf_of(docx, work)
    if pdf is not None:
        members["site/notice.pdf"] = pdf
    path = work / "archive.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path, list(members)


@pytest.fixture(scope="module")
def store(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("events-store") / "out.db"
    summary = batch([archive[0]], out)
    assert summary.ok and summary.files == len(archive[1])
    return out


def test_one_notice_in_four_formats_reprints_and_translation_are_one_event(store, archive):
    with open_store(store) as opened:
        assert opened.count("sources") == len(archive[1])  # every file stays a source
        assert opened.count("events") == 2
        assert opened.stats()["events"] == 2
        (event,) = [e for e in opened.events() if e.sources > 1]
        sources = {m.source.split("!")[1]: m.why for m in event.members}
    assert set(sources) == set(archive[1]) - {"other/yancheng.html"}
    assert "same text" in sources["site/notice.html"]
    assert "near-duplicate" in sources["mirror/reprint-1.txt"]
    assert "cross-language" in sources["en/report.txt"]


def test_each_merge_says_why_in_the_tables(store):
    with open_store(store) as opened:
        reasons = opened.query("SELECT event_reason, event_jaccard, event_containment, lang FROM notices")
        by_reason = reasons.groupby("event_reason").size().to_dict()
        assert by_reason["first"] == 2 and by_reason["cross-language"] == 1
        near = reasons[reasons["event_reason"] == "near-duplicate"]
        assert len(near) >= 2 and (near["event_containment"] >= events.CONTAINMENT).all()
        assert set(opened.sources["reason"]) >= {"first", "identical text"}


def test_events_command_lists_an_events_sources(store):
    result = CliRunner().invoke(cli, ["events", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(e["sources"] for e in found)[0] == 1
    result = CliRunner().invoke(cli, ["events", str(store), str(found[0]["id"])])
    assert result.exit_code == 0 and "why" in result.output
    assert CliRunner().invoke(cli, ["events", str(store), "999"]).exit_code == 1


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (NOTICE, reprint(NOTICE, ["某某网转载", "发布时间：2019-04-13"], ["编辑：某某"]), True),
        (NOTICE, NOTICE.replace("\n", "\n\n").replace("，", "， "), True),  # reflowed
        (NOTICE, NOTICE[: len(NOTICE) * 2 // 3], True),  # cut short
        (NOTICE, (DATA / "notice-en.txt").read_text(encoding="utf-8"), False),
        (NOTICE, (DATA / "page-dateline.html").read_text(encoding="utf-8"), False),
    ],
)
def test_near_duplicates_are_reprints_not_other_notices(a, b, same):
    assert events.likeness(events.identity_text(a), events.identity_text(b)).same is same


def test_identical_text_in_other_encodings_and_scripts_is_one_notice(tmp_path):
    work = tmp_path / "in"
    work.mkdir()
    for name in ("notice-utf8.txt", "notice-gb18030.txt", "page-trs.html"):
        shutil.copy(DATA / name, work / name)
    (work / "spaced.txt").write_text(NOTICE.replace("，", "， ").replace("\n", "\r\n"), encoding="utf-8")
    summary = batch([work], tmp_path / "out.db")
    assert (summary.new, summary.copies) == (1, 3)
    with open_store(tmp_path / "out.db") as opened:
        assert opened.count("notices") == 1 and opened.count("sources") == 4


def test_events_are_the_same_whatever_the_order_is_resumed(archive, tmp_path):
    """Killed half way and rerun, or run in one go: the same events."""
    half = tmp_path / "half.zip"
    with zipfile.ZipFile(archive[0]) as src, zipfile.ZipFile(half, "w") as dst:
        for info in src.infolist()[:3]:
            dst.writestr(info, src.read(info))
    batch([half], tmp_path / "two-steps.db")
    batch([archive[0]], tmp_path / "two-steps.db")
    with open_store(tmp_path / "two-steps.db") as opened:
        assert opened.count("events") == 2


def test_the_known_lsh_banding_is_the_one_datasketch_chooses():
    for (threshold, num_perm), known in events.KNOWN_BANDING.items():
        assert events.datasketch_banding(threshold, num_perm) == known


def test_what_a_worker_sends_equals_what_the_store_would_compute():
    mark = events.fingerprint(NOTICE)
    assert mark.key == events.text_key(NOTICE)
    assert (events.hashes_from_bytes(mark.hashes) == events.shingle_hashes(events.identity_text(NOTICE))).all()
    assert mark.normalized == normalize(NOTICE)
