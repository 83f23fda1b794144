"""The desk's use cases (declare, verify, import, export, summarise): what GUI and CLI both call."""
