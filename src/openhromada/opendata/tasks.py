"""Background work for open data (django-tasks; the database backend needs no broker)."""

from django_tasks import task


@task()
def build_dump_task() -> str:
    from .dumps import build_dump

    return str(build_dump())
