"""binhdan load_curriculum: content/ → database, idempotent, all-or-nothing per topic."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from binhdan.curriculum.loader import curriculum_load
from binhdan.curriculum.models import Choice, Lesson, Question, Topic, TopicStatus
from tests.curriculum.conftest import REPO_CONTENT

pytestmark = pytest.mark.django_db

DVC = "topics/01-dich-vu-cong-truc-tuyen"


def test_real_content_loads_six_topics_of_three_to_five_lessons(loaded):
    topics = Topic.objects.all()
    assert topics.count() == 6
    for topic in topics:
        assert 3 <= topic.lessons.count() <= 5, topic.slug


def test_real_content_has_at_least_ten_questions_per_topic(loaded):
    for topic in Topic.objects.all():
        assert topic.quiz.questions.filter(is_active=True).count() >= 10, topic.slug


def test_every_real_question_has_exactly_one_correct_choice(loaded):
    for question in Question.objects.all():
        assert question.choices.filter(is_correct=True).count() == 1, question.key


def test_every_real_lesson_has_three_to_six_screens(loaded):
    from binhdan.curriculum.rendering import split_screens

    for lesson in Lesson.objects.all():
        assert 3 <= len(split_screens(lesson.body)) <= 6, lesson.slug


def test_loaded_topics_are_published_without_window(loaded):
    assert set(Topic.objects.values_list("status", flat=True)) == {TopicStatus.PUBLISHED}
    assert not Topic.objects.filter(publish_from__isnull=False).exists()
    assert Topic.objects.public().count() == 6


def test_second_load_changes_nothing(loaded):
    before = list(Lesson.objects.values_list("pk", "updated_at"))
    report = curriculum_load(content_dir=REPO_CONTENT)
    assert not report.changed
    assert report.counts["lesson"]["unchanged"] == 29
    assert list(Lesson.objects.values_list("pk", "updated_at")) == before


def test_edited_lesson_file_updates_the_same_row(content_copy):
    curriculum_load(content_dir=content_copy)
    lesson = Lesson.objects.get(slug="dich-vu-cong-la-gi")
    path = content_copy / DVC / "lessons/01-dich-vu-cong-la-gi.md"
    path.write_text(path.read_text().replace("Làm thủ tục ngay tại nhà", "Ở nhà cũng làm được"))

    report = curriculum_load(content_dir=content_copy)

    assert report.counts["lesson"] == {
        "created": 0,
        "updated": 1,
        "unchanged": 28,
        "deactivated": 0,
    }
    lesson.refresh_from_db()
    assert "## Ở nhà cũng làm được" in lesson.body
    assert Lesson.objects.count() == 29


def test_edited_choice_text_updates_choices_in_place(content_copy):
    curriculum_load(content_dir=content_copy)
    question = Question.objects.get(quiz__topic__slug="dich-vu-cong-truc-tuyen", key="q01")
    ids = list(question.choices.values_list("pk", flat=True))
    path = content_copy / DVC / "topic.yaml"
    path.write_text(path.read_text().replace('"dichvucong.vip"', '"dichvucong.top"'))

    report = curriculum_load(content_dir=content_copy)

    assert report.counts["question"]["updated"] == 1
    assert list(question.choices.values_list("pk", flat=True)) == ids
    assert question.choices.filter(text="dichvucong.top").exists()


def test_question_removed_from_file_is_deactivated_not_deleted(content_copy):
    curriculum_load(content_dir=content_copy)
    path = content_copy / DVC / "topic.yaml"
    text = path.read_text()
    start = text.index("    - key: q02")
    end = text.index("    - key: q03")
    path.write_text(text[:start] + text[end:])

    report = curriculum_load(content_dir=content_copy)

    assert report.counts["question"]["deactivated"] == 1
    question = Question.objects.get(quiz__topic__slug="dich-vu-cong-truc-tuyen", key="q02")
    assert question.is_active is False
    assert question.choices.count() == 3


def test_broken_yaml_reports_the_file_and_loads_the_other_topics(content_copy):
    path = content_copy / DVC / "topic.yaml"
    path.write_text(path.read_text().replace("order: 1", "order: [1", 1))

    report = curriculum_load(content_dir=content_copy)

    assert len(report.errors) == 1
    assert report.errors[0].path == f"content/{DVC}/topic.yaml"
    assert "YAML" in report.errors[0].message
    assert not Topic.objects.filter(slug="dich-vu-cong-truc-tuyen").exists()
    assert Topic.objects.count() == 5


def test_error_in_a_changed_topic_leaves_its_rows_as_they_were(content_copy):
    curriculum_load(content_dir=content_copy)
    lesson_path = content_copy / DVC / "lessons/01-dich-vu-cong-la-gi.md"
    lesson_path.write_text(lesson_path.read_text().replace("Làm thủ tục", "Sửa đổi"))
    yaml_path = content_copy / DVC / "topic.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("pass_percent: 70", "pass_percent: 170"))

    report = curriculum_load(content_dir=content_copy)

    assert [e.path for e in report.errors] == [f"content/{DVC}/topic.yaml"]
    assert "pass_percent" in report.errors[0].message
    assert "Sửa đổi" not in Lesson.objects.get(slug="dich-vu-cong-la-gi").body


def test_two_correct_choices_is_reported_with_the_question_key(content_copy):
    path = content_copy / DVC / "topic.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            '"dichvucong-gov.com"\n          correct: false',
            '"dichvucong-gov.com"\n          correct: true',
            1,
        )
    )

    report = curriculum_load(content_dir=content_copy)

    assert any("q01" in e.message and "đúng một phương án" in e.message for e in report.errors)
    assert not Topic.objects.filter(slug="dich-vu-cong-truc-tuyen").exists()


def test_missing_required_key_in_lesson_is_reported_with_its_file(content_copy):
    path = content_copy / DVC / "lessons/02-dang-nhap-bang-vneid.md"
    text = path.read_text()
    path.write_text("\n".join(line for line in text.split("\n") if not line.startswith("title:")))

    report = curriculum_load(content_dir=content_copy)

    assert [str(e) for e in report.errors] == [
        f"content/{DVC}/lessons/02-dang-nhap-bang-vneid.md: thiếu khóa bắt buộc “title”."
    ]
    assert not Topic.objects.filter(slug="dich-vu-cong-truc-tuyen").exists()


def test_yaml_status_and_window_are_respected(content_copy):
    path = content_copy / DVC / "topic.yaml"
    path.write_text(
        path.read_text().replace(
            "order: 1\n", "order: 1\nstatus: draft\npublish_from: 2030-01-01\n", 1
        )
    )
    curriculum_load(content_dir=content_copy)
    topic = Topic.objects.get(slug="dich-vu-cong-truc-tuyen")
    assert topic.status == TopicStatus.DRAFT
    assert str(topic.publish_from) == "2030-01-01"


def test_window_ending_before_it_starts_is_reported(content_copy):
    path = content_copy / DVC / "topic.yaml"
    path.write_text(
        path.read_text().replace(
            "order: 1\n", "order: 1\npublish_from: 2030-02-01\npublish_until: 2030-01-01\n", 1
        )
    )
    report = curriculum_load(content_dir=content_copy)
    assert any("publish_until" in e.message for e in report.errors)


def test_web_edit_survives_reload_of_an_unchanged_file(loaded):
    Topic.objects.filter(slug="luat-an-ninh-mang").update(status=TopicStatus.DRAFT)
    Lesson.objects.filter(slug="vneid-la-gi").update(title="Tên do giảng viên sửa")

    curriculum_load(content_dir=REPO_CONTENT)

    assert Topic.objects.get(slug="luat-an-ninh-mang").status == TopicStatus.DRAFT
    assert Lesson.objects.get(slug="vneid-la-gi").title == "Tên do giảng viên sửa"


def test_quiz_edit_in_the_admin_survives_reload_of_an_unchanged_file(loaded):
    question = Question.objects.filter(quiz__topic__slug="luat-an-ninh-mang").first()
    Question.objects.filter(pk=question.pk).update(explanation="Giải thích do giảng viên sửa")

    curriculum_load(content_dir=REPO_CONTENT)

    question.refresh_from_db()
    assert question.explanation == "Giải thích do giảng viên sửa"


def test_choice_removed_from_file_is_deleted_when_nobody_answered_it(content_copy):
    curriculum_load(content_dir=content_copy)
    question = Question.objects.get(quiz__topic__slug="dich-vu-cong-truc-tuyen", key="q01")
    assert question.choices.count() == 4
    path = content_copy / DVC / "topic.yaml"
    text = path.read_text()
    path.write_text(
        text.replace('        - text: "dichvucongquocgia.net"\n          correct: false\n', "", 1)
    )

    report = curriculum_load(content_dir=content_copy)

    assert not report.errors
    assert list(question.choices.values_list("order", flat=True)) == [0, 1, 2]
    assert Choice.objects.filter(text="dichvucongquocgia.net").count() == 0


def test_command_second_run_says_nothing_changed(db):
    call_command("load_curriculum", "--content-dir", str(REPO_CONTENT), stdout=StringIO())
    out = StringIO()
    call_command("load_curriculum", "--content-dir", str(REPO_CONTENT), stdout=out)
    assert "Nothing changed" in out.getvalue()
    assert "29 unchanged" in out.getvalue()


def test_command_json_format_gives_counts(db):
    out = StringIO()
    call_command(
        "load_curriculum", "--content-dir", str(REPO_CONTENT), "--format", "json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["counts"]["topic"]["created"] == 6
    assert data["counts"]["question"]["created"] >= 60
    assert data["errors"] == []


def test_command_reads_the_content_dir_setting(settings, db):
    settings.BINHDAN_CONTENT_DIR = str(REPO_CONTENT)
    call_command("load_curriculum", stdout=StringIO())
    assert Topic.objects.count() == 6


def test_command_fails_when_a_topic_has_errors(content_copy):
    path = content_copy / DVC / "topic.yaml"
    path.write_text("slug: [")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "load_curriculum", "--content-dir", str(content_copy), stdout=StringIO(), stderr=err
        )
    assert f"content/{DVC}/topic.yaml" in err.getvalue()
    assert Topic.objects.count() == 5


def test_lesson_slug_shadowed_by_the_quiz_url_is_refused(content_copy):
    path = content_copy / DVC / "lessons/01-dich-vu-cong-la-gi.md"
    path.write_text(path.read_text().replace("slug: dich-vu-cong-la-gi", "slug: kiem-tra"))
    report = curriculum_load(content_dir=content_copy)
    assert any("kiem-tra" in e.message for e in report.errors)
