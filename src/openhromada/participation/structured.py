"""Machine-readable twins of participation pages: the call's Atom feed and the API, and
schema.org JSON-LD for calls, proposals and consultations (what they are, whose, and when one
can take part)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from openhromada.core.structured import ATOM, CSV, JSON, alternate, jsonld
from openhromada.opendata.base import absolute

SUMMARY = 500  # characters of a Markdown text in `description`


def _summary(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= SUMMARY else words[: SUMMARY - 1].rstrip() + "…"


def _place(hromada) -> dict:
    return {"@type": "AdministrativeArea", "name": hromada.name, "identifier": hromada.code}


def _window(action: str, name, target: str, window) -> dict:
    """Taking part as a schema.org action, open from `opens_at` until the window closes."""
    return {
        "@type": action,
        "name": str(name),
        "target": target,
        "startTime": window.opens_at,
        "endTime": window.closed_at or window.closes_at,
    }


def call_twins(call) -> dict:
    page = absolute(reverse("participation:call", args=[call.pk]))
    return {
        "alternates": [
            alternate(
                ATOM, reverse("participation:call_feed", args=[call.pk]), _("Proposals (Atom)")
            ),
            alternate(JSON, f"/api/v1/calls/{call.pk}", _("This call in the API")),
            alternate(CSV, f"/data/proposals.csv?call={call.pk}", _("Proposals (CSV)")),
        ],
        "jsonld": jsonld(
            {
                "@type": "CreativeWork",
                "name": call.title,
                "description": _summary(call.description),
                "url": page,
                "dateCreated": call.created_at,
                "dateModified": call.updated_at,
                "spatialCoverage": _place(call.hromada),
                "publisher": {"@type": "GovernmentOrganization", "name": call.hromada.name},
                "potentialAction": _window(
                    "CreateAction",
                    _("Submit a proposal"),
                    absolute(reverse("participation:proposal_create", args=[call.pk])),
                    call,
                ),
            }
        ),
    }


def proposal_twins(proposal) -> dict:
    page = absolute(reverse("participation:proposal", args=[proposal.pk]))
    data = {
        "@type": "CreativeWork",
        "url": page,
        "dateCreated": proposal.created_at,
        "isPartOf": {
            "@type": "CreativeWork",
            "name": proposal.call.title,
            "url": absolute(reverse("participation:call", args=[proposal.call_id])),
        },
        "commentCount": proposal.comment_count,
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/LikeAction",
            "userInteractionCount": proposal.support_count,
        },
    }
    if not proposal.is_hidden:  # hidden by a moderator: the page keeps its place, not its text
        data["name"] = proposal.title
        data["description"] = _summary(proposal.problem)
        data["author"] = {"@type": "Person", "name": proposal.author.public_name}
    return {
        "alternates": [
            alternate(JSON, f"/api/v1/proposals/{proposal.pk}", _("This proposal in the API"))
        ],
        "jsonld": jsonld(data),
    }


def consultation_twins(consultation) -> dict:
    if not consultation.published_at:  # a draft its editors see: nothing to announce yet
        return {}
    page = absolute(reverse("participation:consultation", args=[consultation.pk]))
    return {
        "alternates": [
            alternate(
                JSON, f"/api/v1/consultations/{consultation.pk}", _("This consultation in the API")
            )
        ],
        "jsonld": jsonld(
            {
                "@type": "CreativeWork",
                "name": consultation.title,
                "description": _summary(consultation.description),
                "url": page,
                "creativeWorkStatus": "Draft",  # a draft document, open for comment
                "datePublished": consultation.published_at,
                "dateModified": consultation.updated_at,
                "spatialCoverage": _place(consultation.hromada),
                "publisher": {"@type": "GovernmentOrganization", "name": consultation.hromada.name},
                "potentialAction": _window(
                    "CommentAction", _("Comment on the draft"), page, consultation
                ),
            }
        ),
    }
