"""The schema of ``events.yaml``: sources, actors and events, as pydantic models.

Field names are plain and every model forbids unknown fields, so a typo such as
``actor:`` for ``actors:`` is an error, not a silently ignored key.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from timeline.dates import Looking, Span, parse_pin

Kind = Literal[
    "military",
    "statement",
    "claim",
    "estimate",
    "media",
    "meeting",
    "broadcast",
    "political",
    "unknown",
]
# "unknown": what an import from a file with no article cannot know, said rather than invented
Status = Literal["reported", "claimed", "disputed", "confirmed", "unknown"]
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
UNATTRIBUTED = "Unattributed"  # the actor of imported slides with no group: no group back
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
LaneMode = Literal["actor", "affiliation", "kind", "source", "single"]
LANE_MODES: tuple[LaneMode, ...] = get_args(LaneMode)


def _pin_text(value: Any) -> Any:
    """YAML reads ``date: 2015`` as a number; a pin is text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=100)]
Text = Annotated[str, Field(min_length=1)]
Pin = Annotated[str | None, BeforeValidator(_pin_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Identified(Strict):
    """An item that others refer to by its ``id``."""

    id: Slug


class Source(Identified):
    """An article the events come from."""

    title: Text
    outlet: Text
    published: dt.date | None = Field(
        None, description="left out only when unknown (an import); its events then need a pin"
    )
    url: Text | None = None
    text: Text | None = Field(None, description="path of the article's text, relative to the YAML")
    author: str | None = None
    date_order: Literal["dmy", "mdy"] | None = Field(
        None, description="how the outlet writes numeric dates: 05/09/2015 is dmy or mdy"
    )
    via: Text | None = Field(
        None,
        description="where a relayed copy comes from: another source's id or an agency's "
        "name (AFP via GlobalPost); relays of one origin count as one outlet",
    )

    @field_validator("url")
    @classmethod
    def _http_only(cls, url: str | None) -> str | None:
        if url is not None and (not url.lower().startswith(("http://", "https://")) or " " in url):
            raise ValueError("must be an http:// or https:// address")
        return url


class Actor(Identified):
    """A person, body or group that events are about; ``affiliation`` groups actors."""

    name: Text
    aliases: list[Text] = Field(default_factory=list)
    affiliation: Text
    description: str | None = None


UNSAFE_IN_LINKS = frozenset("<>\"'`")  # with white space: what a link never holds
MediaKind = Literal[
    "image",
    "youtube",
    "vimeo",
    "soundcloud",
    "twitter",
    "wikipedia",
    "google maps",
    "embed",
    "link",
]
MEDIA_KINDS: tuple[str, ...] = get_args(MediaKind)


def _linkable(url: str | None) -> str | None:
    """A web address or a path relative to the page, and nothing that could be markup or
    script: no other scheme (``javascript:``, ``data:``), no ``<``, ``>``, quotes or white
    space, so no output can be made to read it as anything but a link."""
    if url is None:
        return url
    scheme = url.split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
    bad = sorted({c for c in url if c in UNSAFE_IN_LINKS or c.isspace()})
    if scheme not in ("", "http", "https") or bad:
        said = f"; it has {' '.join(map(repr, bad))}" if bad else f"; {scheme}: is not allowed"
        raise ValueError(
            "must be an http:// or https:// address, or a relative path (no <, >, quotes or "
            f"spaces){said}"
        )
    return url


class Media(Strict):
    """A picture, video or page that goes with an event (a TimelineJS slide's media); shown
    as a link with its caption and credit, never fetched when the data is loaded. ``kind``
    is what TimelineJS showed it as (an import's): a YouTube video, an embedded page, …"""

    url: Text
    caption: str | None = None
    credit: str | None = None
    thumbnail: str | None = None
    kind: MediaKind | None = None

    _urls = field_validator("url", "thumbnail")(_linkable)


class Period(Strict):
    """A named stretch of time (a TimelineJS era), drawn as a band behind the events."""

    name: Text
    date: Annotated[str, BeforeValidator(_pin_text)] = Field(
        description="YYYY, YYYY-MM, YYYY-MM-DD or START/END"
    )

    @property
    def span(self) -> Span:
        """The days the period covers (DateError for a pin that is not a date; the loader
        keeps only periods that have one)."""
        return parse_pin(self.date)


class Figure(Strict):
    """A number an event reports, such as an estimate of fighters."""

    model_config = ConfigDict(allow_inf_nan=False)  # .inf and .nan are no figure (nor JSON)
    value: float
    unit: Text = "people"
    measure: Text
    qualifier: Literal["exactly", "about", "over", "nearly", "at least", "up to"] = "exactly"
    low: float | None = None
    high: float | None = None
    claimant: Slug | None = None
    note: str | None = None

    @field_validator("high")
    @classmethod
    def _high_not_below_low(cls, high: float | None, info: Any) -> float | None:
        low = info.data.get("low")
        if high is not None and low is not None and high < low:
            raise ValueError(f"high ({high:g}) is below low ({low:g})")
        return high


class Report(Strict):
    """A further report of an event in another article: its own source, date phrase (or
    pin), quote and, optionally, the status and figures that article gives."""

    source: Slug
    when: str | None = Field(None, description="the phrase exactly as this article words it")
    direction: Looking = "past"
    date: Pin = Field(None, description="a pin, as an event's `date:`")
    date_note: str | None = None
    quote: Text | None = Field(None, description="this article's words, verbatim")
    status: Status | None = Field(None, description="the claim status in this report")
    figures: list[Figure] = Field(default_factory=list)
    note: str | None = None


class Event(Identified):
    """One dated happening, as an article tells it."""

    title: Text
    source: Slug
    when: str | None = Field(None, description="the phrase exactly as the article words it")
    direction: Looking = "auto"  # the verb that governs the phrase in `quote`; none: past
    date: Pin = Field(
        None, description="YYYY, YYYY-MM, YYYY-MM-DD or START/END, or EDTF (2014-08~, 2014?)"
    )
    date_note: str | None = None
    time: str | None = Field(
        None,
        pattern=TIME_PATTERN,
        description="time of day, HH:MM or HH:MM:SS: orders the events of one day",
    )
    actors: list[Slug] = Field(min_length=1)
    kind: Kind
    status: Status
    quote: Text | None = Field(None, description="the article's words; an import's slide text")
    media: Media | None = None
    figures: list[Figure] = Field(default_factory=list)
    tags: list[Text] = Field(default_factory=list)
    notes: str | None = None
    reports: list[Report] = Field(
        default_factory=list, description="further reports; the event's own fields are its first"
    )


FIELDS = {
    "sources": tuple(Source.model_fields),
    "actors": tuple(Actor.model_fields),
    "events": tuple(Event.model_fields),
    "figures": tuple(Figure.model_fields),
    "reports": tuple(Report.model_fields),
    "media": tuple(Media.model_fields),
    "periods": tuple(Period.model_fields),
}
TOP_LEVEL = ("title", "description", "lanes", "media", "periods", "sources", "actors", "events")
