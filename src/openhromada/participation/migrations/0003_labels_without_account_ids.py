"""The moderation log's names stored before sign-up asked for a public name could show an
account's internal id ("Мешканець №12"): they become the neutral label `User.public_name` gives."""

from django.db import migrations

from openhromada.core.people import replace_id_labels


def forwards(apps, schema_editor):
    replace_id_labels(
        apps.get_model("participation", "ModerationEntry").objects.all(), "subject_name"
    )


class Migration(migrations.Migration):
    dependencies = [("participation", "0002_hidden_indexes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
