"""Calls for proposals and proposals: attachments, supports and the hromada's reasoned
responses."""
