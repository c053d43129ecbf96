"""A record with no history yet (made before the history, by an import or a fixture) shows an
empty list of changes, not an error."""

from openhromada.core.history_display import fold_kept_diffs


def test_no_entries_fold_to_none():
    assert fold_kept_diffs([]) == []
