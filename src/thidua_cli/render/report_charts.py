"""Inline SVG charts for the HTML report: no script, no network, every text escaped.

- points by unit: horizontal bars (negative points go left of the zero line);
- entries per week: columns, with the week's points under each;
- standings movement: a slope chart per kind, previous end → end of this period,
  for the first ten of the current standings.
"""

from __future__ import annotations

from html import escape

from thidua_cli.domain.formats import format_date, format_points, points_value
from thidua_cli.domain.models import COLLECTIVE, INDIVIDUAL
from thidua_cli.domain.report import Report

FONT = "font-family=\"'Times New Roman', Times, 'Liberation Serif', serif\""
# NĐ 30/2020: documents are printed in black; the charts use black and greys only, told apart by
# shade and line style rather than colour (a rise: solid black; a fall: dashed grey).
INK = "#404040"
UP = "#000000"
DOWN = "#808080"
SAME = "#b0b0b0"
NEGATIVE = "#a0a0a0"
DASH = {DOWN: ' stroke-dasharray="5 3"'}
MOVEMENT_ROWS = 10


def _text(x, y, text, size=13, anchor="start", weight="normal", fill="#000", extra="") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}"{extra}>{escape(str(text))}</text>'
    )


def _svg(kind: str, width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg class="chart chart-{kind}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" {FONT}>'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _label_lines(text: str, limit: int) -> list[str]:
    """A unit's whole name on as few lines of at most `limit` characters as it needs, cut between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) == 2:  # two even lines read better than a long one and a short one
        from thidua_cli.render.documents import balanced_lines

        even = balanced_lines(text, limit)
        if len(even) == 2:
            return even
    return lines or [""]


def unit_chart(report: Report) -> str:
    """Points recorded in the period, by unit."""
    units = list(report.by_unit)
    title = "Điểm ghi nhận theo đơn vị"
    width, label_w, top = 640, 270, 6
    labels = [_label_lines(unit.name, 38) for unit in units]
    row_h = max([36] + [len(lines) * 15 + 8 for lines in labels])
    height = top + row_h * max(len(units), 1) + 24
    values = [float(points_value(u.points)) for u in units] or [0.0]
    low, high = min(0.0, min(values)), max(0.0, max(values))
    span = (high - low) or 1.0
    plot_x, plot_w = label_w + 10, width - label_w - 10 - 62
    zero = plot_x + plot_w * (0 - low) / span
    body = []
    for index, unit in enumerate(units):
        y = top + index * row_h
        value = values[index]
        x0 = plot_x + plot_w * (min(value, 0) - low) / span
        bar_w = plot_w * abs(value) / span
        middle = y + row_h / 2
        body.append(f"<g><title>{escape(unit.name)}: {escape(format_points(unit.points))} điểm, {unit.entries} mục</title>")
        lines = labels[index]
        for number, line in enumerate(lines):
            offset = (number - (len(lines) - 1) / 2) * 15
            body.append(_text(label_w, middle + offset + 4.5, line, anchor="end"))
        fill = NEGATIVE if value < 0 else INK
        body.append(f'<rect x="{x0:.1f}" y="{y + 7:.1f}" width="{bar_w:.1f}" height="{row_h - 14}" fill="{fill}"/>')
        label_x = x0 + bar_w + 5 if value >= 0 else x0 - 5
        body.append(_text(label_x, middle + 4.5, format_points(unit.points), anchor="start" if value >= 0 else "end"))
        body.append("</g>")
    axis_bottom = top + row_h * max(len(units), 1)
    body.append(f'<line x1="{zero:.1f}" y1="{top}" x2="{zero:.1f}" y2="{axis_bottom}" stroke="#000" stroke-width="1"/>')
    body.append(_text(zero, axis_bottom + 16, "0", size=12, anchor="middle"))
    if not units:
        body.append(_text(width / 2, top + 16, "Chưa có đơn vị", anchor="middle"))
    return _svg("units", width, height, title, body)


def week_chart(report: Report) -> str:
    """Entries per calendar week of the period (columns); the week's points under each."""
    weeks = list(report.weeks)
    title = "Số mục ghi theo tuần"
    width, height = 640, 240
    left, right, top, bottom = 40, 10, 22, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max([w.entries for w in weeks] + [1])
    step = plot_w / max(len(weeks), 1)
    bar_w = min(step * 0.6, 60)
    body = []
    for fraction in (0.5, 1.0):
        y = top + plot_h * (1 - fraction)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d0d0d0" stroke-width="1"/>')
        body.append(_text(left - 5, y + 4, str(round(most * fraction)), size=12, anchor="end", fill="#555"))
    small = len(weeks) > 12
    for index, week in enumerate(weeks):
        x = left + step * index + (step - bar_w) / 2
        h = plot_h * week.entries / most
        y = top + plot_h - h
        label = f"{week.start.day:02d}/{week.start.month:02d}–{week.end.day:02d}/{week.end.month:02d}"
        body.append(f"<g><title>{escape(format_date(week.start))} – {escape(format_date(week.end))}: "
                    f"{week.entries} mục, {escape(format_points(week.points))} điểm</title>")
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{INK}"/>')
        if not small:
            body.append(_text(x + bar_w / 2, y - 5, str(week.entries), anchor="middle"))
            body.append(_text(x + bar_w / 2, top + plot_h + 17, label, size=12, anchor="middle"))
            body.append(_text(x + bar_w / 2, top + plot_h + 33, f"{format_points(week.points)} điểm", size=12,
                              anchor="middle", fill="#555"))
        elif index % 4 == 0:
            body.append(_text(x + bar_w / 2, top + plot_h + 17, f"{week.start.day:02d}/{week.start.month:02d}", size=11,
                              anchor="middle"))
        body.append("</g>")
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#000"/>')
    body.append(_text(left, height - 4, "Cột: số mục ghi trong tuần; dưới cột: tổng điểm của tuần.", size=12, fill="#555"))
    return _svg("weeks", width, height, title, body)


def movement_chart(report: Report) -> list[tuple[str, str]]:
    """One slope chart per kind: where the first ten stood at the end of the previous period."""
    if report.previous_end is None:
        return []
    charts = []
    for kind, label in ((COLLECTIVE, "tập thể"), (INDIVIDUAL, "cá nhân")):
        lines = [line for line in report.lines if line.row.subject.kind == kind]
        if not any(line.previous_rank is not None for line in lines):  # nothing recorded before: no place to move from
            continue
        shown = lines[:MOVEMENT_ROWS]
        previous_order = sorted(lines, key=lambda line: (line.previous_rank or 10**9))
        previous_slot = {line.row.subject.code: index for index, line in enumerate(previous_order)}
        slots = len(shown)
        width, row_h, top = 640, 26, 34
        left_x, right_x = 110, 220
        below = slots  # one extra slot for those who were further down
        height = top + row_h * (slots + 1) + 10
        body = [
            _text(left_x, 18, f"Hết {report.previous_label}", anchor="middle", weight="bold"),
            _text(right_x, 18, f"Hết {report.period.label}" if report.period.label else "Kỳ này",
                  anchor="middle", weight="bold"),
        ]
        for index, line in enumerate(shown):
            was = previous_slot.get(line.row.subject.code, below)
            was = min(was, below)
            y1 = top + row_h * was + row_h / 2
            y2 = top + row_h * index + row_h / 2
            change = line.change or 0
            colour = UP if change > 0 else DOWN if change < 0 else SAME
            name = line.row.subject.name
            body.append(f"<g><title>{escape(name)}: hạng {line.previous_rank} → {line.row.rank}</title>")
            body.append(f'<line x1="{left_x}" y1="{y1:.1f}" x2="{right_x}" y2="{y2:.1f}" stroke="{colour}" stroke-width="2"'
                        f'{DASH.get(colour, "")}/>')
            body.append(f'<circle cx="{left_x}" cy="{y1:.1f}" r="3.5" fill="{colour}"/>')
            body.append(f'<circle cx="{right_x}" cy="{y2:.1f}" r="3.5" fill="{colour}"/>')
            if was < below:
                body.append(_text(left_x - 8, y1 + 4.5, f"hạng {line.previous_rank}", size=12, anchor="end", fill="#555"))
            body.append(_text(right_x + 8, y2 + 4.5,
                              f"{line.row.rank}. {name} ({format_points(line.row.total_rounded)})", size=12))
            body.append("</g>")
        if any(previous_slot.get(line.row.subject.code, below) >= below for line in shown):
            y = top + row_h * below + row_h / 2
            body.append(_text(left_x - 8, y + 4.5, f"ngoài {slots} hạng đầu", size=12, anchor="end", fill="#555"))
        title = f"Thay đổi thứ hạng {label} (10 hạng đầu)"
        charts.append((kind, _svg(f"movement chart-movement-{kind}", width, height, title, body)))
    return charts
