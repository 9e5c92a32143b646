"""Team and member pages, figures and the commune leaderboard. Scope errors raised by the
selectors and services become the 404 page (web middleware)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import area_get_for_user, user_can_at
from binhdan.areas.models import Area
from binhdan.core.errors import DomainError
from binhdan.volunteers import selectors as sel
from binhdan.volunteers import services
from binhdan.volunteers.access import team_can_manage
from binhdan.volunteers.forms import LeaderForm, MemberForm, MoveForm, TeamFilterForm, TeamForm

PAGE_SIZE = 50


def _field_error(form, exc: DomainError) -> None:
    field = exc.details.get("field") if isinstance(exc.details, dict) else None
    form.add_error(field if field in form.fields else None, exc.message)


def _can_manage_commune(user, commune: Area) -> bool:
    return user_can_at(user=user, action=Action.TEAM_MANAGE, path=commune.path)


@login_required
def team_list(request):
    communes = list(sel.communes_for_user(user=request.user))
    form = TeamFilterForm(request.GET or None, communes=communes)
    filters = form.cleaned_data if form.is_valid() else {}
    commune = next((c for c in communes if c.code == filters.get("xa")), None)
    if commune is None and len(communes) == 1:
        commune = communes[0]
    status = filters.get("trang_thai", "")
    teams = sel.teams_for_user(
        user=request.user,
        commune=commune,
        query=filters.get("q", ""),
        active=None if status == "" else status == "1",
    )
    page = Paginator(teams, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {"form": form, "page": page, "commune": commune, "can_create": False}
    if commune is not None:
        context["can_create"] = _can_manage_commune(request.user, commune)
        context["can_rank"] = user_can_at(
            user=request.user, action=Action.TEAM_VIEW, path=commune.path
        )
    return render(request, "volunteers/team_list.html", context)


@login_required
def team_detail(request, pk: int):
    team = sel.team_get_for_user(user=request.user, pk=pk)
    can_manage = team_can_manage(user=request.user, team=team)
    context = {
        "team": team,
        "villages": list(team.villages.order_by("name")),
        "members": list(sel.team_members(team=team)),
        "visits": sel.recent_visits(team=team),
        "figures": sel.team_figures(team=team),
        "can_manage": can_manage,
        "can_rank": user_can_at(user=request.user, action=Action.TEAM_VIEW, path=team.area_path),
    }
    if can_manage:
        context["leader_form"] = LeaderForm(initial={"leader": team.leader_id}, team=team)
    return render(request, "volunteers/team_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request, code: str):
    commune = area_get_for_user(user=request.user, code=code, action=Action.TEAM_MANAGE)
    if commune.level != Area.Level.COMMUNE:
        raise Http404
    form = TeamForm(
        request.POST or None, commune=commune, can_deactivate=False, initial={"is_active": True}
    )
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(
                actor=request.user,
                commune=commune,
                name=form.cleaned_data["name"],
                villages=form.cleaned_data["villages"],
            )
        except DomainError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, _("Đã tạo đội hình “%(t)s”.") % {"t": team.name})
            return redirect("volunteers:team", pk=team.pk)
    return render(
        request, "volunteers/team_form.html", {"form": form, "commune": commune, "team": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request, pk: int):
    team = sel.team_get_for_user(user=request.user, pk=pk)
    if not team_can_manage(user=request.user, team=team):
        raise Http404
    can_deactivate = _can_manage_commune(request.user, team.commune)
    if request.method == "POST":
        form = TeamForm(request.POST, commune=team.commune, can_deactivate=can_deactivate)
    else:
        form = TeamForm(
            initial=TeamForm.initial_from(team),
            commune=team.commune,
            can_deactivate=can_deactivate,
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(
                actor=request.user,
                team=team,
                name=form.cleaned_data["name"],
                villages=form.cleaned_data["villages"],
                is_active=form.cleaned_data.get("is_active") if can_deactivate else None,
            )
        except DomainError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, _("Đã lưu đội hình."))
            return redirect("volunteers:team", pk=team.pk)
    return render(
        request,
        "volunteers/team_form.html",
        {"form": form, "commune": team.commune, "team": team},
    )


@login_required
@require_POST
def team_leader(request, pk: int):
    team = sel.team_get_for_user(user=request.user, pk=pk)
    if not team_can_manage(user=request.user, team=team):
        raise Http404
    form = LeaderForm(request.POST, team=team)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một đoàn viên đang hoạt động của đội hình."))
        return redirect("volunteers:team", pk=team.pk)
    services.team_set_leader(actor=request.user, team=team, member=form.cleaned_data["leader"])
    messages.success(request, _("Đã cập nhật đội trưởng."))
    return redirect("volunteers:team", pk=team.pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk: int):
    team = sel.team_get_for_user(user=request.user, pk=pk)
    if not team_can_manage(user=request.user, team=team):
        raise Http404
    form = MemberForm(request.POST or None, commune=team.commune)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_add(actor=request.user, team=team, **form.cleaned_data)
        except DomainError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, _("Đã thêm đoàn viên “%(m)s”.") % {"m": member.full_name})
            return redirect("volunteers:team", pk=team.pk)
    return render(
        request, "volunteers/member_form.html", {"form": form, "team": team, "member": None}
    )


def _managed_member(request, pk: int):
    member = sel.member_get_for_user(user=request.user, pk=pk)
    if member.team is None or not team_can_manage(user=request.user, team=member.team):
        raise Http404
    return member


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk: int):
    member = _managed_member(request, pk)
    if request.method == "POST":
        form = MemberForm(request.POST, commune=member.commune)
    else:
        form = MemberForm(initial=MemberForm.initial_from(member), commune=member.commune)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(actor=request.user, member=member, **form.cleaned_data)
        except DomainError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, _("Đã lưu đoàn viên."))
            return redirect("volunteers:team", pk=member.team_id)
    return render(
        request,
        "volunteers/member_form.html",
        {"form": form, "team": member.team, "member": member},
    )


@login_required
@require_POST
def member_active(request, pk: int):
    member = _managed_member(request, pk)
    is_active = request.POST.get("is_active") == "1"
    services.member_set_active(actor=request.user, member=member, is_active=is_active)
    if is_active:
        messages.success(request, _("Đã cho đoàn viên hoạt động trở lại."))
    else:
        messages.success(request, _("Đã ngừng hoạt động đoàn viên."))
    return redirect("volunteers:team", pk=member.team_id)


@login_required
@require_http_methods(["GET", "POST"])
def member_move(request, pk: int):
    member = _managed_member(request, pk)
    teams = sel.other_teams_of_commune(team=member.team)
    if not _can_manage_commune(request.user, member.commune):
        # A leader moves members only between teams they lead.
        teams = teams.filter(leader__user=request.user)
    form = MoveForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_move(actor=request.user, member=member, team=form.cleaned_data["team"])
        except DomainError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, _("Đã chuyển đoàn viên sang đội hình mới."))
            return redirect("volunteers:team", pk=member.team_id)
    return render(
        request,
        "volunteers/member_move.html",
        {"form": form, "member": member, "teams": list(teams)},
    )


@login_required
def leaderboard(request, code: str):
    commune = area_get_for_user(user=request.user, code=code, action=Action.TEAM_VIEW)
    if commune.level != Area.Level.COMMUNE:
        raise Http404
    return render(
        request,
        "volunteers/leaderboard.html",
        {
            "commune": commune,
            "teams": sel.leaderboard(commune=commune),
            "figures": sel.commune_figures(commune=commune),
        },
    )
