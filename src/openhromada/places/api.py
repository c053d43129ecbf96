"""Oblasts and hromadas in the public API (read-only: the codifier is their source)."""

from ninja import Router

from openhromada.opendata.endpoints import dataset_router

from .datasets import HROMADAS, OBLASTS

router = Router()
router.add_router("/oblasts", dataset_router(OBLASTS, "Places"))
router.add_router("/hromadas", dataset_router(HROMADAS, "Places"))
