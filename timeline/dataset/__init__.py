"""The dataset layer: a YAML file in, a validated, date-resolved dataset and its frames out.

``cache.open_dataset`` (and ``open_upload``, ``open_bytes``) is the one way in; see
docs/architecture.md for the modules in the order a load runs. Nothing is re-exported here,
so that importing the schema (``dataset.model``, a core module) loads nothing else.
"""
