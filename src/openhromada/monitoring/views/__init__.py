"""Monitoring pages, by part."""
