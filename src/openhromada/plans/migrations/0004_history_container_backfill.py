"""Fill in the action plan of every existing history entry about a plan, commitment, milestone,
progress update or amendment (new entries get it when they are recorded)."""

from django.db import migrations
from django.db.models import BigIntegerField, OuterRef, Subquery
from django.db.models.functions import Cast

# object type → (model, path from the object to its plan id)
PATHS = {
    "plans.actionplan": ("ActionPlan", "id"),
    "plans.commitment": ("Commitment", "plan_id"),
    "plans.milestone": ("Milestone", "commitment__plan_id"),
    "plans.progressupdate": ("ProgressUpdate", "milestone__commitment__plan_id"),
    "plans.amendment": ("Amendment", "commitment__plan_id"),
}


def backfill(apps, schema_editor):
    entries = apps.get_model("core", "HistoryEntry").objects
    for label, (model_name, path) in PATHS.items():
        model = apps.get_model("plans", model_name)
        plan_id = model.objects.filter(
            pk=Cast(OuterRef("object_id"), BigIntegerField())
        ).values(path)[:1]
        entries.filter(object_type=label).update(
            container_type="plans.actionplan", container_id=Subquery(plan_id)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_actionplan_plan_status_id_actionplan_plan_updated_and_more"),
        ("core", "0004_history_container"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
