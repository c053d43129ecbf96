"""The OpenAPI document, as committed to the repository (a test keeps the two identical)."""

import json
from pathlib import Path

from django.utils import translation

from .api import api

COMMITTED = Path(__file__).with_name("openapi-v1.json")


def generate() -> str:
    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
