"""Test set-up: the real codifier is loaded once per session into the test database."""

import functools

import pytest
from django.core.cache import cache
from django.utils import translation

from openhromada.places import codifier as codifier_module

pytest_plugins = [
    "tests.plans.fixtures",
    "tests.opendata.fixtures",
    "tests.councils.fixtures",
    "tests.participation.fixtures",
    "tests.monitoring.fixtures",
]  # plan fixtures shared with the apps built on plans

# Parsing the xlsx takes ~3 s; tests share one parse (they never mutate it).
_read_once = functools.lru_cache(maxsize=1)(codifier_module.read_codifier)


@pytest.fixture(scope="session")
def real_codifier():
    return _read_once()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, real_codifier):
    from openhromada.places.services import codifier_import

    with django_db_blocker.unblock():
        codifier_import(codifier=real_codifier)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # tests of the page cache turn it on themselves
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()  # rate limits live in the cache
    yield
    cache.clear()
    # A request in English leaves English active in the thread: the next test starts in the
    # platform's language, as a new request would.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def is_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"
