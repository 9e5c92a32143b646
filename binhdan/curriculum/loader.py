"""Load ``content/`` (Markdown + YAML, parsed by ``content.py``) into the database.

Idempotent: topics are matched by slug, lessons by (topic, slug), questions by key. A file
unchanged since the last load leaves the rows (and their web edits) alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from binhdan.curriculum.content import (
    ABSENT,
    ContentError,
    LessonSource,
    TopicSource,
    read_content,
)
from binhdan.curriculum.models import Choice, Lesson, Question, Quiz, Topic, TopicStatus

KINDS = ("topic", "lesson", "quiz", "question")


def default_content_dir() -> Path:
    """``settings.BINHDAN_CONTENT_DIR``, else the repository's ``content/``."""
    configured = getattr(settings, "BINHDAN_CONTENT_DIR", None)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "content"


@dataclass
class LoadReport:
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {
            kind: {"created": 0, "updated": 0, "unchanged": 0, "deactivated": 0} for kind in KINDS
        }
    )
    errors: list[ContentError] = field(default_factory=list)
    topics_loaded: list[str] = field(default_factory=list)

    def add(self, kind: str, action: str, n: int = 1) -> None:
        self.counts[kind][action] += n

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] or c["deactivated"] for c in self.counts.values())

    def merge(self, other: LoadReport) -> None:
        for kind in KINDS:
            for action, n in other.counts[kind].items():
                self.counts[kind][action] += n
        self.errors.extend(other.errors)
        self.topics_loaded.extend(other.topics_loaded)

    def to_dict(self) -> dict:
        return {
            "changed": self.changed,
            "counts": self.counts,
            "topics": self.topics_loaded,
            "errors": [{"path": e.path, "message": e.message} for e in self.errors],
        }


class _TopicFailed(Exception):
    def __init__(self, error: ContentError):
        self.error = error


