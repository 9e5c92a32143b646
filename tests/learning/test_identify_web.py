import uuid

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.learning.models import LessonProgress
from binhdan.learning.views.common import SESSION_HELPER, SESSION_PERSON
from binhdan.people.models import Person
from tests.accounts.factories import user_with_role
from tests.areas.factories import commune, village
from tests.curriculum.factories import LessonFactory, TopicFactory
from tests.db_text import all_database_text

CCCD = "033190004321"  # synthetic: female, born 1990


def identify(client, tree, **overrides):
    data = {
        "full_name": "Lê Thị Hoa",
        "birth_year": "1990",
        "phone": "0912 345 678",
        "cccd": "",
        "commune": tree.commune.code,
        "village": tree.village.code,
        "client_uuid": str(uuid.uuid4()),
        "next": "",
    }
    data.update(overrides)
    return client.post(reverse("learning:identify"), data)


def test_identify_registers_and_remembers_the_person(client, tree):
    response = identify(client, tree)

    person = Person.objects.get()
    assert response.status_code == 302
    assert client.session[SESSION_PERSON] == person.pk
    assert person.village == tree.village and person.phone == "+84912345678"
    assert person.created_by is None


def test_identify_twice_finds_the_same_person(client, tree):
    identify(client, tree)
    identify(client, tree, full_name="lê thị  hoa")

    assert Person.objects.count() == 1


def test_identify_redirects_to_a_local_next_only(client, tree):
    local = identify(client, tree, next="/hoc/abc/kiem-tra/")
    foreign = identify(client, tree, next="https://evil.example/")

    assert local.url == "/hoc/abc/kiem-tra/"
    assert foreign.url == reverse("learning:my_learning")


def test_identify_without_birth_year_shows_the_error_next_to_the_field(client, tree):
    response = identify(client, tree, birth_year="")

    assert response.status_code == 200
    assert not Person.objects.exists()
    assert "field-error" in response.content.decode()


def test_identify_with_a_bad_cccd_shows_the_error(client, tree):
    response = identify(client, tree, cccd="123")

    assert response.status_code == 200
    assert not Person.objects.exists()
    assert "CCCD" in response.content.decode()


def test_cccd_given_at_identification_is_not_stored_in_clear(client, tree):
    identify(client, tree, cccd=CCCD)

    person = Person.objects.get()
    text = all_database_text()
    assert person.cccd_last4 == "4321"
    assert CCCD not in text
    assert CCCD[:8] not in text


def test_identify_page_with_a_commune_offers_its_villages(client, tree):
    page = client.get(reverse("learning:identify"), {"commune": tree.commune.code})

    html = page.content.decode()
    assert f'name="commune" value="{tree.commune.code}" checked' in html
    assert "Thôn Đông" in html and "Thôn Tây" in html
    assert "Tổ dân phố số 1" not in html  # a village of another commune


def test_identify_page_does_not_list_every_commune(client, tree):
    for n in range(60):
        village(commune(tree.province, f"5{n:04d}", f"Xã Thử Nghiệm Số {n}"), 1, "Thôn Một")

    html = client.get(reverse("learning:identify")).content.decode()

    assert "Xã Thử Nghiệm Số" not in html
    assert 'name="commune_q"' in html


def test_choosing_a_commune_loads_its_village_picker(client, tree):
    html = client.get(reverse("learning:identify")).content.decode()

    results = html[html.index('id="commune-results"') :]
    assert 'hx-get="/dia-ban/chon/thon-hoc/"' in results[:400]
    assert 'hx-target="#village-picker"' in results[:400]
    assert 'id="village-picker"' in html


