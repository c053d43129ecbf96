"""One service error type: services raise ServiceError (or PermissionDenied), pages show a
refusal no view caught as a 400 with its message and a safe way back, never a 500."""

import ast
from pathlib import Path

import pytest
from django.test import RequestFactory

from openhromada.core.errors import ServiceError
from openhromada.core.middleware import WithheldMiddleware

SRC = Path(__file__).resolve().parents[2] / "src" / "openhromada"
SERVICE_MODULES = [
    *sorted(SRC.glob("**/services.py")),  # an app's, or a sub-domain's (participation/calls/…)
    SRC / "participation" / "windows.py",
    SRC / "core" / "withholding.py",
]


def _raised_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return names


@pytest.mark.parametrize("path", SERVICE_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_services_raise_the_one_service_error(path):
    assert path.exists()
    assert "ValidationError" not in _raised_names(path)


def _refusal(referer=None):
    factory = RequestFactory()
    headers = {"HTTP_REFERER": referer} if referer else {}
    request = factory.post("/uk/participation/proposals/7/support/", **headers)
    middleware = WithheldMiddleware(lambda r: None)
    return middleware.process_exception(request, ServiceError(["Збір пропозицій закрито."]))


@pytest.mark.django_db
def test_a_refusal_no_view_caught_is_a_400_page_with_its_message_and_a_way_back():
    response = _refusal("http://testserver/uk/participation/proposals/7/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Збір пропозицій закрито." in page
    assert 'href="http://testserver/uk/participation/proposals/7/"' in page


@pytest.mark.django_db
def test_the_way_back_never_leads_off_the_site():
    page = _refusal("https://evil.example/phish").content.decode()
    assert "evil.example" not in page
    assert 'href="/"' in page  # not the refused address: it may answer only POST


def test_the_api_keeps_its_own_problem_answers():
    request = RequestFactory().post("/api/v1/proposals/7/support")
    middleware = WithheldMiddleware(lambda r: None)
    assert middleware.process_exception(request, ServiceError("x")) is None
