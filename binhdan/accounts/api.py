from ninja import Router

from binhdan.accounts.schemas import GrantOut, MeOut
from binhdan.accounts.selectors import grants_for_user

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, summary="Who am I, with my role grants")
def me(request):
    grants = [
        GrantOut(role=g.role, area_code=g.area.code, area_name=g.area.name)
        for g in grants_for_user(user=request.user)
    ]
    user = request.user
    return MeOut(
        username=user.username,
        display_name=user.display_name,
        is_superuser=user.is_superuser,
        grants=grants,
    )
