"""Moderation in the open: abuse reports, hiding and restoring, blocking, the public log and the
moderators' queue."""
