"""Date phrases to spans.

A phrase as an article words it ("In July", "on Wednesday", "mid-June") is read against
the article's publication date (the *base*) and a direction (``past`` for looking-back
news text, ``future`` for announcements, ``auto`` for the sentence to decide) and becomes a
:class:`Span`: inclusive start and end dates, the precision of what the phrase says, a
display label and a note of how it was resolved.

The package, in the order it builds up: ``words`` (the one set of word lists), ``span``
(spans, errors, span builders), ``pins`` (ISO and EDTF pins, EDTF out), ``builders`` and
``anchored`` (how each rule reads a match), ``rules`` (the table: what each rule reads and
what the finder searches for), ``direction`` (the verb that governs a phrase), ``read``
(normalise, read, direction ``auto``), ``finder`` (where the phrases are in a sentence).
Every public name is re-exported here: ``dates.X`` works. See docs/dates.md.
"""

from timeline.dates.builders import rule_dateparser
from timeline.dates.direction import Cue, direction_of
from timeline.dates.finder import overlaps, rule_matches
from timeline.dates.pins import EDTF_GROUPS, EDTF_ONLY, edtf_of, flagged, parse_pin
from timeline.dates.read import (
    NUMERIC,
    ORDER_HINT,
    candidates,
    clean_phrase,
    normalise,
    read,
    read_with,
)
from timeline.dates.rules import ANAPHORA, FINDS, RULES, Rule
from timeline.dates.span import (
    DIRECTIONS,
    MAX_PHRASE,
    PRECISIONS,
    DateError,
    DateOrder,
    Direction,
    Looking,
    Precision,
    Refused,
    Span,
    century_span,
    day_label,
    day_span,
    decade_span,
    half_span,
    month_label,
    month_span,
    months_span,
    part_of_year_span,
    part_span,
    quarter_span,
    range_span,
    season_span,
    week_span,
    year_span,
)
from timeline.dates.words import (
    CENTURY_WORDS,
    FIND_MONTH,
    FIND_WEEKDAY,
    FIND_YEAR,
    HOLIDAY,
    HOLIDAYS,
    MONTH_WORDS,
    MONTHS,
    SEASONS,
    SPELLED_YEAR,
    WEEKDAY_WORDS,
    WEEKDAYS,
    either,
)

# Bump when a phrase may read differently (the disk cache keys on it, so no stale span is
# served): 2, the package; the direction from the governing verb; anchored phrases.
GRAMMAR = 2

__all__ = [
    "ANAPHORA",
    "CENTURY_WORDS",
    "DIRECTIONS",
    "EDTF_GROUPS",
    "EDTF_ONLY",
    "FINDS",
    "FIND_MONTH",
    "FIND_WEEKDAY",
    "FIND_YEAR",
    "GRAMMAR",
    "HOLIDAY",
    "HOLIDAYS",
    "MAX_PHRASE",
    "MONTHS",
    "MONTH_WORDS",
    "NUMERIC",
    "ORDER_HINT",
    "PRECISIONS",
    "RULES",
    "SEASONS",
    "SPELLED_YEAR",
    "WEEKDAYS",
    "WEEKDAY_WORDS",
    "Cue",
    "DateError",
    "DateOrder",
    "Direction",
    "Looking",
    "Precision",
    "Refused",
    "Rule",
    "Span",
    "candidates",
    "century_span",
    "clean_phrase",
    "day_label",
    "day_span",
    "decade_span",
    "direction_of",
    "edtf_of",
    "either",
    "flagged",
    "half_span",
    "month_label",
    "month_span",
    "months_span",
    "normalise",
    "overlaps",
    "parse_pin",
    "part_of_year_span",
    "part_span",
    "quarter_span",
    "range_span",
    "read",
    "read_with",
    "rule_dateparser",
    "rule_matches",
    "season_span",
    "week_span",
    "year_span",
]
