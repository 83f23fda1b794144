"""The charts' tests, drawn headless (MPLBACKEND=Agg, set in the top conftest). What the
clipping checks look at is helpers.texts.drawn_texts."""
