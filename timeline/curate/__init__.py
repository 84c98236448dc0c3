"""Curation: from a new article to reviewed blocks for a dataset.

``new_source`` (the one way the command line and the Add-an-article page build the new
article's source), the cue-word rules that propose an event's kind (``kinds``), the
finder of multi-word names (``names``), and the proposal a curator checks: the blocks as
they are shown, the merged dataset, and its problems told against the shown lines
(``proposal``). Finding dated statements stays in :mod:`timeline.suggest`.
"""

from __future__ import annotations

from timeline.curate.source import new_source

__all__ = ["new_source"]
