"""Coordination councils in the public API: councils, members, meetings, decisions, votes."""

from ninja import Router

from openhromada.opendata.endpoints import dataset_router

from .datasets import COUNCILS, DECISIONS, MEETINGS, MEMBERSHIPS, VOTES

TAG = "Coordination councils"
router = Router()
router.add_router("/councils", dataset_router(COUNCILS, TAG))
router.add_router("/council-members", dataset_router(MEMBERSHIPS, TAG))
router.add_router("/council-meetings", dataset_router(MEETINGS, TAG))
router.add_router("/council-decisions", dataset_router(DECISIONS, TAG))
router.add_router("/council-votes", dataset_router(VOTES, TAG))
