"""sitemap.xml: the main pages (home, directory, plans, taking part, open data and every
dataset's page), every hromada, public plan and commitment, council and public council meeting,
call for proposals, visible proposal and published consultation, in both languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from openhromada.core import visibility
from openhromada.core.withholding import active
from openhromada.councils.models import Council, Meeting
from openhromada.opendata.bulk import datasets
from openhromada.participation.models import Call, Consultation, Proposal
from openhromada.places.models import Hromada
from openhromada.plans.models import ActionPlan, Commitment


class _Bilingual(Sitemap):
    i18n = True
    languages = ["uk", "en"]
    alternates = True
    x_default = True
    limit = 10000

    def lastmod(self, item):
        return item["updated_at"]


class PageSitemap(_Bilingual):
    """The pages every visitor starts from (no query: they are not records)."""

    changefreq = "daily"
    NAMES = ("home", "places:directory", "plans:overview", "participation:index", "opendata:index")

    def items(self):
        pages = [(name, ()) for name in self.NAMES]
        return pages + [("opendata:dataset", (d.key,)) for d in datasets()]

    def location(self, item):
        name, args = item
        return reverse(name, args=args)

    def lastmod(self, item):
        return None


class HromadaSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return Hromada.objects.order_by("id").values("slug", "updated_at")

    def location(self, item):
        return reverse("places:hromada", args=[item["slug"]])


class PlanSitemap(_Bilingual):
    changefreq = "daily"

    def items(self):
        plans = visibility.visible(ActionPlan.objects.all(), active())
        return plans.order_by("id").values("slug", "hromada__slug", "updated_at")

    def location(self, item):
        return reverse("plans:plan", args=[item["hromada__slug"], item["slug"]])


class CommitmentSitemap(_Bilingual):
    changefreq = "daily"

    def items(self):
        return (
            visibility.visible(Commitment.objects.all(), active())
            .order_by("id")
            .values("number", "plan__slug", "plan__hromada__slug", "updated_at")
        )

    def location(self, item):
        return reverse(
            "plans:commitment",
            args=[item["plan__hromada__slug"], item["plan__slug"], item["number"]],
        )


class CouncilSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return Council.objects.order_by("id").values("hromada__slug", "updated_at")

    def location(self, item):
        return reverse("councils:council", args=[item["hromada__slug"]])


class MeetingSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return (
            visibility.visible(Meeting.objects.all(), active())
            .order_by("id")
            .values("number", "council__hromada__slug", "updated_at")
        )

    def location(self, item):
        return reverse("councils:meeting", args=[item["council__hromada__slug"], item["number"]])


class _ById(_Bilingual):
    """Pages addressed by id alone (calls, proposals, consultations); subclasses say which
    records are public in `queryset()`."""

    changefreq = "daily"
    url_name = ""

    def items(self):
        return self.queryset().order_by("id").values("id", "updated_at")

    def location(self, item):
        return reverse(self.url_name, args=[item["id"]])


class CallSitemap(_ById):
    url_name = "participation:call"

    def queryset(self):
        return visibility.visible(Call.objects.all(), active())


class ProposalSitemap(_ById):
    url_name = "participation:proposal"

    def queryset(self):
        proposals = Proposal.objects.filter(withdrawn_at__isnull=True)
        return visibility.visible(proposals, active())


class ConsultationSitemap(_ById):
    url_name = "participation:consultation"

    def queryset(self):
        return visibility.visible(Consultation.objects.all(), active())


SITEMAPS = {
    "pages": PageSitemap,
    "hromadas": HromadaSitemap,
    "plans": PlanSitemap,
    "commitments": CommitmentSitemap,
    "councils": CouncilSitemap,
    "council-meetings": MeetingSitemap,
    "calls": CallSitemap,
    "proposals": ProposalSitemap,
    "consultations": ConsultationSitemap,
}
