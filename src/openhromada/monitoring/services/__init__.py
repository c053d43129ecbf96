"""Monitoring writes, by part: networks, findings, reports (each a module)."""
