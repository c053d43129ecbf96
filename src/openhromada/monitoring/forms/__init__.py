"""Monitoring forms, by part."""
