"""The pure core of reader: corpus, analysis, annotation store, import and export.

Nothing in this package imports Textual or reader.ui (tests/test_layering.py checks it).
"""
