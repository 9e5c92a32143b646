"""Every named web route, for anonymous and each staff role: never a 500 nor a 403 (refused
access is the 404 page in the web UI), and every whole page in Vietnamese, with its skip link,
loading nothing from another host. The officer of another commune asking for an object of this
one gets the 404 page: nothing tells "not yours" from "does not exist".

The routes come from the URL configuration. A new route fails here until its path parameters
are filled (``BY_PARAM`` or ``BY_ROUTE``) or it is listed in ``UNFILLABLE`` with the reason.
"""

import re
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from binhdan.accounts.services import token_issue
from binhdan.classes.checkin.device_tokens import device_token_issue
from binhdan.curriculum.attachments import attachment_add
from binhdan.learning.models import Certificate
from tests.classes.factories import (
    BridgePointFactory,
    CheckInFactory,
    ClassSessionFactory,
    SessionPointFactory,
)
from tests.curriculum.factories import LessonFactory
from tests.learning.factories import finished_attempt, quiz_with_questions
from tests.people.factories import PersonFactory
from tests.scamcheck.factories import ScamReportFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory

# An asset loaded from another host (a link to one is fine; the test server is this host).
EXTERNAL = re.compile(
    r"""<(?:script|img|link|iframe|source|audio|video)\b[^>]*?(?:src|href)=["']"""
    r"""(?:https?:)?//(?!testserver/)""",
    re.IGNORECASE,
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SKIPPED_PREFIXES = ("quan-tri/", "api/", "static/", "media/")

# Routes whose parameters cannot be filled from the world below, and why.
UNFILLABLE: dict[str, str] = {}

# Path parameter -> attribute of the world, whatever the route.
BY_PARAM = {
    "person_id": "person",
    "duplicate_id": "duplicate",
    "report_id": "report",
    "topic": "topic",
    "lesson": "lesson",
    "screen": "screen",
    "attempt_id": "attempt",
    "session_id": "session",
    "point_id": "point",
    "point_pk": "point",
    "kind": "picker_kind",
    "uidb64": "uidb64",
    "token": "reset_token",
}

_SESSION_ROUTES = (
    "classes:session",
    "classes:session_edit",
    "classes:session_cancel",
    "classes:session_point_add",
    "classes:session_points_choose",
    "classes:session_point_remove",
    "classes:session_posters",
    "classes:point_poster",
    "classes:session_export",
    "classes:point_export",
    "classes:sheet_import",
    "classes:sheet_import_template",
)
_COMMUNE_ROUTES = (
    "areas:detail",
    "areas:import_villages",
    "areas:import_villages_template",
    "classes:points",
    "classes:point_create",
    "classes:points_bulk",
    "classes:points_import",
    "classes:points_import_template",
    "volunteers:import_members",
    "volunteers:import_members_template",
)

# Parameters whose meaning depends on the route (``pk``, ``code``, ``token_id``).
BY_ROUTE: dict[str, dict[str, str]] = {
    **{name: {"pk": "session"} for name in _SESSION_ROUTES},
    **{name: {"code": "commune_code"} for name in _COMMUNE_ROUTES},
    "classes:point_edit": {"pk": "point"},
    "classes:point_tokens": {"pk": "point"},
    "classes:point_token_revoke": {"pk": "point", "token_id": "device_token"},
    "accounts:token_revoke": {"token_id": "api_token"},
    "console:self_checkin": {"code": "self_checkin_code"},
    "learning:certificate_verify": {"code": "certificate_code"},
    "learning:certificate_pdf": {"code": "certificate_code"},
    "learning:staff_certificate_revoke": {"pk": "certificate"},
    "authoring:attachment_delete": {"pk": "attachment"},
    "curriculum:attachment": {"pk": "attachment"},
    "volunteers:leaderboard": {"code": "commune_code"},
    "volunteers:team_create": {"code": "commune_code"},
    **{
        f"volunteers:{name}": {"pk": "team"}
        for name in ("team", "team_edit", "team_leader", "member_add")
    },
    **{
        f"volunteers:{name}": {"pk": "member"}
        for name in ("member_edit", "member_active", "member_move")
    },
}

# World attributes that belong to Xã Đông Hưng (tree.commune): a route taking one of them is
# outside the scope of the officer of Phường Phố Hiến.
IN_THE_COMMUNE = {
    "session",
    "point",
    "person",
    "duplicate",
    "report",
    "commune_code",
    "device_token",
    "certificate",
    "team",
    "member",
}

# What the outsider posts where an empty form is refused (422) before the object is looked at:
# the same for any id, so it tells nothing, but it would hide the scope check.
POST_DATA: dict[str, dict[str, str]] = {
    "scamcheck:moderate_report": {"decision": "confirm"},
}

ROLES = (
    "anonymous",
    "province_admin",
    "commune_officer",
    "operator",
    "instructor",
    "superuser",
)


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), list(pattern.pattern.converters)


def web_routes() -> dict[str, list[str]]:
    """Named routes outside the admin, the API and the static files: name -> parameters."""
    routes = {}
    for name, route, params in _walk(get_resolver().url_patterns):
        if not route.startswith(SKIPPED_PREFIXES):
            routes[name] = params
    return routes


ROUTES = web_routes()


