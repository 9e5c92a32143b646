from ninja import Router

router = Router(tags=["Học tập"])
