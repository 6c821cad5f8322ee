"""Bar charts as inline SVG, rendered on the server: no JavaScript, no chart library, nothing from a CDN.

Only presentation attributes and classes (styled by /static/pages/pages.css), never style="", so the
charts pass the service's CSP. Every chart is decorative for screen readers (aria-hidden): the page
shows the same numbers in a table next to it.
"""
from __future__ import annotations

from html import escape
from typing import List, Sequence, Tuple

from markupsafe import Markup

FONT_WIDTH = 6.2  # rough width of one character at 12px, for the label column


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return -(-value // step) * step
    return value


def _svg(width: float, height: float, body: List[str]) -> Markup:
    return Markup(f'<svg class="grafiek" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
                  'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>")


def columns(points: Sequence[Tuple[str, int]], label_every: int = 1) -> Markup:
    """Vertical bars over time, e.g. conversations per day. Labels are short (day numbers)."""
    left, top, bottom, bar_space = 36, 12, 28, 18
    plot_h = 160
    width = left + max(len(points), 1) * bar_space + 8
    top_value = _nice_max(max((v for _l, v in points), default=0))
    body = []
    for fraction in ((0, .5, 1) if top_value % 2 == 0 else (0, 1)):
        y = top + plot_h - plot_h * fraction
        body.append(f'<line class="raster" x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}"/>')
        body.append(f'<text class="label-klein" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{top_value * fraction:g}</text>')
    for i, (label, value) in enumerate(points):
        h = plot_h * value / top_value
        x = left + i * bar_space + 3
        body.append(f'<rect class="staaf" x="{x}" y="{top + plot_h - h:.1f}" width="{bar_space - 6}" height="{h:.1f}">'
                    f'<title>{escape(label)}: {value}</title></rect>')
        if i % label_every == 0:
            body.append(f'<text class="label-klein" x="{x + (bar_space - 6) / 2:.1f}" y="{top + plot_h + 16}" '
                        f'text-anchor="middle">{escape(label[-2:])}</text>')
    body.append(f'<line class="as" x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}"/>')
    return _svg(width, top + plot_h + bottom, body)


def bars(items: Sequence[Tuple[str, Sequence[Tuple[str, int]]]], max_label: int = 48) -> Markup:
    """Horizontal (stacked) bars, one row per item: (label, [(css class, value), ...])."""
    if not items:
        return Markup("")
    labels = [label if len(label) <= max_label else label[:max_label - 1] + "…" for label, _parts in items]
    label_w = min(max(len(l) for l in labels) * FONT_WIDTH + 12, max_label * FONT_WIDTH + 12)
    row_h, plot_w = 24, 320
    width = label_w + plot_w + 48
    top_value = _nice_max(max(sum(v for _c, v in parts) for _l, parts in items))
    body = []
    for i, (label, (_full, parts)) in enumerate(zip(labels, items)):
        y = i * row_h
        body.append(f'<text x="{label_w - 8:.0f}" y="{y + 16}" text-anchor="end">{escape(label)}</text>')
        x = label_w
        for css_class, value in parts:
            w = plot_w * value / top_value
            if w > 0:
                body.append(f'<rect class="{escape(css_class)}" x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}">'
                            f'<title>{escape(_full)}: {value}</title></rect>')
            x += w
        body.append(f'<text class="label-klein" x="{x + 6:.1f}" y="{y + 16}">{sum(v for _c, v in parts)}</text>')
    body.append(f'<line class="as" x1="{label_w:.0f}" y1="0" x2="{label_w:.0f}" y2="{len(items) * row_h}"/>')
    return _svg(width, len(items) * row_h + 4, body)
