"""After migrations are applied, an SQLite database gathers its planner statistics again (a
table rebuilt by a migration loses them, and pages then took several times longer)."""

import pytest
from django.db import connection

from openhromada.core.statistics import refresh_after_migrate


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps its statistics")
def test_statistics_are_gathered_again_after_a_migration():
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
        refresh_after_migrate(None, using="default", plan=[])  # nothing applied: nothing done
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone()[0] == 0
        refresh_after_migrate(None, using="default", plan=[("migration", False)])
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone()[0] == 1
