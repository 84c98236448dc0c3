"""Generate a realistic synthetic dataset: ``python -m benchmarks.make_events N -o FILE``.

N events over ten years, 50 actors with aliases in 6 affiliations, and sources shaped like
curated news: one article per 50 events by default (``--sources``), each with its own
publication date and its text written beside FILE (under ``articles/``). 80% of events
carry a date phrase read against their article's date ("in July", "on Wednesday",
"mid-June", "last September", "on 5 May", "in 2014", …), the rest a pin; quotes are really
in the texts; some events have figures. The same seed gives the same file.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
from pathlib import Path

AFFILIATIONS = ["Russia", "Chechnya", "Islamic State", "United States", "Syria", "Turkey"]
KINDS = ["military", "statement", "claim", "estimate", "media", "meeting", "broadcast", "political"]
STATUSES = ["reported", "reported", "reported", "claimed", "disputed", "confirmed"]
VERBS = ["said", "reported", "claimed", "announced", "denied", "confirmed", "stated"]
TOPICS = [
    "airstrikes near Aleppo",
    "a convoy on the border",
    "talks in Geneva",
    "fighters in Raqqa",
    "a video from Mosul",
    "the ceasefire",
    "a documentary",
    "refugees in Idlib",
    "the ministry's figures",
    "a raid in Dagestan",
]
START, YEARS = dt.date(2010, 1, 1), 10


def _actors(rng: random.Random) -> list[dict[str, object]]:
    first = ["Ivan", "Omar", "Anna", "Ramzan", "Sergei", "Ahmed", "John", "Maria", "Ali", "Oleg"]
    last = ["Petrov", "Kadyev", "Smith", "Haddad", "Orlov", "Basayev", "Jones", "Volkov", "Nasser"]
    actors = []
    for i in range(50):
        name = f"{rng.choice(first)} {rng.choice(last)} {i}"
        actors.append(
            {
                "id": f"actor-{i:02d}",
                "name": name,
                "aliases": [name.split()[1] + f" {i}", f"A{i}"],
                "affiliation": AFFILIATIONS[i % len(AFFILIATIONS)],
            }
        )
    return actors


def _sentence(rng: random.Random, actors: list[dict[str, object]], n: int) -> str:
    actor = rng.choice(actors)
    return (
        f"{actor['name']} {rng.choice(VERBS)} that {rng.randint(10, 5000)} people were part of "
        f"{rng.choice(TOPICS)} in operation {n}."
    )


def _articles(
    rng: random.Random, actors: list[dict[str, object]], folder: Path, count: int
) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for i in range(count):
        published = START + dt.timedelta(days=rng.randrange(365 * YEARS))
        sentences = [_sentence(rng, actors, i * 1000 + n) for n in range(60)]
        path = folder / f"bench-{i}.txt"
        path.write_text(" ".join(sentences) + "\n", encoding="utf-8")
        sources.append(
            {
                "id": f"source-{i}",
                "title": f"Report {i}",
                "outlet": f"Outlet {i % 40}",
                "published": published,
                "url": f"https://example.org/{i}",
                "text": f"articles/{path.name}",
                "sentences": sentences,
            }
        )
    return sources


MONTH = list(calendar.month_name)[1:]
PHRASES = [  # how reporters write a date, each read against the article's date
    lambda r, p: f"on {calendar.day_name[r.randrange(7)]}",
    lambda r, p: f"in {r.choice(MONTH)}",
    lambda r, p: f"{r.choice(['early', 'mid', 'late'])}-{r.choice(MONTH)}",
    lambda r, p: f"last {r.choice(MONTH)}",
    lambda r, p: f"on {r.randint(1, 28)} {r.choice(MONTH)}",
    lambda r, p: f"{r.choice(MONTH)} {r.randint(1, 28)}",
    lambda r, p: f"in {p.year - r.randint(0, 3)}",
    lambda r, p: f"in {r.choice(MONTH)} {p.year - r.randint(0, 2)}",
    lambda r, p: "earlier this week",
    lambda r, p: "last week",
]


def _date(rng: random.Random, source: dict) -> dict[str, str]:
    """A phrase (read against the source's date) on 80% of events, else a pin."""
    published: dt.date = source["published"]
    if rng.random() < 0.8:
        return {"when": rng.choice(PHRASES)(rng, published)}
    day = published - dt.timedelta(days=rng.randrange(400))
    kind = rng.random()
    if kind < 0.6:
        return {"date": day.isoformat()}
    if kind < 0.8:
        return {"date": f"{day:%Y-%m}"}
    return {
        "date": f"{day.isoformat()}/{(day + dt.timedelta(days=rng.randint(1, 60))).isoformat()}"
    }


def _event(rng: random.Random, n: int, sources: list[dict], actors: list[dict]) -> dict:
    source = rng.choice(sources)
    event = {
        "id": f"event-{n:06d}",
        "title": f"Event {n}: {rng.choice(TOPICS)}",
        "source": source["id"],
        **_date(rng, source),
        "actors": sorted({str(a["id"]) for a in rng.sample(actors, rng.choice([1, 1, 2, 3]))}),
        "kind": rng.choice(KINDS),
        "status": rng.choice(STATUSES),
        "quote": rng.choice(source["sentences"]),
    }
    if rng.random() < 0.1:
        event["figures"] = [
            {"value": rng.randint(10, 5000), "measure": "fighters", "claimant": event["actors"][0]}
        ]
    return event


def _yaml(value: object, indent: str = "") -> str:
    """A small YAML writer for this data (block lists and mappings, JSON-quoted strings)."""
    import json

    if isinstance(value, dict):
        return "".join(f"{indent}{k}:{_yaml_inline(v, indent)}" for k, v in value.items())
    return json.dumps(value)


def _yaml_inline(value: object, indent: str) -> str:
    import json

    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "\n" + "".join(
            f"{indent}  - " + _yaml(item, indent + "    ").lstrip() for item in value
        )
    if isinstance(value, list):
        return " [" + ", ".join(json.dumps(v) for v in value) + "]\n"
    if isinstance(value, dt.date):
        return f" {value.isoformat()}\n"
    return f" {json.dumps(value, ensure_ascii=False)}\n"


def generate(n: int, out: Path, seed: int = 2016, sources: int | None = None) -> Path:
    """``sources`` articles (default one per 50 events, as curated news has)."""
    rng = random.Random(seed)
    actors = _actors(rng)
    count = sources if sources else max(1, n // 50)
    written = _articles(rng, actors, out.parent / "articles", count)
    events = [_event(rng, i, written, actors) for i in range(n)]
    plain_sources = [{k: v for k, v in s.items() if k != "sentences"} for s in written]
    data = {
        "title": f"Synthetic benchmark, {n:,} events",
        "sources": plain_sources,
        "actors": actors,
        "events": events,
    }
    out.write_text(_yaml(data), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.make_events", description=__doc__)
    parser.add_argument("n", type=int, help="how many events")
    parser.add_argument("-o", "--output", required=True, type=Path)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument(
        "--sources", type=int, metavar="N", help="how many articles (default: one per 50 events)"
    )
    args = parser.parse_args()
    path = generate(args.n, args.output, args.seed, args.sources)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) and its articles/")


if __name__ == "__main__":
    main()
