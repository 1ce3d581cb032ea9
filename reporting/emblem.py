"""The European Union emblem, drawn here (no file, no network): a blue rectangle of
proportion 3:2 with twelve gold five-pointed stars on a circle whose radius is a third of
the height, each star's points on a circle of radius one eighteenth of the height, one
point upwards, as the EU's graphic guide describes it. Every document the portal makes
carries it with "Co-funded by the European Union" (the visibility rule of the grant)."""

import math
from functools import cache

EU_BLUE = "#003399"
EU_YELLOW = "#FFCC00"
HEIGHT = 200
WIDTH = HEIGHT * 3 // 2


def _star(cx: float, cy: float, outer: float) -> str:
    """A five-pointed star as a polygon's points, one point upwards."""
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.radians(-90 + 36 * i)
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}")
    return " ".join(points)


@cache
def emblem_svg() -> str:
    cx, cy = WIDTH / 2, HEIGHT / 2
    ring, outer = HEIGHT / 3, HEIGHT / 18
    stars = []
    for hour in range(12):
        angle = math.radians(-90 + 30 * hour)
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        stars.append(f'<polygon fill="{EU_YELLOW}" points="{_star(x, y, outer)}"/>')
    # Drawn inline in the HTML: the PDF renderer fetches nothing (reporting/pdf.py).
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}"><rect width="{WIDTH}" height="{HEIGHT}" '
        f'fill="{EU_BLUE}"/>{"".join(stars)}</svg>'
    )
