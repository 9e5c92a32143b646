"""Plain words on the pages people read: no jargon, no example that looks like an answer,
the volunteer addressed as the helper, "trực tiếp" no longer used for the live wall, and
the quiz's start button right under its title."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.learning.views.common import SESSION_PERSON
from tests.accounts.factories import user_with_role
from tests.classes.factories import BridgePointFactory, ClassSessionFactory, SessionPointFactory
from tests.learning.factories import learner, quiz_with_questions

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2] / "binhdan"


def source_files(*suffixes):
    return [p for p in SOURCE.rglob("*") if p.suffix in suffixes and "migrations" not in p.parts]


def identify_as(client, person):
    session = client.session
    session[SESSION_PERSON] = person.pk
    session.save()


def test_no_page_says_ma_bam():
    said = [
        str(p.relative_to(SOURCE))
        for p in source_files(".py", ".html", ".js")
        if "mã băm" in p.read_text(encoding="utf-8").lower()
    ]
    assert said == []


def test_birth_year_box_is_empty_and_its_example_is_a_hint(client, tree):
    html = client.get(reverse("learning:identify")).content.decode()

    box = re.search(r'<input[^>]*name="birth_year"[^>]*>', html).group(0)
    assert "placeholder" not in box
    assert "Ví dụ: 1960" in html


def test_identify_speaks_to_the_citizen_about_where_they_live(client, tree):
    html = client.get(reverse("learning:identify")).content.decode()

    assert "Xã, phường nơi bạn ở" in html
    assert "nơi người dân ở" not in html


def test_assisted_identify_speaks_to_the_volunteer_about_the_citizen(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    html = client.get(reverse("learning:identify")).content.decode()

    assert "Xã, phường nơi người dân ở" in html
    assert "nơi bạn ở" not in html
    assert "nhận ra bạn" not in html
    assert "nhận ra người dân này" in html


def test_assisted_identify_error_speaks_of_the_citizen(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    html = client.post(
        reverse("learning:identify"), {"full_name": "Trần Thị Bình", "birth_year": "1950"}
    ).content.decode()

    assert "Hãy chọn xã/phường nơi người dân ở." in html
    assert "nơi bạn ở" not in html


def test_live_wall_is_titled_as_happening_now_not_trực_tiếp(client, tree, commune_officer):
    session = ClassSessionFactory(area=tree.commune, area_path=tree.commune.path, title="Buổi A")
    SessionPointFactory(session=session, point=BridgePointFactory(village=tree.village))
    client.force_login(commune_officer)

    html = client.get(reverse("console:live_wall", args=[session.pk])).content.decode()

    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("Đang diễn ra: Buổi A")


def test_links_to_the_live_wall_say_theo_dõi_trực_tiếp():
    linking = [
        p
        for p in source_files(".html")
        if "console:live_wall'" in (text := p.read_text(encoding="utf-8"))
        or "console:live_wall " in text
    ]
    assert linking
    for template in linking:
        text = template.read_text(encoding="utf-8")
        assert "Xem trực tiếp" not in text, template
        assert "Theo dõi trực tiếp" in text, template


def test_quiz_start_button_comes_right_under_the_title(client, tree):
    quiz = quiz_with_questions(count=4, slug="an-toan")
    identify_as(client, learner(tree.village, full_name="Nguyễn Văn An"))

    html = client.get(reverse("learning:quiz", args=[quiz.topic.slug])).content.decode()

    after_title = html[html.index("<h1>") :]
    assert after_title.index(">Bắt đầu</button>") < after_title.index("Mỗi màn hình một câu hỏi")
    assert re.search(r"<strong>4</strong> câu hỏi · đạt khi đúng từ <strong>75%</strong>", html)


def test_my_learning_offers_the_next_step_first(client, tree):
    identify_as(client, learner(tree.village))

    html = client.get(reverse("learning:my_learning")).content.decode()

    after_title = html[html.index("<h1>") :]
    button = after_title.index("Chọn chuyên đề để học và làm bài kiểm tra")
    assert button < after_title.index("<h2>")
