"""Names stored before sign-up asked for a public name could show an account's internal id
("Мешканець №12"): they become the neutral label that `User.public_name` now gives."""

from django.db import migrations

from openhromada.core.people import replace_id_labels

LABELS = (
    ("PlanTransition", "actor_label"),
    ("ProgressUpdate", "author_label"),
    ("Amendment", "author_label"),
)


def forwards(apps, schema_editor):
    for model_name, field in LABELS:
        replace_id_labels(apps.get_model("plans", model_name).objects.all(), field)


class Migration(migrations.Migration):
    dependencies = [("plans", "0004_history_container_backfill")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
