"""Rendering recommendations for people (Markdown, HTML) and programs (JSON)."""
