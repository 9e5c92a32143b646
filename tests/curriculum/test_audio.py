"""Pre-generated read-aloud audio with Debian's espeak-ng, and its serving view."""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from binhdan.curriculum import audio
from tests.curriculum.factories import LessonFactory, TopicFactory

pytestmark = pytest.mark.django_db

# In CI (CI=true) a missing espeak-ng fails instead: scripts/ensure-debian-packages.sh installs it.
needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None and not os.environ.get("CI"),
    reason="espeak-ng is not installed on this machine (apt-get install -y espeak-ng)",
)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


@pytest.fixture
def lesson():
    topic = TopicFactory(slug="nghe")
    return LessonFactory(
        topic=topic, slug="thu", body="## Xin chào\n\nBà con học cùng nhau.\n\n## Hai\n\nMàn hai."
    )


@needs_espeak
def test_command_generates_one_audio_file_per_screen(uploads, lesson):
    out = StringIO()
    call_command("generate_lesson_audio", stdout=out)
    files = sorted((uploads / "audio" / "nghe" / "thu").iterdir())
    assert [f.name.split("-")[0] for f in files] == ["1", "2"]
    assert all(f.stat().st_size > 1000 for f in files)
    assert "2 generated" in out.getvalue()


@needs_espeak
def test_second_run_keeps_files_of_unchanged_screens(uploads, lesson):
    call_command("generate_lesson_audio", stdout=StringIO())
    out = StringIO()
    call_command("generate_lesson_audio", stdout=out)
    assert "0 generated, 2 already up to date" in out.getvalue()


@needs_espeak
def test_edited_screen_gets_new_audio_and_old_file_goes(uploads, lesson):
    call_command("generate_lesson_audio", stdout=StringIO())
    lesson.body = lesson.body.replace("Màn hai.", "Màn hai đã sửa.")
    lesson.save()
    out = StringIO()
    call_command("generate_lesson_audio", stdout=out)
    assert "1 generated, 1 already up to date" in out.getvalue()
    assert len(list((uploads / "audio" / "nghe" / "thu").glob("2-*"))) == 1


@needs_espeak
def test_lesson_page_offers_audio_and_view_serves_it(client, uploads, lesson):
    call_command("generate_lesson_audio", stdout=StringIO())
    page = client.get(reverse("curriculum:lesson", args=["nghe", "thu"])).content.decode()
    audio_url = reverse("curriculum:lesson_audio", args=["nghe", "thu", 1])
    assert f'src="{audio_url}"' in page
    response = client.get(audio_url)
    assert response.status_code == 200
    assert response["Content-Type"] in audio.CONTENT_TYPES.values()
    assert len(b"".join(response.streaming_content)) > 1000


@needs_espeak
def test_audio_view_answers_a_byte_range_as_safari_asks(client, uploads, lesson):
    call_command("generate_lesson_audio", stdout=StringIO())
    audio_url = reverse("curriculum:lesson_audio", args=["nghe", "thu", 1])
    whole = b"".join(client.get(audio_url).streaming_content)

    response = client.get(audio_url, HTTP_RANGE="bytes=0-1")

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-1/{len(whole)}"
    assert response.content == whole[:2]


def test_audio_view_is_404_when_nothing_was_generated_and_nothing_can_speak(
    client, monkeypatch, uploads, lesson
):
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(audio, "bundled_espeak", lambda: None)
    assert (
        client.get(reverse("curriculum:lesson_audio", args=["nghe", "thu", 1])).status_code == 404
    )


def test_audio_of_an_old_text_is_not_served(client, uploads, lesson):
    folder = uploads / "audio" / "nghe" / "thu"
    folder.mkdir(parents=True)
    (folder / "1-0000000000000000.wav").write_bytes(b"RIFF")

    response = client.get(reverse("curriculum:lesson_audio", args=["nghe", "thu", 1]))

    # the current text's audio is made and served; the old text's file is gone
    assert response.status_code == 200
    assert b"".join(response.streaming_content) != b"RIFF"
    assert not (folder / "1-0000000000000000.wav").exists()


def test_command_says_how_to_get_a_speech_engine_when_none_is_there(monkeypatch, uploads, lesson):
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(audio, "bundled_espeak", lambda: None)
    with pytest.raises(CommandError, match="apt-get install -y espeak-ng"):
        call_command("generate_lesson_audio", stdout=StringIO())
