"""The public history: append-only, hash-chained, verifiable, linear under concurrent writers."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from openhromada.core.history import history_for, record, verify_chain
from openhromada.core.models import HistoryEntry, HistoryHead
from openhromada.places.models import Hromada
from openhromada.places.services import hromada_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hromada():
    return Hromada.objects.get(slug="khmelnytska")


def test_update_records_who_when_and_field_diff(hromada):
    editor = UserFactory(display_name="Оператор")
    hromada_update(
        actor=editor, hromada=hromada, population=274_452, population_source="Test source"
    )
    entry = history_for(hromada).first()
    assert entry.actor_label == "Оператор"
    assert entry.action == "update"
    assert entry.changes == {"population": [None, 274452], "population_source": ["", "Test source"]}
    assert verify_chain().ok


def test_update_without_change_records_nothing(hromada):
    before = HistoryEntry.objects.count()
    hromada_update(actor=None, hromada=hromada, population=None)
    assert HistoryEntry.objects.count() == before


def test_entries_cannot_be_changed_or_deleted_through_the_orm(hromada):
    entry = record(actor=None, obj=hromada, action="update", changes={"website": ["", "x"]})
    entry.object_repr = "forged"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        HistoryEntry.objects.filter(pk=entry.pk).update(object_repr="forged")
    with pytest.raises(PermissionError):
        HistoryEntry.objects.filter(pk=entry.pk).delete()


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _three_entries(hromada):
    return [
        record(actor=None, obj=hromada, action="update", changes={"website": ["", str(i)]})
        for i in range(3)
    ]


def test_verify_detects_an_edited_entry(hromada):
    entries = _three_entries(hromada)
    _sql("UPDATE core_historyentry SET actor_label = %s WHERE id = %s", ["Mallory", entries[1].pk])
    report = verify_chain()
    assert not report.ok
    assert any(f"#{entries[1].seq}" in p and "edited" in p for p in report.problems)


def test_verify_detects_a_deleted_entry(hromada):
    entries = _three_entries(hromada)
    _sql("DELETE FROM core_historyentry WHERE id = %s", [entries[1].pk])
    report = verify_chain()
    assert any("deleted or inserted" in p for p in report.problems)


def test_verify_detects_entries_deleted_from_the_end(hromada):
    entries = _three_entries(hromada)
    _sql("DELETE FROM core_historyentry WHERE id = %s", [entries[-1].pk])
    assert any("deleted from the end" in p for p in verify_chain().problems)


def test_verify_detects_an_inserted_entry_even_with_a_correct_own_hash(hromada):
    entries = _three_entries(hromada)
    forged = HistoryEntry(
        **{
            f.attname: getattr(entries[1], f.attname)
            for f in HistoryEntry._meta.fields
            if f.attname != "id"
        }
    )
    _sql("UPDATE core_historyentry SET seq = seq + 1000000 WHERE seq > %s", [entries[0].seq])
    forged.seq = entries[0].seq + 1
    forged.changes = {"website": ["", "forged"]}
    forged.hash = forged.compute_hash()  # the forger recomputes its own hash…
    forged.save()
    report = verify_chain()
    assert not report.ok  # …but the links after it no longer hold


def test_verify_history_command_fails_loudly_on_tampering(hromada, capsys):
    call_command("verify_history")
    assert "intact" in capsys.readouterr().out
    entries = _three_entries(hromada)
    _sql(
        "UPDATE core_historyentry SET changes = %s WHERE id = %s",
        ['{"website": ["", "evil"]}', entries[0].pk],
    )
    with pytest.raises(CommandError, match="NOT intact"):
        call_command("verify_history")


@pytest.mark.django_db(transaction=True)
def test_chain_stays_linear_under_concurrent_writers():
    """Writers in parallel threads, each with its own connection, never fork the chain."""
    from openhromada.places.models import Oblast

    oblast = Oblast.objects.create(
        code="UA99000000000000001", slug="test", name_uk="Тест", name_en="Test", kind="oblast"
    )
    writers, per_writer, errors = 4, 15, []
    before = verify_chain().checked

    def write(n):
        try:
            for i in range(per_writer):
                record(
                    actor=None,
                    obj=oblast,
                    action="update",
                    changes={"name_en": [f"{n}-{i}", f"{n}-{i + 1}"]},
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = verify_chain()
    assert report.ok, report.problems
    assert report.checked == before + writers * per_writer
    assert HistoryHead.objects.get().last_seq == before + writers * per_writer
