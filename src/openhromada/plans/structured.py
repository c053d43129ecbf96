"""Machine-readable twins of plan pages: API records, feeds, CSV, and schema.org JSON-LD."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from openhromada.core.structured import ATOM, CSV, JSON, alternate, jsonld


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def overview_twins() -> dict:
    return {
        "alternates": [
            alternate(JSON, "/api/v1/plans", _("Action plans in the API (JSON)")),
            alternate(CSV, "/data/plans.csv", _("All action plans (CSV)")),
            alternate(ATOM, reverse("opendata:feed"), _("Public changes (Atom)")),
        ]
    }


def plan_twins(plan) -> dict:
    hromada = plan.hromada
    page = reverse("plans:plan", args=[hromada.slug, plan.slug])
    return {
        "alternates": [
            alternate(JSON, f"/api/v1/plans/{plan.pk}", _("This plan in the API")),
            alternate(
                CSV,
                reverse("plans:plan_export", args=[hromada.slug, plan.slug, "csv"]),
                _("This plan (CSV)"),
            ),
            alternate(
                ATOM,
                reverse("opendata:plan_feed", args=[hromada.slug, plan.slug]),
                _("Public changes (Atom)"),
            ),
        ],
        "jsonld": jsonld(
            {
                "@type": "CreativeWork",
                "additionalType": "https://www.opengovpartnership.org/ogp-local/",
                "name": plan.title,
                "url": _absolute(page),
                "temporalCoverage": f"{plan.start_date.isoformat()}/{plan.end_date.isoformat()}",
                "creativeWorkStatus": plan.get_status_display(),
                "spatialCoverage": {"@type": "AdministrativeArea", "name": hromada.name},
                "license": settings.OPENDATA_LICENCE["url"],
                "dateModified": plan.updated_at,
            }
        ),
    }


def commitment_twins(commitment) -> dict:
    plan = commitment.plan
    args = [plan.hromada.slug, plan.slug]
    return {
        "alternates": [
            alternate(
                JSON, f"/api/v1/commitments/{commitment.pk}", _("This commitment in the API")
            ),
            alternate(
                ATOM,
                reverse("opendata:commitment_feed", args=[*args, commitment.number]),
                _("Public changes (Atom)"),
            ),
        ],
        "jsonld": jsonld(
            {
                "@type": "CreativeWork",
                "name": f"{commitment.number}. {commitment.title}",
                "url": _absolute(reverse("plans:commitment", args=[*args, commitment.number])),
                "isPartOf": {
                    "@type": "CreativeWork",
                    "name": plan.title,
                    "url": _absolute(reverse("plans:plan", args=args)),
                },
                "temporalCoverage": (
                    f"{commitment.start_date.isoformat()}/{commitment.end_date.isoformat()}"
                ),
                "license": settings.OPENDATA_LICENCE["url"],
                "dateModified": commitment.updated_at,
            }
        ),
    }
