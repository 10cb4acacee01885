"""reader: a terminal reader for news articles with entities, quotations and annotations."""

__version__ = "0.1.0"
