"""The phrase rules, one table: for each, the phrases it reads (``pattern``, matched on the
cleaned, lower-cased phrase alone, with no date), the builder that reads a match against a
publication date (:mod:`timeline.dates.builders`), examples, and the patterns the phrase
finder searches running text with (``find``: as written, case-blind except month and
weekday names). Both kinds of pattern are built from the word lists of
:mod:`timeline.dates.words`, so the finder finds what the normaliser reads.

A phrase is matched against the table once (``read.candidates``); each publication date
then costs one builder call, microseconds, so 100,000 events from 2,000 articles cost what
their phrases cost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from timeline.dates import anchored as a
from timeline.dates import builders as b
from timeline.dates.span import Direction, Span
from timeline.dates.words import (
    CENTURY_WORDS,
    FIND_MONTH,
    FIND_WEEKDAY,
    FIND_YEAR,
    HOLIDAY,
    IN,
    MONTH,
    MONTH_NAMES,
    MONTH_WORDS,
    NUMBERS,
    SMALL_NUMBERS,
    SPELLED_YEAR,
    TIMES,
    WEEKDAY,
    cased,
    either,
)

Build = Callable[[re.Match[str], dt.date, Direction], "Span | None"]


@dataclass(frozen=True)
class Rule:
    """A phrase rule: what it is called, the phrases it may read, how it reads them against
    a date, examples of it (each read by this rule in an article of Thursday 1 October
    2015, and each found by the finder in a sentence: tests check) and what the finder
    searches for (empty: a shape the finder leaves to dateparser's search or to a pin)."""

    name: str
    pattern: re.Pattern[str]
    build: Build
    examples: tuple[str, ...]
    find: tuple[str, ...] = ()


def _rule(
    name: str, pattern: str, build: Build, *examples: str, find: tuple[str, ...] = ()
) -> Rule:
    searched = tuple(rf"\b(?:{f})\b" for f in find)
    return Rule(name, re.compile(pattern), build, examples, searched)


_UNITS = r"(?:day|week|month|year|decade)s?"
_NAMED_MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
_NAMED_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_NAMED_YEAR = r"(?: (?P<year>\d{4}))?"
_CENTURIES = either(CENTURY_WORDS)
_PREPOSITION = "(?:in|on|since|by|until|during|through|from|for|before|after)"
_SEASON = "spring|summer|fall|autumn|winter"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NO_YEAR_AFTER = r"(?!,? ?\d)"
_NO_DAY_AFTER = r"(?!\.? ?\d)"  # "since Feb. 27": the day is the month-day rule's
_COUNT = rf"(\d+|a|an|{either(SMALL_NUMBERS)})"
_CLAUSE_ENDS = r"(?!\s+(?:the|a|an|his|her|its|their|this|that|[A-Z0-9]))"  # "two years before"
# alone; "two years before the war" counts from the war
# A bare month is a date as a noun phrase's head or its subject: "March organisers" is not.
_ITS_VERB = "(?:was|were|is|has|had|saw|brought|marked|will)"
_COUNTED_FROM = rf"(?:later|earlier|(?:after|before){_CLAUSE_ENDS})"
_BARE_MONTH = cased(m for m in MONTH_WORDS[:12] if m != "May")  # "May" alone is a verb or a name
_ISO_MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"  # not "2014-15", a span of years

ANAPHORA = re.compile(
    r"(?:on |at |by )?(?:the same (?:day|week|month|year|time)|that (?:day|week|month|year|time)|"
    r"the (?:next|following|previous) (?:day|week|month|year)|the day (?:before|after)|"
    r"at the (?:same )?time|(?:the )?quarter|(?:the )?half|"
    rf"(?:\d+|{NUMBERS}) (?:days?|weeks?|months?|years?) (?:later|earlier|after|before))"
)

# In order: the first rule whose pattern matches and whose builder gives a span reads it.
RULES: tuple[Rule, ...] = (
    _rule(
        "approximate",
        r"(?:about|around|circa|c\.|ca\.|approximately|roughly|some) (.+)",
        b.rule_approximate,
        "c. Aug 2014",
        "about two weeks ago",
        "around mid-June",
    ),
    _rule("uncertain", r"(.+?) ?\?", b.rule_uncertain, "Aug 2014?"),
    _rule(
        "fiscal",
        r"(?:in |during |by )?(?:the )?(?:fiscal|fy)(?: year)? ?'?\d{2,4}",
        b.rule_fiscal,
        "fiscal 1989",
        "FY2015",
        find=(r"(?:fiscal|FY)(?: year)? ?'?\d{2,4}",),
    ),
    _rule(
        "years-earlier",
        rf"{_COUNT} years? (?:earlier|before)",
        a.rule_years_earlier,
        "a year earlier",
        "two years before",
        find=(rf"(?:\d+|a|an|{either(SMALL_NUMBERS)}) years? (?:earlier|before{_CLAUSE_ENDS})",),
    ),
    _rule(
        "past-period",
        rf"(?:in |over |during |for )?the (?:past|last) (?:{_COUNT} )?(day|week|month|year)s?",
        a.rule_past_period,
        "the past year",
        "over the past 12 months",
        find=(rf"(?:in |over |during )?the (?:past|last) (?:(?:\d+|{NUMBERS}) )?{_UNITS}",),
    ),
    _rule(
        "part-of",
        rf"(?:at |{_PREPOSITION} )?(?:the )?(end|start|beginning|middle) of (.+)",
        a.rule_part_of,
        "the end of 1990",
        "the end of last year",
        "the start of March",
        find=(
            rf"(?:the )?(?:end|start|beginning|middle) of (?:{FIND_MONTH}(?:,? {FIND_YEAR})?|"
            rf"{FIND_YEAR}|(?:last|this|next) (?:year|month))",
        ),
    ),
    _rule(
        "time-of-day",
        rf"(?:late|early) (?:on )?({WEEKDAY[1:-1]}|yesterday|today|tomorrow)",
        a.rule_time_of_day,
        "late yesterday",
        "early on Monday",
        find=(rf"(?:late|early) (?:on )?(?:{FIND_WEEKDAY}|yesterday|today|tomorrow)",),
    ),
    _rule(
        "anaphora",
        ANAPHORA.pattern,
        b.rule_anaphora,
        "the same day",
        "the next day",
        find=(
            r"the (?:same|next|following) day|the day before|that (?:day|week|month)",
            rf"(?:\d+|{NUMBERS}) (?:days?|weeks?|months?) {_COUNTED_FROM}",
            r"at the (?:same )?time(?! being)",
        ),
    ),
    _rule(
        "iso",
        r"\d{4}[\d/-]*|\d{1,3}",
        b.rule_iso,
        "2015-09-30",
        "2015-09/2015-10",
        find=(rf"{_ISO_MONTH}(?:-\d\d)?(?:/{_ISO_MONTH}(?:-\d\d)?)?",),
    ),
    _rule(
        "since-year",
        r"since (\d{4})",
        b.rule_since_year,
        "since 2007",
        find=(rf"since {FIND_YEAR}",),
    ),
    _rule(
        "part-of-month",
        rf"(?:in |during |by )?(early|mid|late)[- ]?{MONTH}(?:,? (\d{{4}}))?",
        b.rule_part_of_month,
        "mid-June",
        "late March 2016",
        find=(rf"(?:in |by )?(?:early|mid|late)[- ]?{FIND_MONTH}(?:,? {FIND_YEAR})?",),
    ),
    _rule(
        "last-next-month",
        rf"(last|next|this past|this coming) {MONTH}",
        b.rule_last_next_month,
        "last August",
        "next March",
        find=(rf"(?:last|next|this past|this coming) {FIND_MONTH}",),
    ),
    _rule(
        "same-weekday",
        rf"(?:on |this )?{WEEKDAY}(?: (?:{TIMES}))?",
        b.rule_same_weekday,
        "Thursday",  # in an article of a Thursday
    ),
    _rule(
        "earlier-this-week",
        r"earlier (?:this|in the) week",
        b.rule_earlier_this_week,
        "earlier this week",
        find=("earlier this week",),
    ),
    _rule(
        "duration",
        rf"(?:for |over )?(?:\d+|{NUMBERS}) {_UNITS}",
        b.rule_bare_duration,
        "two years",
    ),
    _rule("week-of", r"(?:the )?week of (.+)", b.rule_week_of, "week of 1 Feb 2016"),
    _rule("range", r".+\s+(?:–|—|-|to|until)\s+.+", b.rule_range, "30 Sep 2015 – 1 Oct 2015"),
    _rule(
        "quarter",
        rf"{IN}(?:q([1-4])[ -]?(\d{{4}})|(\d{{4}})[ -]q([1-4])|"
        rf"(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of)?(?: (\d{{4}}))?)",
        b.rule_quarter,
        "Q3 2015",
        "the third quarter",
        find=(
            rf"(?:the )?(?:first|second|third|fourth)[- ]quarter(?: of)?(?: {FIND_YEAR})?",
            rf"Q[1-4] {FIND_YEAR}",
        ),
    ),
    _rule(
        "half",
        rf"{IN}(?:h([12])[ -]?(\d{{4}})|(first|second|1st|2nd)[- ]half(?: of)?(?: (\d{{4}}))?)",
        b.rule_half,
        "H1 2016",
        "the first half of 2016",
        find=(
            rf"(?:the )?(?:first|second) half of {FIND_YEAR}",
            rf"H[12] {FIND_YEAR}",
        ),
    ),
    _rule(
        "season",
        rf"{IN}(?:(last|next|this|this past|this coming) )?({_SEASON})"
        rf"(?: (?:of )?(\d{{4}})(?:[–/-](\d{{2}}))?)?",
        b.rule_season,
        "last fall",
        "winter 2015",
        find=(
            rf"(?:last|next|this) (?:{_SEASON})",
            rf"(?:{_SEASON}) (?:of )?{FIND_YEAR}",
        ),
    ),
    _rule(
        "decade",
        rf"{IN}(early|mid|late)?[- ]?(?:(\d{{3}})0|'(\d)0)['’]?s",
        b.rule_decade,
        "the 1980s",
        "the early '90s",
        find=(r"(?:the )?(?:early |mid-|late )?(?:(?:1[0-9]|20)\d0|'\d0)['’]?s",),
    ),
    _rule(
        "century",
        rf"{IN}(?:(\d{{1,2}})(?:st|nd|rd|th)|({_CENTURIES}))[- ]century",
        b.rule_century,
        "the 20th century",
        find=(r"(?:the )?\d{1,2}(?:st|nd|rd|th)[- ]century",),
    ),
    _rule(
        "within-period",
        r"(earlier|later) (?:this|in the) (month|year)",
        b.rule_within_period,
        "earlier this month",
        "later this year",
        find=("(?:earlier|later) (?:this|in the) (?:month|year)",),
    ),
    _rule(
        "weekend",
        r"(?:on |at |over |during )?(?:the )?(?:(last|next|this|coming|past) )?weekend",
        b.rule_weekend,
        "over the weekend",
        "last weekend",
        find=("(?:over |during |on )?(?:the|this|last|next) weekend",),
    ),
    _rule(
        "month-of-year",
        rf"(?:in |since |by )?{MONTH}(?: of)? (last|this|next) year",
        b.rule_month_of_year,
        "June last year",
        find=(rf"(?:in )?{FIND_MONTH} (?:last|next|this) year",),
    ),
    _rule(
        "part-of-year",
        r"(?:in |by |since |until )?(?:the )?(early|mid|late)[- ]?"
        r"(?:(\d{4})|(last|this|next) year)",
        b.rule_part_of_year,
        "early 2016",
        "mid-2015",
        "late next year",
        find=(rf"(?:early|mid|late)[- ](?:{FIND_YEAR}|next year|last year|this year)",),
    ),
    _rule(
        "holiday",
        rf"(?:on |at |over |during |by |until |since )?(?:(?P<which>last|next|this) )?(?:the )?"
        rf"(?P<holiday>{HOLIDAY})(?:,? (?P<year>\d{{4}}))?",
        b.rule_holiday,
        "Christmas",
        "Victory Day 2015",
        "last Thanksgiving",
        find=(rf"(?:last |next |this )?(?:{HOLIDAY})(?:,? {FIND_YEAR})?",),
    ),
    _rule(
        "spelled-year",
        rf"(?:in |since |by |until |before )?(?:the year )?{SPELLED_YEAR}",
        b.rule_spelled_year,
        "in nineteen ninety-six",
        "in twenty fifteen",
        "since two thousand and three",
        find=(rf"(?:in|since|by|until|the year) {SPELLED_YEAR}",),  # not "two thousand" alone
    ),
    _rule(
        "weekday",
        rf"(?:on |for |by |until |since )?{WEEKDAY}",
        b.fast_weekday,
        "on Tuesday",
        find=(rf"(?:on |last |next |this )?{FIND_WEEKDAY}(?: (?:{TIMES}))?",),
    ),
    _rule("last-week", r"last week", b.fast_last_week, "last week", find=("last week",)),
    _rule(
        "month-day",
        rf"(?:{_PREPOSITION} )?{_NAMED_MONTH}(?: {_NAMED_DAY})?,?{_NAMED_YEAR}",
        b.fast_month_day,
        "in May",
        "May 5th",
        "May 2014",
        find=(
            rf"(?:on )?{FIND_MONTH} \d{{1,2}},? {FIND_YEAR}",
            rf"(?:on |by |until )?{FIND_MONTH} {_DAY}\b{_NO_YEAR_AFTER}",
            rf"(?:in |by |since |during )?{FIND_MONTH},? {FIND_YEAR}",
            rf"(?:{_PREPOSITION}) {FIND_MONTH}{_NO_DAY_AFTER}",
            rf"(?<=the ){_BARE_MONTH}{_NO_DAY_AFTER}",  # "the February agreement"
            rf"{_BARE_MONTH}(?=\s+{_ITS_VERB}\b|\s*[,;:.!?])",  # "December was", "… in December."
        ),
    ),
    _rule(
        "day-month",
        rf"(?:{_PREPOSITION} )?{_NAMED_DAY} {_NAMED_MONTH},?{_NAMED_YEAR}",
        b.fast_month_day,
        "on 5 May",
        "5 May 2014",
        find=(
            rf"(?:on )?\d{{1,2}} {FIND_MONTH},? {FIND_YEAR}",
            rf"(?:on |by )?{_DAY} {FIND_MONTH}\b\.?{_NO_YEAR_AFTER}",
        ),
    ),
    _rule(
        "year",
        r"(?:in )?(?:the )?(\d{4})(?: period)?",
        b.fast_year,
        "in 2014",
        "the 1988 period",
        find=(rf"(?:in|by|since|during) {FIND_YEAR}", rf"the {FIND_YEAR} period"),
    ),
    _rule(
        "dateparser",
        r".+",
        b.by_dateparser,
        "three weeks ago",
        "yesterday",
        find=(
            rf"(?:\d+|{NUMBERS}) (?:days?|weeks?|months?|years?) ago",
            "(?:this|next|last) (?:week|month|year)|yesterday|today|tomorrow",
        ),
    ),
)

FINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule.name, re.compile(pattern, re.I)) for rule in RULES for pattern in rule.find
)
