"""The LKjIP's charts, drawn with matplotlib (Agg, no display, no network, the DejaVu fonts
shipped with matplotlib): an indicator's trend (realisasi and target per year), the capaian
per program and the budget per program. Each function returns the image as bytes (SVG for
the web page, PNG for the DOCX and the PDF). Labels are in Bahasa Indonesia and numbers are
written the Indonesian way (1.234,5).

Figures are built with matplotlib.figure.Figure, not pyplot: nothing is registered in a
global figure manager, so a rendered figure is freed as soon as it is dropped (no leak in a
long-running web process). Rendering holds a lock because matplotlib's rcParams are global.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Sequence
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image as PILImage

from . import calculations as calc

FORMATS = ("svg", "png")
FORMAT_UNKNOWN = "Format gambar '{fmt}' tidak dikenal: pilih svg atau png."
NO_DATA = "Belum ada data"

REALISASI_COLOR = "#1f5fa8"
TARGET_COLOR = "#c0392b"
PAGU_COLOR = "#9fb7d6"
BELANJA_COLOR = "#1f5fa8"
# Capaian bars coloured by the Permendagri 86/2017 kategori (calculations.kategori).
KATEGORI_COLORS = {
    "Sangat Tinggi": "#1e8449",
    "Tinggi": "#52be80",
    "Sedang": "#f4d03f",
    "Rendah": "#eb984e",
    "Sangat Rendah": "#cb4335",
    "-": "#bdc3c7",
}

RC = {
    "svg.fonttype": "none",  # text stays text: no glyph paths, a small SVG
    "svg.hashsalt": "alur",  # stable ids: the same data gives the same SVG
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
DPI = 150
_lock = threading.Lock()


def _number(value, places: int | None = None) -> str:
    if value is None:
        return "-"
    decimal = calc.to_decimal(value)
    if places is None:
        decimal = decimal.normalize()
        if decimal == decimal.to_integral_value():
            decimal = decimal.quantize(Decimal(1))
    return calc.format_number(decimal, places)


def _axis_number(value: float, _position=None) -> str:
    """Tick labels: whole numbers without decimals, others with up to two."""
    decimal = Decimal(str(round(value, 2)))
    return _number(decimal)


def _float(value) -> float:
    return float("nan") if value is None else float(calc.to_decimal(value))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _render(figure: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "svg":
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    else:
        # One Agg draw encoded by Pillow: savefig would draw twice (a layout pre-pass).
        figure.set_dpi(DPI)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        size = canvas.get_width_height(physical=True)
        image = PILImage.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        image.convert("RGB").save(buffer, format="png")
    figure.clear()
    return buffer.getvalue()


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(FORMAT_UNKNOWN.format(fmt=fmt))


def _empty(ax) -> None:
    ax.text(0.5, 0.5, NO_DATA, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])


def trend_chart(trend, fmt: str = "svg") -> bytes:
    """Realisasi per year (line with markers) and target per year (dashed line) of one
    indicator. `trend` has code, name, satuan, years, realisasi and targets."""
    _check(fmt)
    years = [int(y) for y in trend.years]
    realisasi = [_float(v) for v in trend.realisasi]
    targets = [_float(v) for v in trend.targets]
    with _lock, matplotlib.rc_context(RC):
        figure = Figure(figsize=(6.4, 3.4), layout="constrained")
        ax = figure.add_subplot()
        ax.set_title(_wrap(trend.name, 70), fontsize=10, loc="left")
        if not years or all(v != v for v in realisasi + targets):  # nan != nan
            _empty(ax)
            return _render(figure, fmt)
        ax.plot(
            years,
            targets,
            linestyle="--",
            color=TARGET_COLOR,
            marker="s",
            markersize=4,
            linewidth=1.4,
            label="Target",
        )
        ax.plot(
            years,
            realisasi,
            linestyle="-",
            color=REALISASI_COLOR,
            marker="o",
            markersize=6,
            linewidth=2,
            label="Realisasi",
        )
        for year, value, raw in zip(years, realisasi, trend.realisasi, strict=False):
            if raw is not None:
                ax.annotate(
                    _number(raw),
                    (year, value),
                    textcoords="offset points",
                    xytext=(0, 7),
                    ha="center",
                    fontsize=8,
                    color=REALISASI_COLOR,
                )
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
        ax.set_xlabel("Tahun")
        ax.set_ylabel(_wrap(trend.satuan, 20) if trend.satuan else "Nilai")
        ax.yaxis.set_major_formatter(FuncFormatter(_axis_number))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6))
        ax.margins(y=0.2)
        ax.grid(axis="y", color="0.9")
        ax.set_axisbelow(True)
        ax.legend(loc="best", frameon=False, fontsize=8)
        return _render(figure, fmt)


def capaian_chart(items: Sequence[tuple[str, Decimal | None]], fmt: str = "svg") -> bytes:
    """Horizontal bars of the capaian (%) per program, coloured by kategori, with a
    vertical line at 100 %. `items` are (program label, capaian or None)."""
    _check(fmt)
    items = list(items)
    with _lock, matplotlib.rc_context(RC):
        height = max(2.4, 0.62 * len(items) + 1.3)
        figure = Figure(figsize=(7.2, height), layout="constrained")
        ax = figure.add_subplot()
        ax.set_title("Capaian Kinerja Program (%)", fontsize=10, loc="left")
        if not items:
            _empty(ax)
            return _render(figure, fmt)
        labels = [_wrap(label, 40) for label, _ in items]
        values = [_float(value) if value is not None else 0.0 for _, value in items]
        colors = [KATEGORI_COLORS[calc.kategori(value)] for _, value in items]
        positions = list(range(len(items)))
        ax.barh(positions, values, color=colors, height=0.6)
        ax.set_yticks(positions, labels, fontsize=8)
        ax.invert_yaxis()  # first program on top
        top = max([100.0, *values])
        ax.set_xlim(0, top * 1.18)
        ax.axvline(100, color="0.25", linestyle="--", linewidth=1)
        ax.text(
            101,
            0.01,
            "target 100%",
            transform=ax.get_xaxis_transform(),
            ha="left",
            va="bottom",
            fontsize=7,
            color="0.25",
        )
        for position, (_, value), width in zip(positions, items, values, strict=True):
            text = f"{_number(value, 2)}%" if value is not None else "tidak dihitung"
            ax.text(width + top * 0.01, position, text, va="center", fontsize=8)
        ax.set_xlabel("Capaian (%)")
        ax.xaxis.set_major_formatter(FuncFormatter(_axis_number))
        ax.grid(axis="x", color="0.9")
        ax.set_axisbelow(True)
        return _render(figure, fmt)


def budget_chart(items: Sequence[tuple[str, int | None, int | None]], fmt: str = "svg") -> bytes:
    """Grouped horizontal bars of pagu and realisasi anggaran per program in juta Rupiah,
    with the serapan (%) written beside each pair. `items` are (program, pagu, realisasi)."""
    _check(fmt)
    items = list(items)
    juta = Decimal(1_000_000)
    with _lock, matplotlib.rc_context(RC):
        height = max(2.6, 0.85 * len(items) + 1.4)
        figure = Figure(figsize=(7.2, height), layout="constrained")
        ax = figure.add_subplot()
        ax.set_title("Pagu dan Realisasi Anggaran per Program", fontsize=10, loc="left")
        if not items:
            _empty(ax)
            return _render(figure, fmt)
        labels = [_wrap(label, 40) for label, _, _ in items]
        pagu = [float(Decimal(p or 0) / juta) for _, p, _ in items]
        belanja = [float(Decimal(r or 0) / juta) for _, _, r in items]
        positions = list(range(len(items)))
        bar = 0.38
        ax.barh([p - bar / 2 for p in positions], pagu, height=bar, color=PAGU_COLOR, label="Pagu")
        ax.barh(
            [p + bar / 2 for p in positions],
            belanja,
            height=bar,
            color=BELANJA_COLOR,
            label="Realisasi",
        )
        ax.set_yticks(positions, labels, fontsize=8)
        ax.invert_yaxis()
        top = max([1.0, *pagu, *belanja])
        ax.set_xlim(0, top * 1.3)
        for position, (_, p, r) in zip(positions, items, strict=True):
            share = calc.serapan(r, p)
            text = f"serapan {_number(share, 2)}%" if share is not None else "serapan -"
            ax.text(
                float(max(Decimal(p or 0), Decimal(r or 0)) / juta) + top * 0.01,
                position,
                text,
                va="center",
                fontsize=8,
            )
        ax.set_xlabel("Juta Rupiah")
        ax.xaxis.set_major_formatter(FuncFormatter(_axis_number))
        ax.grid(axis="x", color="0.9")
        ax.set_axisbelow(True)
        ax.legend(loc="lower right", frameon=False, fontsize=8)
        return _render(figure, fmt)