def test_search_without_javascript_returns_the_matching_communes_and_records_nothing(client, tree):
    response = identify(
        client, tree, commune="", village="", commune_q="dong hung", _picker="commune"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert not Person.objects.exists()
    assert f'<input type="radio" name="commune" value="{tree.commune.code}">' in html
    assert "Lê Thị Hoa" in html  # what was typed is kept


def test_commune_chosen_without_javascript_then_shows_its_villages(client, tree):
    response = identify(client, tree, village="", _picker="village")

    html = response.content.decode()
    assert not Person.objects.exists()
    assert f'<input type="radio" name="village" value="{tree.village.code}">' in html
    assert "Tổ dân phố số 1" not in html


def test_searching_without_javascript_does_not_use_up_the_rate_limit(client, tree):
    from binhdan.learning.views.identify import IDENTIFY_LIMIT

    for _ in range(IDENTIFY_LIMIT + 2):
        identify(client, tree, commune_q="dong", _picker="commune")

    assert identify(client, tree).status_code == 302


def test_village_of_another_commune_is_refused(client, tree):
    response = identify(client, tree, village=tree.ward_village.code)

    assert response.status_code == 200
    assert not Person.objects.exists()
    assert "Hãy chọn thôn/tổ dân phố của xã/phường đã chọn" in response.content.decode()


@pytest.mark.parametrize("code", ["99999", "33", "12001-0001"])
def test_commune_the_picker_does_not_offer_is_refused(client, tree, code):
    response = identify(client, tree, commune=code)

    assert response.status_code == 200
    assert not Person.objects.exists()


def test_commune_without_villages_is_refused(client, tree):
    empty = commune(tree.province, "12999", "Xã Chưa Có Thôn")

    response = identify(client, tree, commune=empty.code)

    assert "Không tìm thấy xã/phường này" in response.content.decode()
    assert not Person.objects.exists()


def test_a_commune_cannot_be_chosen_as_village(client, tree):
    identify(client, tree, village=tree.commune.code)

    assert not Person.objects.exists()


def test_not_me_forgets_the_person(client, tree):
    identify(client, tree)

    client.post(reverse("learning:forget"))

    assert SESSION_PERSON not in client.session


def test_lessons_done_before_identifying_are_stored_on_identification(client, tree):
    lesson = LessonFactory(topic=TopicFactory())
    client.post(reverse("learning:lesson_done", args=[lesson.topic.slug, lesson.slug]))
    assert not LessonProgress.objects.exists()

    identify(client, tree)

    assert LessonProgress.objects.get().lesson == lesson


# --- assisted mode --------------------------------------------------------------------------


def test_volunteer_identifies_a_citizen_in_assisted_mode(client, tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    client.force_login(volunteer)

    response = identify(client, tree)

    person = Person.objects.get()
    assert response.status_code == 302
    assert client.session[SESSION_HELPER] == volunteer.pk
    assert client.session["_auth_user_id"] == str(volunteer.pk)  # still logged in as themself
    assert person.created_by == volunteer


def test_assisted_mode_offers_only_villages_in_the_helpers_scope(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    page = client.get(reverse("learning:identify"), {"commune": tree.commune.code})

    html = page.content.decode()
    assert "Thôn Đông" in html and "Thôn Tây" not in html
    assert "Bạn đang đăng nhập với tài khoản hỗ trợ" in html


def test_assisted_mode_refuses_a_village_outside_scope(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    response = identify(client, tree, village=tree.village2.code)

    assert response.status_code == 200
    assert not Person.objects.exists()


def test_staff_without_person_create_identifies_as_a_citizen(client, tree):
    instructor = user_with_role(Role.INSTRUCTOR, tree.province)
    client.force_login(instructor)

    identify(client, tree)

    assert client.session[SESSION_HELPER] is None
    assert Person.objects.get().created_by is None


@pytest.mark.parametrize("role", [Role.TEAM_LEADER, Role.OPERATOR, Role.COMMUNE_OFFICER])
def test_roles_with_person_create_can_assist(client, tree, role):
    client.force_login(user_with_role(role, tree.commune))

    identify(client, tree)

    assert client.session[SESSION_HELPER] is not None


def test_anonymous_identification_is_rate_limited(client, tree):
    from binhdan.learning.views.identify import IDENTIFY_LIMIT

    for i in range(IDENTIFY_LIMIT):
        identify(client, tree, full_name=f"Người Thứ {i}")

    response = identify(client, tree, full_name="Người Quá Nhiều")

    assert response.status_code == 429
    assert Person.objects.count() == IDENTIFY_LIMIT


def test_admin_pages_of_learning_render(client, quiz, person, superuser):
    from tests.learning.factories import finished_attempt

    finished_attempt(quiz, person, correct=4)
    client.force_login(superuser)

    for model in ("lessonprogress", "quizattempt", "certificate"):
        assert client.get(f"/quan-tri/learning/{model}/").status_code == 200, model
    attempt = person.quiz_attempts.get()
    assert client.get(f"/quan-tri/learning/quizattempt/{attempt.pk}/change/").status_code == 200
