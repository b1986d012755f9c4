"""Inline SVG charts (drawn by the template from these coordinates, so they print
as the page shows them): the consortium's monthly trend against its target, and
each practice's figure as a dot against the others'."""

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36


def _scale(values):
    """The axis's ends: the values' range with a margin (not from zero, so that
    a change of a few per cent shows)."""
    values = [v for v in values if v is not None]
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    margin = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
    return max(low - margin, 0.0) if low >= 0 else low - margin, high + margin


def trend(months, series, target=None):
    """`series`: {name: [value or None per month]}; `target`: a value per month or
    None. Returns lines (points strings), month labels and y-axis ticks."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    every = [v for values in series.values() for v in values]
    low, high = _scale(every + list(target or []))
    step = plot_w / max(len(months) - 1, 1)

    def y(value):
        return round(TOP + plot_h - (value - low) / (high - low) * plot_h, 1)

    def points(values):
        return " ".join(
            f"{round(LEFT + i * step, 1)},{y(v)}"
            for i, v in enumerate(values)
            if v is not None
        )

    lines = [
        {"name": name, "points": points(values), "key": f"series-{index}"}
        for index, (name, values) in enumerate(series.items())
    ]
    ticks = [
        {
            "y": y(low + (high - low) * i / 4),
            "label": f"{low + (high - low) * i / 4:,.1f}",
        }
        for i in range(5)
    ]
    labels = [
        {"x": round(LEFT + i * step, 1), "text": f"{month:%b}"}
        for i, month in enumerate(months)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 18,
        "lines": lines,
        "target": points(target) if target else "",
        "ticks": ticks,
        "labels": labels,
    }


def strip(values, consortium=None, target=None, highlight=None):
    """Practices' figures as dots on one axis: `values` is [(label, value, key)];
    `highlight` the key drawn apart (a practice against the others)."""
    plot_w = WIDTH - LEFT - RIGHT
    shown = [v for _, v, _ in values if v is not None]
    low, high = _scale(shown + [x for x in (consortium, target) if x is not None])

    def x(value):
        return round(LEFT + (value - low) / (high - low) * plot_w, 1)

    dots = [
        {"x": x(value), "label": label, "value": value, "mine": key == highlight}
        for label, value, key in values
        if value is not None
    ]
    return {
        "width": WIDTH,
        "height": 80,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "dots": dots,
        "consortium": x(consortium) if consortium is not None else None,
        "target": x(target) if target is not None else None,
        "low": f"{low:,.1f}",
        "high": f"{high:,.1f}",
    }
