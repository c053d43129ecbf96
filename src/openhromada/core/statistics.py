"""The query planner's statistics after a migration. SQLite rebuilds a table to alter one of its
columns and drops that table's statistics with it, and its planner then picks worse plans: the
milestones list of the API took 36 ms instead of 5 on the national data after a migration that
only lengthened a column. After any migration is applied, the statistics are gathered again
(a few seconds on the national data). PostgreSQL keeps them (and its autovacuum refreshes them)."""

from django.db import connections


def refresh_after_migrate(sender, *, using="default", plan=None, **kwargs) -> None:
    """post_migrate: ANALYZE an SQLite database when migrations were applied."""
    connection = connections[using]
    if plan and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
