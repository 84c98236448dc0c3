"""A slide's media as what TimelineJS shows it as: a quotation (``<blockquote>``) becomes
the event's quote, an embedded page (``<iframe src=…>``) a link of kind ``embed`` to its
address, a YouTube, Vimeo, SoundCloud, Twitter, Wikipedia or Google Maps address or an
image a link of that kind; any other HTML, or an address the dataset refuses, is dropped
and said. A media link is never markup (see :class:`timeline.dataset.model.Media`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from timeline.dataset.model import Media
from timeline.text import is_web
from timeline.timelinejs.markup import Markup, read_markup

IMAGE_ENDINGS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".avif")
HOSTS = (  # (host or its parent domain, path prefix, kind), first match wins
    ("youtube.com", "", "youtube"),
    ("youtu.be", "", "youtube"),
    ("vimeo.com", "", "vimeo"),
    ("soundcloud.com", "", "soundcloud"),
    ("twitter.com", "", "twitter"),
    ("x.com", "", "twitter"),
    ("wikipedia.org", "", "wikipedia"),
    ("maps.google.com", "", "google maps"),
    ("google.com", "/maps", "google maps"),
    ("goo.gl", "/maps", "google maps"),
    ("maps.app.goo.gl", "", "google maps"),
)


@dataclass(frozen=True)
class Quote:
    """A ``<blockquote>`` given as media: its words (links as Markdown links) and who or
    what it cites, with the cited page's address when it gives one."""

    text: str
    cite: str = ""
    url: str = ""


@dataclass(frozen=True)
class SlideMedia:
    """What a slide's media became: a link (or none), a quotation, and what was dropped."""

    media: dict[str, str] | None = None
    quote: Quote | None = None
    dropped: str = ""  # the reason, said in the import's summary


def _on(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def media_kind(url: str) -> str:
    """The TimelineJS media type of an address, as the dataset names it."""
    parts = urlsplit(url) if is_web(url) else urlsplit("")
    host, path = (parts.hostname or "").lower(), parts.path.lower()
    for domain, prefix, kind in HOSTS:
        if _on(host, domain) and path.startswith(prefix):
            return kind
    ending = (parts.path if is_web(url) else url).lower().split("?", 1)[0]
    return "image" if ending.endswith(IMAGE_ENDINGS) else "link"


def _checked(media: dict[str, str]) -> SlideMedia:
    """The media as the dataset's model takes it: a thumbnail it refuses is dropped, a url
    it refuses drops the media; either is said."""
    try:
        Media.model_validate(media)
        return SlideMedia(media)
    except ValidationError as err:
        fields = {str(e["loc"][0]) for e in err.errors(include_url=False) if e["loc"]}
    if fields == {"thumbnail"}:
        rest = {k: v for k, v in media.items() if k != "thumbnail"}
        return SlideMedia(_checked(rest).media, dropped="thumbnails that are not a link")
    return SlideMedia(dropped="media addresses that are neither a web address nor a path")


def _quote(said: Markup, media: dict[str, str]) -> SlideMedia:
    attrs = said.elements["blockquote"]
    words, link = said.cite
    text = next((words for tag, words in said.blocks if tag == "blockquote"), said.linked)
    text = text.removesuffix(said.cite_linked).strip(" —–-") if said.cite_linked else text
    given = attrs.get("cite", "").strip()
    url = given if is_web(given) else link
    cite = words or media.get("credit", "") or media.get("caption", "")
    return SlideMedia(quote=Quote(text, cite, url if url and _checked({"url": url}).media else ""))


def _embed(said: Markup, media: dict[str, str]) -> SlideMedia:
    src = said.elements["iframe"].get("src", "").strip()
    if not is_web(src):
        return SlideMedia(dropped="embedded pages (<iframe>) with no web address")
    return _checked({**media, "url": src, "kind": "embed"})


def slide_media(media: dict[str, Any]) -> SlideMedia:
    """What TimelineJS would show for this media, as the dataset keeps it."""
    if not media:
        return SlideMedia()
    url = str(media["url"])
    if not url.startswith("<"):
        return _checked({**media, "kind": media_kind(url)})
    said = read_markup(url)  # as TimelineJS tells them: an <iframe> anywhere, then a quote
    if "iframe" in said.elements:
        return _embed(said, media)
    if "blockquote" in said.elements and said.plain:
        return _quote(said, media)
    tag = said.first[0] if said.first else "text"
    return SlideMedia(dropped=f"HTML media other than a quotation or an embed (<{tag}>)")
