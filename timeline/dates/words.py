"""The words dates are written in: one set of lists, for the normaliser (which reads a
phrase lower-cased) and for the finder (which searches a sentence as written, where "May"
and "March" are months only when capitalised). Each list is here once; the patterns of
both are built from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable

from dateutil.easter import EASTER_ORTHODOX, easter

MONTH_WORDS = (*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept")
MONTHS = {name.lower(): i % 12 + 1 for i, name in enumerate(MONTH_WORDS[:24])} | {"sept": 9}
ABBR = ("", *(calendar.month_abbr[i] for i in range(1, 13)))  # read once: each look-up formats
WEEKDAY_WORDS = tuple(calendar.day_name)
WEEKDAYS = {name.lower(): i for i, name in enumerate(WEEKDAY_WORDS)}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}  # days of a month
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}  # thirds of a year
NUMBER_WORDS = (
    *("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("several", "a few", "few", "many"),
)
TIMES_OF_DAY = ("morning", "afternoon", "evening", "night")


def either(words: Iterable[str]) -> str:
    """An alternation of ``words``, longest first (so "Sept" is tried before "Sep")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def cased(words: Iterable[str]) -> str:
    """``words`` as written (capitalised), inside a pattern the finder runs case-blind."""
    return f"(?-i:{either(words)})"


# The normaliser's (lower case) and the finder's (as written) forms of the same lists.
MONTH_NAMES = either(MONTHS)
MONTH = rf"({MONTH_NAMES})\.?"
WEEKDAY = f"({either(WEEKDAYS)})"
NUMBERS = either(NUMBER_WORDS)
TIMES = either(TIMES_OF_DAY)
FIND_MONTH = rf"{cased(MONTH_WORDS)}\.?"
FIND_WEEKDAY = cased(WEEKDAY_WORDS)
FIND_YEAR = r"(?:1[89]\d\d|20\d\d)"  # a year in running text; "2500 troops" is none

ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
ORDINAL |= {"fourth": 4, "4th": 4}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
IN = r"(?:in |during |by |since |until )?(?:the )?"
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
CENTURY_WORDS = {w: i for i, w in enumerate([*_ORDINAL_WORDS.split(" "), "twenty-first"], 1)}

RELATIVE_YEARS = {"last": -1, "this": 0, "next": 1}


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "orthodox christmas": lambda y: dt.date(y, 1, 7),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's": lambda y: dt.date(y, 1, 1),
    "defender of the fatherland": lambda y: dt.date(y, 2, 23),
    "international women's": lambda y: dt.date(y, 3, 8),
    "victory": lambda y: dt.date(y, 5, 9),
    "russia": lambda y: dt.date(y, 6, 12),
    "national unity": lambda y: dt.date(y, 11, 4),
    "unity": lambda y: dt.date(y, 11, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),  # the fourth Thursday of November
    "easter": lambda y: easter(y),
    "orthodox easter": lambda y: easter(y, EASTER_ORTHODOX),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's": lambda y: dt.date(y, 2, 14),
}
# Named after a word that is no date by itself ("Russia", "victory"): only with their "Day".
NAMED_BY_DAY = {"victory", "russia", "unity", "national unity", "defender of the fatherland"}
NAMED_BY_DAY |= {"international women's"}


def _holiday_pattern(name: str) -> str:
    words = re.escape(name).replace("'", "['’]")
    return f"{words} day" if name in NAMED_BY_DAY else f"{words}(?: day| sunday)?"


HOLIDAY = "|".join(  # a holiday's name as written, lower case; also what the finder looks for
    _holiday_pattern(name) for name in sorted(HOLIDAYS, key=len, reverse=True)
)

_UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SMALL_NUMBERS = {w: i for i, w in enumerate(_UNITS_WORDS, 1)} | {
    w: i for i, w in enumerate(_TEENS, 10)
}
SMALL_NUMBERS |= {w: 10 * i for i, w in enumerate(_TENS, 2)}
_TENS_OR_TEENS = "|".join([*_TEENS, *_TENS])
_UNITS_ONLY = "|".join(_UNITS_WORDS)
_TEN_TO_99 = (
    rf"(?:(?:{'|'.join(_TENS)})[- ](?:{_UNITS_ONLY})|{_TENS_OR_TEENS})"  # "twenty-five" is no year
)
_UP_TO_99 = rf"(?:{_TEN_TO_99}|{_UNITS_ONLY})"


SPELLED_YEAR = (  # also what the phrase finder looks for
    rf"(?:(?P<century>{'|'.join(_TEENS)}|twenty)[- ](?:(?P<rest>{_TEN_TO_99})|hundred)"
    rf"|two thousand(?: and)?(?: (?P<thousands>{_UP_TO_99}))?)"
)


def words_number(words: str) -> int:
    """ "ninety-six" -> 96, "fifteen" -> 15 (at most two words, tens then units)."""
    return sum(SMALL_NUMBERS[w] for w in re.split(r"[- ]", words) if w)
