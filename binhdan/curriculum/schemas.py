import datetime as dt

from ninja import Schema


class LessonSummaryOut(Schema):
    slug: str
    order: int
    title: str
    summary: str
    minutes: int
    video_url: str
    updated_at: dt.datetime


class QuizMetaOut(Schema):
    title: str
    pass_percent: int
    question_count: int


class TopicOut(Schema):
    slug: str
    order: int
    title: str
    summary: str
    audience: str
    updated_at: dt.datetime
    lessons: list[LessonSummaryOut]


class TopicDetailOut(TopicOut):
    quiz: QuizMetaOut | None


class ScreenOut(Schema):
    number: int
    title: str
    html: str
    text: str


class AttachmentOut(Schema):
    id: int
    title: str
    content_type: str
    size: int
    url: str


class LessonOut(LessonSummaryOut):
    """A lesson in full: its summary fields, then its topic, screens and neighbours."""

    topic_slug: str
    screens: list[ScreenOut]
    attachments: list[AttachmentOut]
    previous_slug: str | None
    next_slug: str | None


class ChoiceOut(Schema):
    """A choice without its correctness: the learning API grades answers."""

    id: int
    order: int
    text: str


class QuestionOut(Schema):
    id: int
    key: str
    order: int
    text: str
    choices: list[ChoiceOut]


class QuizOut(Schema):
    topic_slug: str
    title: str
    pass_percent: int
    questions: list[QuestionOut]
