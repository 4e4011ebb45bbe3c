"""termcheck: check Thai translations against curated glossaries."""

__version__ = "0.1.0"
