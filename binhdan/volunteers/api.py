"""The volunteers' API: support visits (single and batch, idempotent) and a team's to-do."""

from ninja import Router

router = Router(tags=["volunteers"])
