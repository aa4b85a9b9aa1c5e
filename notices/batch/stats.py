"""What researchers ask a store first: notices per year and kind, the most interviewed cities
and provinces, the deadlines given, the errors; and a plot of interviews per province per year.

Counts are over the current version of each file (``current_notices``), so a file changed and
converted again counts once.
"""
from __future__ import annotations

import statistics
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .store import Store

# Counts are of events (a notice with its copies, reprints and translations), not of files.
_INTERVIEWED = """
    FROM current_notices n JOIN cities c ON c.notice_id = n.id
    WHERE n.kind = 'interview' AND c.role = 'subject'
"""
PLOT_FORMATS = ("png", "svg", "pdf")


def stats(store: Store, top: int = 10) -> dict[str, Any]:
    """The summary of a store as plain data (what ``notices stats --format json`` prints)."""
    def rows(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return store.execute(sql, params)[1]

    deadlines = []
    for unit, count in rows("SELECT unit, count(*) FROM deadlines d JOIN current_notices n ON n.id = d.notice_id"
                            " GROUP BY unit ORDER BY count(*) DESC, unit"):
        amounts = [a for (a,) in rows("SELECT amount FROM deadlines d JOIN current_notices n ON n.id = d.notice_id"
                                      " WHERE unit IS ? AND amount IS NOT NULL", (unit,))]
        deadlines.append({
            "unit": unit, "deadlines": count,
            "median_amount": statistics.median(amounts) if amounts else None,
            "min_amount": min(amounts) if amounts else None,
            "max_amount": max(amounts) if amounts else None,
        })
    return {
        "events": rows("SELECT count(DISTINCT event_id) FROM current_notices")[0][0],
        "notices": rows("SELECT count(*) FROM current_notices")[0][0],
        "versions": rows("SELECT count(*) FROM notices")[0][0],
        "files": rows("SELECT count(*) FROM sources")[0][0],
        "errors": rows("SELECT count(*) FROM errors")[0][0],
        "by_year_kind": [
            {"year": y, "kind": k, "events": n} for y, k, n in rows(
                "SELECT year, kind, count(DISTINCT event_id) FROM current_notices GROUP BY year, kind"
                " ORDER BY year, kind")],
        "interviewed_cities": [
            {"city": name, "code": code, "province": prov, "interviews": n} for name, code, prov, n in rows(
                f"SELECT c.name, c.code, c.province, count(DISTINCT n.event_id) AS k {_INTERVIEWED}"
                " GROUP BY c.code, c.name ORDER BY k DESC, c.code LIMIT ?", (top,))],
        "interviewed_provinces": [
            {"province": prov, "code": code, "interviews": n} for prov, code, n in rows(
                f"SELECT c.province, c.province_code, count(DISTINCT n.event_id) AS k {_INTERVIEWED}"
                " AND c.province IS NOT NULL GROUP BY c.province ORDER BY k DESC, c.province LIMIT ?", (top,))],
        "deadlines": deadlines,
        "errors_by_type": [
            {"type": t, "errors": n} for t, n in rows(
                "SELECT type, count(*) FROM errors GROUP BY type ORDER BY count(*) DESC, type")],
    }


def interviews_by_province_year(store: Store) -> pd.DataFrame:
    """Interview events per province (rows) and year (columns, every year from the first to the
    last, those without any included)."""
    frame = store.query(
        f"SELECT c.province AS province, n.year AS year, count(DISTINCT n.event_id) AS interviews {_INTERVIEWED}"
        " AND n.year IS NOT NULL AND c.province IS NOT NULL GROUP BY c.province, n.year")
    if frame.empty:
        import pandas as pd

        return pd.DataFrame(dtype="int64")
    table = frame.pivot(index="province", columns="year", values="interviews")
    years = range(int(frame["year"].min()), int(frame["year"].max()) + 1)
    table = table.reindex(columns=list(years)).fillna(0).astype("int64")
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]


@cache
def _cjk_font() -> str | None:
    """A font file with Chinese glyphs, if the system has one."""
    from matplotlib import font_manager

    hints = ("notosanscjk", "notoserifcjk", "sourcehansans", "wqy", "simhei", "simsun", "msyh",
             "droidsansfallback", "arphic", "uming", "ukai", "pingfang", "heiti", "stheiti")
    for path in sorted(font_manager.findSystemFonts()):
        if any(h in Path(path).name.lower().replace("-", "").replace("_", "") for h in hints):
            return path
    return None


def _latin(province: str) -> str:
    """河北省 → Hebei, 内蒙古自治区 → Inner Mongolia (the gazetteer's English names), for
    systems without a Chinese font."""
    from ..gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for div in gaz.lookup(province):
        if div.level in ("province", "municipality"):
            return gaz.english_name(div.code) or province
    return province


def plot_format(path: str | Path) -> str:
    """The image format a plot's file name asks for (png, svg, pdf); any other is refused."""
    from ..errors import StoreError

    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in PLOT_FORMATS:
        raise StoreError(f"a plot is written as {', '.join(PLOT_FORMATS)} (by the file name's extension), "
                         f"not {('.' + suffix) if suffix else 'a name without extension'}", path=str(path))
    return suffix


def plot(store: Store, path: str | Path) -> pd.DataFrame:
    """Draw interview events per province per year as a heat map into ``path`` (PNG, SVG or PDF
    by its extension); return the table drawn."""
    from ..errors import StoreError

    fmt = plot_format(path)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise StoreError("plots need matplotlib: pip install 'notices[plot]'", path=str(path)) from None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    table = interviews_by_province_year(store)
    font_file = _cjk_font()
    font = FontProperties(fname=font_file) if font_file else None
    rows, cols = table.shape if not table.empty else (0, 0)
    fig = Figure(figsize=(max(6.0, 1.0 + 0.6 * cols), max(3.0, 1.2 + 0.35 * rows)), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    if table.empty:
        ax.text(0.5, 0.5, "no interviews with a province and a year in this store",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    else:
        image = ax.imshow(table.to_numpy(), aspect="auto", cmap="Reds")
        ax.set_xticks(range(cols), [str(y) for y in table.columns])
        labels = list(table.index) if font else [_latin(p) for p in table.index]
        ax.set_yticks(range(rows), labels)
        if font:
            for label in ax.get_yticklabels():
                label.set_fontproperties(font)
        peak = table.to_numpy().max()
        for i in range(rows):
            for j in range(cols):
                value = int(table.iat[i, j])
                if value:
                    ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                            color="white" if value > peak / 2 else "black")
        from matplotlib.ticker import MaxNLocator

        fig.colorbar(image, ax=ax, label="interview events", ticks=MaxNLocator(integer=True))
        ax.set_xlabel("year")
    ax.set_title("Interviews (约谈) per province per year" if font else "Interviews per province per year",
                 fontproperties=font)
    fig.tight_layout()
    try:
        fig.savefig(path, format=fmt)
    except OSError as exc:
        raise StoreError(f"cannot write the plot ({exc.strerror or exc})", path=str(path)) from None
    return table
