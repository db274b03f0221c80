"""The public mix of the load benchmark as a list of (weight, group, path): every page the visitors of
scripts/load_mix.py ask for, and how often, from the councils they are interested in.

What a day of visitors asks for: council pages most (a committee meeting opens one council; the press and the
region open the councils in the news, so those take a large share), the councils table, the national picture,
compare, the tables of judgements and inspections, and now and then a CSV.
"""

REGIONS = ["London", "North West", "South East", "East Midlands", "Yorkshire and The Humber"]


def public_mix(slugs: list[str]) -> list[tuple[float, str, str]]:
    news, others = slugs[:3], slugs
    mix = [(1, "home", "/")]

    def spread(weight, group, paths, in_the_news):
        """Half of the group's weight on the councils in the news, half on all of them."""
        paths_news, paths_all = [paths(s) for s in news], [paths(s) for s in others]
        if not in_the_news:
            paths_news, paths_all = [], paths_all
        share = weight / 2 if in_the_news else weight
        mix.extend((share / len(paths_news), group, p) for p in paths_news)
        mix.extend(
            ((weight - share if in_the_news else weight) / len(paths_all), group, p) for p in paths_all
        )

    spread(30, "council page", lambda s: f"/authorities/{s}/", True)
    spread(2, "council CSV", lambda s: f"/authorities/{s}/?download=timeline", True)
    councils = ["/authorities/"] + [f"/authorities/?region={r.replace(' ', '+')}" for r in REGIONS]
    mix.extend((10 / len(councils), "councils table", p) for p in councils)
    national = ["/national/", "/national/?kind=ilacs", "/national/?theme=help_and_protection"]
    mix.extend((12 / len(national), "national picture", p) for p in national)
    pairs = [f"/compare/?a={a}&a={b}" for a in news for b in others if a != b]
    mix.extend((6 / len(pairs), "compare", p) for p in pairs)
    spread(4, "compare", lambda s: f"/compare/?neighbours_of={s}", True)
    mix.extend((2 / len(REGIONS), "compare", f"/compare/?region={r.replace(' ', '+')}") for r in REGIONS)
    tables = ["/judgements/?theme=overall&value=4", "/inspections/", "/recommendations/"]
    mix.extend((4 / len(tables), "tables", p) for p in tables)
    spread(4, "tables", lambda s: f"/inspections/?council={s}", False)
    return mix
