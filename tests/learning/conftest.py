import pytest

from tests.learning.factories import learner, quiz_with_questions


@pytest.fixture
def quiz(db):
    return quiz_with_questions(count=4, pass_percent=75)


@pytest.fixture
def person(tree):
    return learner(tree.village, full_name="Nguyễn Văn An", birth_year=1958, phone="+84912345678")
