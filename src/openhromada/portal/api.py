"""The public API, version 1: one NinjaAPI; each app contributes its router."""

from ninja import NinjaAPI, Router

from openhromada.councils.api import router as councils_router
from openhromada.monitoring.api import router as monitoring_router
from openhromada.opendata import problems
from openhromada.opendata.endpoints import dataset_router
from openhromada.opendata.history_data import HISTORY
from openhromada.opendata.tokens import AnonymousThrottle, TokenThrottle
from openhromada.participation.api import router as participation_router
from openhromada.places.api import router as places_router
from openhromada.plans.api import router as plans_router

DESCRIPTION = """
Open data of Open Hromada (Відкрита громада): places, OGP Local action plans, commitments,
milestones, progress reports, coordination councils (members, meetings, decisions, votes),
calls for proposals, proposals with their responses, consultations and comments, independent
monitoring (networks, member organisations, assessments, reports and the hromadas' replies), and
the public history of every change.

* **Reading** needs no account. Lists take filters, `limit` (1–500) and `cursor` (from the
  previous page's `next`); the order is stable. Responses carry `ETag` and `Last-Modified`, and
  answer a conditional GET with `304`.
* **Writing** needs a personal API token with the write scope, sent as
  `Authorization: Bearer <token>`; the same rules apply as on the platform's pages.
* **Dates and times** are ISO 8601; times are in UTC, with their offset.
* **Errors** are RFC 7807 problem details (`application/problem+json`) naming the parameter.
* **Limits**: anonymous and token requests are rate-limited; `429` comes with `Retry-After`.
* **Licence**: CC BY 4.0 unless stated otherwise. Bulk downloads and the DCAT catalogue are at
  `/data/`.
"""


class OpenHromadaAPI(NinjaAPI):
    """Documents every problem an operation can answer (problems.ProblemDocument)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return problems.ProblemDocument(self, path_prefix)


api = OpenHromadaAPI(
    title="Open Hromada API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    throttle=[AnonymousThrottle(), TokenThrottle()],
    docs_url="/docs/interactive",  # the reference itself is a site page (portal.docs)
    openapi_url="/openapi.json",
)
problems.install(api)

history_router = Router()
history_router.add_router("/history", dataset_router(HISTORY, "Public history"))

api.add_router("", places_router)
api.add_router("", plans_router)
api.add_router("", councils_router)
api.add_router("", participation_router)
api.add_router("", monitoring_router)
api.add_router("", history_router)
