"""baocao pipeline: discover → ingest (text per page) → normalise → extract → write."""
__version__ = "0.1.0"

# Bump when a change to ingest/normalise/extract changes results: cached
# per-document results carry it, so a bump re-processes everything once.
PIPELINE_VERSION = "8"


def load(out_dir="data/processed"):
    """The output tables as pandas DataFrames (see pipeline.load_tables)."""
    from .load_tables import load_tables

    return load_tables(out_dir)
