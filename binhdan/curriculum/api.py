from ninja import Router

router = Router(tags=["Chuyên đề"])
