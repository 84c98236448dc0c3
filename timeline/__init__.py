"""timeline: curated, date-normalised events drawn as an interactive timeline."""

__version__ = "0.1.0"