def _assign(obj, values: dict) -> bool:
    """Set fields that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _load_topic_row(source: TopicSource, report: LoadReport) -> Topic:
    values = {
        "order": source.order,
        "title": source.title,
        "summary": source.summary,
        "audience": source.audience,
    }
    window = {}
    if source.status is not ABSENT:
        window["status"] = source.status
    for name in ("publish_from", "publish_until"):
        if getattr(source, name) is not ABSENT:
            window[name] = getattr(source, name)
    topic = Topic.objects.select_for_update().filter(slug=source.slug).first()
    if topic is None:
        topic = Topic(
            slug=source.slug, status=TopicStatus.PUBLISHED, source_hash=source.source_hash
        )
        _assign(topic, {**values, **window})
        topic.full_clean()
        topic.save()
        report.add("topic", "created")
        return topic
    if topic.source_hash == source.source_hash:
        report.add("topic", "unchanged")
        return topic
    # The file changed since it was last loaded: the file wins. Status and window are
    # touched only when the file gives them, so a publication decided in the UI stays.
    changed = _assign(topic, {**values, **window})
    topic.source_hash = source.source_hash
    topic.full_clean()
    topic.save()
    report.add("topic", "updated" if changed else "unchanged")
    return topic


def _load_lesson_row(topic: Topic, source: LessonSource, report: LoadReport) -> None:
    values = {
        "order": source.order,
        "title": source.title,
        "summary": source.summary,
        "minutes": source.minutes,
        "video_url": source.video_url,
        "body": source.body,
    }
    lesson = Lesson.objects.filter(topic=topic, slug=source.slug).first()
    if lesson is None:
        lesson = Lesson(topic=topic, slug=source.slug, source_hash=source.source_hash, **values)
        lesson.full_clean()
        lesson.save()
        report.add("lesson", "created")
        return
    if lesson.source_hash == source.source_hash:
        report.add("lesson", "unchanged")
        return
    changed = _assign(lesson, values)
    lesson.source_hash = source.source_hash
    lesson.full_clean()
    lesson.save()
    report.add("lesson", "updated" if changed else "unchanged")


def _sync_choices(question: Question, wanted: list[tuple[str, bool]], path: str) -> bool:
    """Make the question's choices equal ``wanted`` (in order), touching only differences.

    Choices are updated in place by position: answers already given refer to them.
    """
    existing = list(question.choices.order_by("order"))
    if [(c.text, c.is_correct) for c in existing] == wanted and [c.order for c in existing] == list(
        range(len(wanted))
    ):
        return False
    by_order = {c.order: c for c in existing}
    for index, (text, correct) in enumerate(wanted):
        choice = by_order.pop(index, None)
        if choice is None:
            Choice.objects.create(question=question, order=index, text=text, is_correct=correct)
        elif _assign(choice, {"text": text, "is_correct": correct}):
            choice.save(update_fields=["text", "is_correct"])
    try:
        for extra in by_order.values():
            extra.delete()
    except ProtectedError as exc:
        raise _TopicFailed(
            ContentError(
                path,
                f"câu hỏi “{question.key}” đã có người trả lời nên không bớt được phương án; "
                "hãy giữ số phương án hoặc thêm câu hỏi với key mới.",
            )
        ) from exc
    return True


def _load_quiz(topic: Topic, source: TopicSource, report: LoadReport, path: str) -> None:
    quiz = Quiz.objects.filter(topic=topic).first()
    if quiz is None:
        quiz = Quiz.objects.create(
            topic=topic, title=source.quiz_title, pass_percent=source.pass_percent
        )
        report.add("quiz", "created")
    elif _assign(quiz, {"title": source.quiz_title, "pass_percent": source.pass_percent}):
        quiz.save()
        report.add("quiz", "updated")
    else:
        report.add("quiz", "unchanged")

    existing = {q.key: q for q in quiz.questions.all()}
    for item in source.questions:
        values = {
            "order": item.order,
            "text": item.text,
            "explanation": item.explanation,
            "is_active": True,
        }
        question = existing.pop(item.key, None)
        if question is None:
            question = Question.objects.create(quiz=quiz, key=item.key, **values)
            _sync_choices(question, item.choices, path)
            report.add("question", "created")
            continue
        changed = _assign(question, values)
        if changed:
            question.save()
        if _sync_choices(question, item.choices, path) or changed:
            report.add("question", "updated")
        else:
            report.add("question", "unchanged")
    # Questions gone from the file are kept (attempts refer to them) but no longer asked.
    for question in existing.values():
        if question.is_active:
            question.is_active = False
            question.save(update_fields=["is_active"])
            report.add("question", "deactivated")


def _load_one_topic(source: TopicSource, content_dir: Path) -> LoadReport:
    report = LoadReport()
    yaml_path = str((source.path / "topic.yaml").relative_to(content_dir.parent))
    with transaction.atomic():
        topic_file_unchanged = Topic.objects.filter(
            slug=source.slug, source_hash=source.source_hash, quiz__isnull=False
        ).exists()
        topic = _load_topic_row(source, report)
        for lesson in source.lessons:
            _load_lesson_row(topic, lesson, report)
        if topic_file_unchanged:
            # The quiz lives in topic.yaml: an unchanged file leaves web/admin edits alone.
            report.add("quiz", "unchanged")
            for _item in source.questions:
                report.add("question", "unchanged")
        else:
            _load_quiz(topic, source, report, yaml_path)
    report.topics_loaded.append(source.slug)
    return report


def curriculum_load(*, content_dir: Path | str | None = None) -> LoadReport:
    """Load (or reload) ``content_dir`` into the database; idempotent.

    Topics are matched by slug, lessons by (topic, slug), questions by key. A topic with
    any error is skipped entirely (its own transaction) and the error reported with its
    file. A topic or lesson whose file has not changed since the last load is left as it
    is, so edits made in the web UI survive a reload; a changed file wins.
    """
    root = Path(content_dir) if content_dir else default_content_dir()
    root = root.resolve()
    sources, errors = read_content(root)
    report = LoadReport(errors=list(errors))
    seen: dict[str, Path] = {}
    for source in sources:
        if source.slug in seen:
            report.errors.append(
                ContentError(
                    str(source.path.relative_to(root.parent)),
                    f"slug “{source.slug}” trùng với thư mục {seen[source.slug].name}.",
                )
            )
            continue
        seen[source.slug] = source.path
        try:
            report.merge(_load_one_topic(source, root))
        except _TopicFailed as exc:
            report.errors.append(exc.error)
        except (IntegrityError, ValidationError) as exc:  # the topic was rolled back
            report.errors.append(
                ContentError(
                    str(source.path.relative_to(root.parent)),
                    f"không ghi được chuyên đề “{source.slug}”: {exc}",
                )
            )
    return report
