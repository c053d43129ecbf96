"""Monitoring reads, by part (networks, findings, reports, public views, homes)."""