def world_keys(name: str) -> dict[str, str]:
    """Parameter -> world attribute for ``name``; fails for a parameter nobody filled."""
    own = BY_ROUTE.get(name, {})
    keys = {}
    for param in ROUTES[name]:
        key = own.get(param) or BY_PARAM.get(param)
        assert key, (
            f"{name}: fill its parameter {param!r} in BY_ROUTE/BY_PARAM, "
            "or list the route in UNFILLABLE with the reason"
        )
        keys[param] = key
    return keys


def url_for(name: str, world) -> str:
    return reverse(name, kwargs={p: getattr(world, k) for p, k in world_keys(name).items()})


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Seven users per test: hash their passwords cheaply (nobody logs in with them)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(
    tree,
    settings,
    tmp_path,
    province_admin,
    commune_officer,
    other_commune_officer,
    operator,
    instructor,
    superuser,
):
    """Demo-like data of Xã Đông Hưng: a running session at a point of Thôn Đông (operated
    by ``operator``, with a check-in), two people, a scam report, a certificate, a lesson with
    an attachment, an API token and a device token."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    session = ClassSessionFactory(area=tree.commune, title="Buổi học của xã")
    point = BridgePointFactory(village=tree.village, operators=[operator])
    CheckInFactory(session_point=SessionPointFactory(session=session, point=point))
    person = PersonFactory(village=tree.village)
    quiz = quiz_with_questions(count=4, pass_percent=75)
    lesson = LessonFactory(topic=quiz.topic)
    attempt = finished_attempt(quiz, person, correct=4)
    certificate = Certificate.objects.get(attempt=attempt)
    attachment = attachment_add(
        user=instructor,
        lesson=lesson,
        upload=SimpleUploadedFile(
            "to-roi.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        ),
    )
    team = TeamFactory(commune=tree.commune)
    member = VolunteerFactory(team=team, village=tree.village)
    return SimpleNamespace(
        users={
            "anonymous": None,
            "province_admin": province_admin,
            "commune_officer": commune_officer,
            "operator": operator,
            "instructor": instructor,
            "superuser": superuser,
        },
        outsider=other_commune_officer,
        session=session.pk,
        point=point.pk,
        person=person.pk,
        duplicate=PersonFactory(village=tree.village, full_name=person.full_name).pk,
        report=ScamReportFactory(area=tree.village).pk,
        topic=quiz.topic.slug,
        lesson=lesson.slug,
        screen=1,
        attempt=attempt.pk,
        certificate=certificate.pk,
        certificate_code=certificate.code,
        attachment=attachment.pk,
        commune_code=tree.commune.code,
        self_checkin_code=point.self_checkin_code,
        team=team.pk,
        member=member.pk,
        picker_kind="xa",
        uidb64=urlsafe_base64_encode(force_bytes(superuser.pk)),
        reset_token="khong-hop-le",
        api_token=token_issue(actor=commune_officer, user=commune_officer, name="máy").token.pk,
        device_token=device_token_issue(
            actor=commune_officer, point_id=point.pk, name="máy"
        ).token.pk,
    )


def test_every_route_is_filled_or_listed():
    unknown = set(UNFILLABLE) - set(ROUTES)
    assert not unknown, f"UNFILLABLE names routes that are gone: {unknown}"
    for name in ROUTES:
        if name not in UNFILLABLE:
            world_keys(name)


def page_problems(response) -> list[str]:
    """What a whole HTML page misses: Vietnamese, the skip link, no asset from another host."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return []
    html = response.content.decode()
    if "<html" not in html:
        return []  # a fragment
    wanted = ('<html lang="vi">', 'class="skip-link" href="#main"', 'id="main"')
    problems = [f"misses {marker}" for marker in wanted if marker not in html]
    if EXTERNAL.search(html):
        problems.append("loads something from another host")
    return problems


@pytest.mark.parametrize("name", [n for n in ROUTES if n not in UNFILLABLE])
def test_route_answers_every_role_without_500_or_403(client, world, name):
    """Refused access is the 404 page in the web UI; every page is accessible."""
    url = url_for(name, world)
    answers, problems = {}, {}
    for role in ROLES:
        client.logout()
        if world.users[role]:
            client.force_login(world.users[role])
        response = client.get(url)
        answers[role] = response.status_code
        if response.status_code == 200 and page_problems(response):
            problems[role] = page_problems(response)

    assert all(status < 500 and status != 403 for status in answers.values()), f"{url}: {answers}"
    assert not problems, f"{url}: {problems}"


SCOPED = [n for n in ROUTES if n not in UNFILLABLE and IN_THE_COMMUNE & set(world_keys(n).values())]


@pytest.mark.parametrize("name", SCOPED)
def test_object_of_another_commune_answers_404(client, world, name):
    url = url_for(name, world)
    client.force_login(world.outsider)
    answers = {
        "GET": client.get(url).status_code,
        "POST": client.post(url, POST_DATA.get(name, {})).status_code,
    }

    # a method the route does not serve at all (405 to the superuser too) tells nothing
    client.force_login(world.users["superuser"])
    unserved = {
        "GET": client.get(url).status_code == 405,
        "POST": client.post(url).status_code == 405,
    }
    expected = {method: 405 if unserved[method] else 404 for method in answers}
    assert answers == expected, url
