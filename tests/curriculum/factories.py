import factory

from binhdan.curriculum.models import Choice, Lesson, Question, Quiz, Topic, TopicStatus

LESSON_BODY = """## Màn thứ nhất

Đây là nội dung màn thứ nhất.

## Màn thứ hai

- Ý một
- Ý hai
"""


class TopicFactory(factory.django.DjangoModelFactory):
    """A published topic with no publication window (visible publicly)."""

    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"chuyen-de-{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Chuyên đề {n}")
    summary = "Tóm tắt chuyên đề."
    audience = "Mọi người dân"
    status = TopicStatus.PUBLISHED


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    topic = factory.SubFactory(TopicFactory)
    slug = factory.Sequence(lambda n: f"bai-{n}")
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Bài học {n}")
    summary = "Tóm tắt bài học."
    body = LESSON_BODY
    minutes = 5
    video_url = ""


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz
        django_get_or_create = ("topic",)

    topic = factory.SubFactory(TopicFactory)
    title = factory.LazyAttribute(lambda o: f"Kiểm tra: {o.topic.title}")
    pass_percent = 70


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory("tests.curriculum.factories.QuestionFactory", choices=0)
    order = factory.Sequence(lambda n: n + 100)
    text = factory.Sequence(lambda n: f"Phương án {n}")
    is_correct = False


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question with ``choices`` (default 3) choices; the first one is correct
    unless ``correct_index`` says otherwise."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    quiz = factory.SubFactory(QuizFactory)
    key = factory.Sequence(lambda n: f"q{n:02d}")
    order = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Câu hỏi số {n}?")
    explanation = "Giải thích đáp án."
    is_active = True

    @factory.post_generation
    def choices(obj, create, extracted, correct_index=0, **kwargs):
        if not create:
            return
        count = 3 if extracted is None else int(extracted)
        for i in range(count):
            Choice.objects.create(
                question=obj, order=i, text=f"Phương án {i + 1}", is_correct=(i == correct_index)
            )
