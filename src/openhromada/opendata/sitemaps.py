"""sitemap.xml: every hromada, public plan and commitment, council and public council meeting,
call for proposals, visible proposal and published consultation, in both languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from openhromada.core.withholding import active
from openhromada.councils.models import Council, Meeting
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


class HromadaSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return Hromada.objects.order_by("id").values("slug", "updated_at")

    def location(self, item):
        return reverse("places:hromada", args=[item["slug"]])


class PlanSitemap(_Bilingual):
    changefreq = "daily"

    def items(self):
        plans = active().exclude(ActionPlan.objects.public())
        return plans.order_by("id").values("slug", "hromada__slug", "updated_at")

    def location(self, item):
        return reverse("plans:plan", args=[item["hromada__slug"], item["slug"]])


class CommitmentSitemap(_Bilingual):
    changefreq = "daily"

    def items(self):
        commitments = Commitment.objects.exclude(plan__status="draft")
        return (
            active()
            .exclude(commitments)
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
            Meeting.objects.published()
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
        return Call.objects.all()


class ProposalSitemap(_ById):
    url_name = "participation:proposal"

    def queryset(self):
        return Proposal.objects.filter(hidden_at__isnull=True, withdrawn_at__isnull=True)


class ConsultationSitemap(_ById):
    url_name = "participation:consultation"

    def queryset(self):
        return Consultation.objects.filter(published_at__isnull=False)


SITEMAPS = {
    "hromadas": HromadaSitemap,
    "plans": PlanSitemap,
    "commitments": CommitmentSitemap,
    "councils": CouncilSitemap,
    "council-meetings": MeetingSitemap,
    "calls": CallSitemap,
    "proposals": ProposalSitemap,
    "consultations": ConsultationSitemap,
}
