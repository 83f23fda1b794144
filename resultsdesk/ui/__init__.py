"""Qt widgets and models. The only layer that imports Qt."""
