"""Read and validate the curriculum files in ``content/`` (no database access).

Layout and rules: content/README.md. Every problem is reported with its file path and a
Vietnamese message an author can act on; a topic with any problem is not loaded at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from binhdan.curriculum.models import Lesson, Question, Quiz, Topic, TopicStatus

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ORDER_PREFIX_RE = re.compile(r"^(\d+)-(.+)$")
MIN_CHOICES, MAX_CHOICES = 2, 6
# Slugs that fixed URLs would shadow (/soan-bai/chuyen-de/moi/, /hoc/<topic>/kiem-tra/…).
RESERVED_TOPIC_SLUGS = frozenset({"moi"})
RESERVED_LESSON_SLUGS = frozenset({"bai-moi", "kiem-tra"})
ABSENT = object()  # a key the YAML does not give (different from an explicit null)


@dataclass(frozen=True)
class ContentError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class QuestionSource:
    key: str
    order: int
    text: str
    explanation: str
    choices: list[tuple[str, bool]]


@dataclass
class LessonSource:
    path: Path
    slug: str
    order: int
    title: str
    summary: str
    minutes: int
    video_url: str
    body: str
    source_hash: str


@dataclass
class TopicSource:
    path: Path
    slug: str
    order: int
    title: str
    summary: str
    audience: str
    status: object  # a TopicStatus value or ABSENT
    publish_from: object  # date | None | ABSENT
    publish_until: object
    quiz_title: str
    pass_percent: int
    questions: list[QuestionSource]
    lessons: list[LessonSource] = field(default_factory=list)
    source_hash: str = ""


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.errors: list[ContentError] = []

    def add(self, path: Path, message: str) -> None:
        try:
            shown = str(path.relative_to(self.root.parent))
        except ValueError:
            shown = str(path)
        self.errors.append(ContentError(shown, message))


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _nfc(value) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def _text(data: dict, key: str, path: Path, errors: _Collector, *, required=True, max_length=0):
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.add(path, f"thiếu khóa bắt buộc “{key}”.")
        return ""
    if not isinstance(value, (str, int, float)):
        errors.add(path, f"“{key}” phải là một đoạn chữ.")
        return ""
    text = _nfc(value)
    if max_length and len(text) > max_length:
        errors.add(path, f"“{key}” dài {len(text)} ký tự, tối đa {max_length}.")
    return text


def _int(data: dict, key: str, path: Path, errors: _Collector, *, default=None, low=0, high=None):
    value = data.get(key, default)
    if value is None:
        errors.add(path, f"thiếu khóa bắt buộc “{key}”.")
        return default or 0
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(path, f"“{key}” phải là số nguyên, đang là “{value}”.")
        return default or 0
    if value < low or (high is not None and value > high):
        bound = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
        errors.add(path, f"“{key}” phải {bound}, đang là {value}.")
    return value


def _date(data: dict, key: str, path: Path, errors: _Collector):
    if key not in data:
        return ABSENT
    value = data[key]
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.add(path, f"“{key}” phải là ngày dạng YYYY-MM-DD, đang là “{value}”.")
        return None


def _field_max(model, name: str) -> int:
    return model._meta.get_field(name).max_length or 0


def _folder_slug(path: Path) -> tuple[int | None, str]:
    match = ORDER_PREFIX_RE.match(path.stem if path.is_file() else path.name)
    if match:
        return int(match.group(1)), match.group(2)
    return None, path.stem if path.is_file() else path.name


def _load_yaml(raw: str, path: Path, errors: _Collector):
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        errors.add(path, f"YAML không đọc được{where}: {getattr(exc, 'problem', exc)}.")
        return None
    if not isinstance(data, dict):
        errors.add(path, "nội dung phải là một bảng khóa: giá trị (mapping).")
        return None
    return data


def _parse_questions(quiz: dict, path: Path, errors: _Collector) -> list[QuestionSource]:
    raw_questions = quiz.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        errors.add(path, "quiz.questions phải là một danh sách câu hỏi, không được trống.")
        return []
    questions: list[QuestionSource] = []
    seen: set[str] = set()
    for number, item in enumerate(raw_questions, start=1):
        where = f"câu hỏi thứ {number}"
        if not isinstance(item, dict):
            errors.add(path, f"{where}: phải là một bảng khóa: giá trị.")
            continue
        key = str(item.get("key") or "").strip()
        if not key:
            errors.add(path, f"{where}: thiếu khóa “key”.")
        elif not SLUG_RE.match(key):
            errors.add(path, f"{where}: key “{key}” chỉ gồm chữ thường không dấu, số và “-”.")
        elif key in seen:
            errors.add(path, f"{where}: key “{key}” bị trùng.")
        seen.add(key)
        where = f"câu hỏi {key or number}"
        text = _text(item, "text", path, errors, max_length=_field_max(Question, "text"))
        explanation = _text(item, "explanation", path, errors, required=False, max_length=2000)
        raw_choices = item.get("choices")
        choices: list[tuple[str, bool]] = []
        if not isinstance(raw_choices, list):
            errors.add(path, f"{where}: thiếu danh sách “choices”.")
            raw_choices = []
        elif not MIN_CHOICES <= len(raw_choices) <= MAX_CHOICES:
            errors.add(
                path,
                f"{where}: cần từ {MIN_CHOICES} đến {MAX_CHOICES} phương án, "
                f"đang có {len(raw_choices)}.",
            )
        for choice in raw_choices:
            if not isinstance(choice, dict) or not str(choice.get("text") or "").strip():
                errors.add(path, f"{where}: mỗi phương án cần “text”.")
                continue
            correct = choice.get("correct", False)
            if not isinstance(correct, bool):
                errors.add(path, f"{where}: “correct” phải là true hoặc false.")
                correct = False
            choices.append((_nfc(choice["text"]), correct))
        if raw_choices and sum(1 for _, correct in choices if correct) != 1:
            count = sum(1 for _, correct in choices if correct)
            errors.add(path, f"{where}: cần đúng một phương án đúng, đang có {count}.")
        if any(len(text_) > 500 for text_, _ in choices):
            errors.add(path, f"{where}: một phương án dài quá 500 ký tự.")
        questions.append(QuestionSource(key, number, text, explanation, choices))
    return questions


def parse_front_matter(raw: str) -> tuple[str | None, str]:
    """Split ``---``-delimited YAML front matter from the Markdown body."""
    text = raw.lstrip("\ufeff")
    if not text.startswith("---"):
        return None, text
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    return None, text


def _parse_lesson(path: Path, errors: _Collector) -> LessonSource | None:
    raw_bytes = path.read_bytes()
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError:
        errors.add(path, "tệp phải mã hóa UTF-8.")
        return None
    front, body = parse_front_matter(raw)
    if front is None:
        errors.add(path, "thiếu phần đầu YAML giữa hai dòng “---”.")
        return None
    before = len(errors.errors)
    data = _load_yaml(front, path, errors)
    if data is None:
        return None
    prefix_order, _ = _folder_slug(path)
    slug = str(data.get("slug") or "").strip()
    if not slug:
        errors.add(path, "thiếu khóa bắt buộc “slug”.")
    elif not SLUG_RE.match(slug):
        errors.add(path, f"slug “{slug}” chỉ gồm chữ thường không dấu, số và “-”.")
    elif slug in RESERVED_LESSON_SLUGS:
        errors.add(path, f"slug “{slug}” trùng một đường dẫn cố định; hãy chọn tên khác.")
    body = unicodedata.normalize("NFC", body).strip() + "\n"
    if not body.strip():
        errors.add(path, "bài học không có nội dung.")
    elif len(body) > _field_max(Lesson, "body"):
        errors.add(path, f"nội dung dài quá {_field_max(Lesson, 'body')} ký tự.")
    video_url = _text(data, "video_url", path, errors, required=False, max_length=200)
    if video_url and not video_url.startswith("https://"):
        errors.add(path, "video_url phải là đường link https:// (hoặc để trống).")
    lesson = LessonSource(
        path=path,
        slug=slug,
        order=_int(data, "order", path, errors, default=prefix_order or 0),
        title=_text(data, "title", path, errors, max_length=_field_max(Lesson, "title")),
        summary=_text(
            data, "summary", path, errors, required=False, max_length=_field_max(Lesson, "summary")
        ),
        minutes=_int(data, "minutes", path, errors, default=5, low=1, high=240),
        video_url=video_url,
        body=body,
        source_hash=_hash(raw_bytes),
    )
    return lesson if len(errors.errors) == before else None


def parse_topic_dir(path: Path, *, root: Path) -> tuple[TopicSource | None, list[ContentError]]:
    """Parse one ``topics/NN-slug/`` folder. Returns the topic, or None and the errors."""
    errors = _Collector(root)
    yaml_path = path / "topic.yaml"
    if not yaml_path.is_file():
        errors.add(path, "thiếu tệp topic.yaml.")
        return None, errors.errors
    raw_bytes = yaml_path.read_bytes()
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError:
        errors.add(yaml_path, "tệp phải mã hóa UTF-8.")
        return None, errors.errors
    data = _load_yaml(raw, yaml_path, errors)
    if data is None:
        return None, errors.errors

    prefix_order, folder_slug = _folder_slug(path)
    slug = str(data.get("slug") or "").strip()
    if not slug:
        errors.add(yaml_path, "thiếu khóa bắt buộc “slug”.")
    elif not SLUG_RE.match(slug) or len(slug) > _field_max(Topic, "slug"):
        errors.add(yaml_path, f"slug “{slug}” chỉ gồm chữ thường không dấu, số và “-”.")
    elif slug in RESERVED_TOPIC_SLUGS:
        errors.add(yaml_path, f"slug “{slug}” trùng một đường dẫn cố định; hãy chọn tên khác.")
    elif slug != folder_slug:
        errors.add(yaml_path, f"slug “{slug}” phải trùng tên thư mục “{folder_slug}”.")

    status = data.get("status", ABSENT)
    if status is not ABSENT and status not in TopicStatus.values:
        errors.add(yaml_path, f"status phải là một trong {', '.join(TopicStatus.values)}.")
    publish_from = _date(data, "publish_from", yaml_path, errors)
    publish_until = _date(data, "publish_until", yaml_path, errors)
    if (
        isinstance(publish_from, dt.date)
        and isinstance(publish_until, dt.date)
        and publish_until < publish_from
    ):
        errors.add(yaml_path, "publish_until phải cùng ngày hoặc sau publish_from.")

    quiz = data.get("quiz")
    if not isinstance(quiz, dict):
        errors.add(yaml_path, "thiếu khóa bắt buộc “quiz” (title, pass_percent, questions).")
        quiz = {}
    topic = TopicSource(
        path=path,
        slug=slug,
        order=_int(data, "order", yaml_path, errors, default=prefix_order or 0),
        title=_text(data, "title", yaml_path, errors, max_length=_field_max(Topic, "title")),
        summary=_text(data, "summary", yaml_path, errors, max_length=1000),
        audience=_text(data, "audience", yaml_path, errors, required=False, max_length=300),
        status=status,
        publish_from=publish_from,
        publish_until=publish_until,
        quiz_title=_text(quiz, "title", yaml_path, errors, max_length=_field_max(Quiz, "title"))
        if quiz
        else "",
        pass_percent=_int(quiz, "pass_percent", yaml_path, errors, default=70, low=1, high=100),
        questions=_parse_questions(quiz, yaml_path, errors) if quiz else [],
        source_hash=_hash(raw_bytes),
    )

    lessons_dir = path / "lessons"
    files = sorted(lessons_dir.glob("*.md")) if lessons_dir.is_dir() else []
    if not files:
        errors.add(path, "chuyên đề chưa có bài học nào (thư mục lessons/ với tệp .md).")
    seen: dict[str, Path] = {}
    for lesson_path in files:
        lesson = _parse_lesson(lesson_path, errors)
        if lesson is None:
            continue
        if lesson.slug in seen:
            errors.add(lesson_path, f"slug “{lesson.slug}” trùng với {seen[lesson.slug].name}.")
        seen[lesson.slug] = lesson_path
        topic.lessons.append(lesson)
    if errors.errors:
        return None, errors.errors
    return topic, []


def read_content(content_dir: Path) -> tuple[list[TopicSource], list[ContentError]]:
    """Every topic folder under ``content_dir/topics``: the valid ones and all errors."""
    content_dir = Path(content_dir)
    topics_dir = content_dir / "topics"
    if not topics_dir.is_dir():
        return [], [ContentError(str(topics_dir), "không tìm thấy thư mục topics/.")]
    topics: list[TopicSource] = []
    errors: list[ContentError] = []
    for path in sorted(p for p in topics_dir.iterdir() if p.is_dir()):
        topic, topic_errors = parse_topic_dir(path, root=content_dir)
        errors.extend(topic_errors)
        if topic is not None:
            topics.append(topic)
    return topics, errors
