"""Read-aloud audio out of the box: without Debian's espeak-ng and opusenc, the eSpeak NG
library of the espeakng-loader wheel speaks and lameenc makes the MP3; the lesson page
always shows the "Nghe bài này" player, and the first play makes the missing audio."""

import re
import threading
import wave
from array import array
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from binhdan.curriculum import audio
from binhdan.curriculum.rendering import Screen
from tests.curriculum.factories import LessonFactory, TopicFactory

pytestmark = pytest.mark.django_db

TEXT = "Xin chào bà con. Hôm nay chúng ta học cách nhận biết tin nhắn lừa đảo qua điện thoại."


@pytest.fixture
def no_debian_tools(monkeypatch, tmp_path):
    """A PATH where neither espeak-ng nor opusenc, ffmpeg or lame can be found."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


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


def folder(uploads):
    return uploads / "audio" / "nghe" / "thu"


def is_mp3(data: bytes) -> bool:
    return data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)


def speak(text: str, path) -> tuple[float, int]:
    """Seconds of speech and the loudest sample of ``text`` spoken into ``path``."""
    audio._speak_to_wav(text, path, audio.BUNDLED_ESPEAK)
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        samples = array("h", wav.readframes(wav.getnframes()))
    return seconds, max(abs(s) for s in samples)


def test_engines_without_debian_tools_are_the_bundled_ones(no_debian_tools):
    assert audio.espeak_binary() is None
    assert audio.synthesiser() == audio.BUNDLED_ESPEAK
    assert audio.encoder() == audio.BUNDLED_MP3


def test_bundled_library_speaks_vietnamese_for_as_long_as_the_text_needs(no_debian_tools, tmp_path):
    seconds, loudest = speak(TEXT, tmp_path / "long.wav")
    short, _ = speak("Xin chào.", tmp_path / "short.wav")

    assert 3 < seconds < 15
    assert short < seconds / 3
    assert loudest > 1000  # speech, not silence


def test_command_makes_mp3_files_without_debian_tools(no_debian_tools, uploads, lesson):
    out = StringIO()

    call_command("generate_lesson_audio", stdout=out)

    files = sorted(folder(uploads).iterdir())
    assert [f.name.split("-")[0] for f in files] == ["1", "2"]
    assert {f.suffix for f in files} == {".mp3"}
    assert all(is_mp3(f.read_bytes()) and f.stat().st_size > 1000 for f in files)
    assert "2 generated" in out.getvalue()
    assert "speech: espeakng-loader, compressor: lameenc" in out.getvalue()


def test_mp3_costs_about_180_kb_a_minute(no_debian_tools, uploads, tmp_path):
    screen = Screen(number=1, title="", text=TEXT * 4, html="")
    seconds, _ = speak(screen.text.replace("\n", ".\n"), tmp_path / "same.wav")

    result = audio.generate_screen_audio(topic_slug="t", lesson_slug="l", screen=screen)

    per_minute = result.bytes / seconds * 60
    assert 150_000 < per_minute < 200_000  # 24 kbit/s mono MP3


def test_lesson_page_shows_the_labelled_player_above_the_text(
    no_debian_tools, client, uploads, lesson
):
    # nothing was generated beforehand: the player is there all the same
    html = client.get(reverse("curriculum:lesson", args=["nghe", "thu"])).content.decode()

    player = re.search(r"<audio[^>]*>", html).group(0)
    assert "controls" in player
    assert 'aria-labelledby="listen-label"' in player
    assert reverse("curriculum:lesson_audio", args=["nghe", "thu", 1]) in player
    assert re.search(r'id="listen-label">.*Nghe bài này</p>', html)
    assert html.index("Nghe bài này") < html.index('id="screen-text"')


def test_lesson_page_has_no_player_when_nothing_can_speak(
    no_debian_tools, monkeypatch, client, uploads, lesson
):
    monkeypatch.setattr(audio, "bundled_espeak", lambda: None)

    html = client.get(reverse("curriculum:lesson", args=["nghe", "thu"])).content.decode()

    assert "<audio" not in html
    assert 'id="read-aloud"' in html  # the phone's own voice stays as the fallback


def test_first_play_makes_the_audio_and_the_next_play_reuses_it(
    no_debian_tools, client, uploads, lesson
):
    url = reverse("curriculum:lesson_audio", args=["nghe", "thu", 2])

    first = client.get(url)
    made = list(folder(uploads).iterdir())
    second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "audio/mpeg"
    assert [f.name.split("-")[0] for f in made] == ["2"]
    body = b"".join(first.streaming_content)
    assert is_mp3(body)
    assert b"".join(second.streaming_content) == body
    assert list(folder(uploads).iterdir()) == made


def test_failed_encoding_leaves_no_partial_file_and_the_view_answers_404(
    no_debian_tools, monkeypatch, client, uploads, lesson
):
    def broken(wav, target, tool):
        target.write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(audio, "_compress", broken)

    response = client.get(reverse("curriculum:lesson_audio", args=["nghe", "thu", 1]))

    assert response.status_code == 404
    assert list(folder(uploads).iterdir()) == []


def test_two_requests_speaking_at_once_each_get_their_own_text(no_debian_tools, tmp_path):
    texts = {"long": TEXT * 3, "short": "Xin chào."}
    seconds = {}

    def run(name):
        seconds[name], _ = speak(texts[name], tmp_path / f"{name}.wav")

    threads = [threading.Thread(target=run, args=(name,)) for name in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert seconds["short"] < 3 < seconds["long"]
