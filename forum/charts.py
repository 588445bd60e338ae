"""Bar charts as inline SVG, drawn on the server: no script, no CDN, readable with CSS off.

Each chart is decoration over a table the page also shows, so it carries a
title for screen readers and leaves the numbers to the table.
"""
from markupsafe import Markup, escape

WIDTH, HEIGHT, MARGIN = 640, 180, 28
COLOURS = ("#2f6f8f", "#e0a030", "#8a5fbf", "#c0392b", "#7a1f1f", "#4f9a6a")


def bar_chart(title: str, labels: list[str], series: dict[str, list], *, stacked: bool = False,
              reference: tuple[str, float] | None = None) -> Markup:
    """Bars per label, one colour per series, stacked or side by side; missing values draw nothing.

    ``reference`` (a name and a value, e.g. a response-time target) is drawn as a dashed line across the bars.
    """
    values = {name: [value or 0 for value in column] for name, column in series.items()}
    totals = [sum(column[i] for column in values.values()) for i in range(len(labels))] if stacked else []
    top = max([*(totals or [v for column in values.values() for v in column]), reference[1] if reference else 0]) or 1
    slot = (WIDTH - MARGIN) / max(len(labels), 1)
    width = slot * 0.8 / (1 if stacked else max(len(values), 1))
    bars = []
    for i, label in enumerate(labels):
        base = HEIGHT - MARGIN
        for n, (name, column) in enumerate(values.items()):
            height = (HEIGHT - 2 * MARGIN) * column[i] / top
            x = MARGIN + i * slot + (0 if stacked else n * width)
            y = base - height
            bars.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
                        f'fill="{COLOURS[n % len(COLOURS)]}"><title>{escape(label)} {escape(name)}: '
                        f'{escape(series[name][i])}</title></rect>')
            if stacked:
                base = y
    legend = "".join(
        f'<rect x="{MARGIN + n * 110}" y="4" width="10" height="10" fill="{COLOURS[n % len(COLOURS)]}"/>'
        f'<text x="{MARGIN + n * 110 + 14}" y="13" font-size="11">{escape(name)}</text>'
        for n, name in enumerate(values)
    )
    axis = (f'<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH}" y2="{HEIGHT - MARGIN}" stroke="#777"/>'
            f'<text x="2" y="{MARGIN + 8}" font-size="11">{escape(_number(top))}</text>'
            f'<text x="{MARGIN}" y="{HEIGHT - 8}" font-size="11">{escape(labels[0]) if labels else ""}</text>'
            f'<text x="{WIDTH}" y="{HEIGHT - 8}" font-size="11" text-anchor="end">{escape(labels[-1]) if labels else ""}</text>')
    line = _reference_line(*reference, top) if reference else ""
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{legend}{axis}{"".join(bars)}{line}</svg>'
    )


def _reference_line(name: str, value: float, top: float) -> str:
    y = HEIGHT - MARGIN - (HEIGHT - 2 * MARGIN) * value / top
    return (f'<line class="reference" x1="{MARGIN}" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" stroke="#c0392b" '
            f'stroke-dasharray="6 4"><title>{escape(name)}: {escape(_number(value))}</title></line>'
            f'<text x="{WIDTH}" y="{y - 3:.1f}" font-size="11" text-anchor="end">{escape(name)} {escape(_number(value))}</text>')


def _number(value: float) -> str:
    return f"{value:g}"
