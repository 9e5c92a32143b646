from ninja import Router

router = Router(tags=["Lớp học"])
