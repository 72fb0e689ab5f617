"""Recognizers: one label per file, sharing the interface in ``base``."""
