"""Pre-generated read-aloud audio, one file per lesson screen.

Phones without a Vietnamese text-to-speech voice get an ``<audio>`` file instead. Files
live under ``UPLOAD_DIR/audio/<topic>/<lesson>/<screen>-<text hash>.<ext>``: the hash of
the screen's text is in the name, so editing a lesson makes its old audio unused (it is
never served for the new text) until ``binhdan generate_lesson_audio`` runs again.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from binhdan.curriculum.rendering import Screen

CONTENT_TYPES = {"opus": "audio/ogg", "mp3": "audio/mpeg", "wav": "audio/wav"}
ESPEAK_SPEED = 140  # words per minute; the default 175 is fast for first-time learners
TIMEOUT = 120


def audio_root() -> Path:
    return Path(settings.UPLOAD_DIR) / "audio"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def lesson_audio_dir(*, topic_slug: str, lesson_slug: str) -> Path:
    return audio_root() / topic_slug / lesson_slug


def find_screen_audio(*, topic_slug: str, lesson_slug: str, screen: Screen) -> Path | None:
    """The audio file for this screen's current text, if one was generated."""
    folder = lesson_audio_dir(topic_slug=topic_slug, lesson_slug=lesson_slug)
    stem = f"{screen.number}-{text_key(screen.text)}"
    for ext in CONTENT_TYPES:
        path = folder / f"{stem}.{ext}"
        if path.is_file():
            return path
    return None


def espeak_binary() -> str | None:
    return shutil.which("espeak-ng")


def encoder() -> str | None:
    """The compressor that will be used: opusenc, ffmpeg or lame; None means WAV."""
    for name in ("opusenc", "ffmpeg", "lame"):
        if shutil.which(name):
            return name
    return None


@dataclass(frozen=True)
class AudioResult:
    path: Path
    created: bool
    bytes: int


def _compress(wav: Path, stem: Path, tool: str | None) -> Path:
    if tool == "opusenc":
        out = stem.with_suffix(".opus")
        cmd = ["opusenc", "--quiet", "--bitrate", "16", "--speech", str(wav), str(out)]
    elif tool == "ffmpeg":
        out = stem.with_suffix(".opus")
        cmd = ["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav)]
        cmd += ["-c:a", "libopus", "-b:a", "16k", "-application", "voip", str(out)]
    elif tool == "lame":
        out = stem.with_suffix(".mp3")
        cmd = ["lame", "--quiet", "-V", "7", str(wav), str(out)]
    else:
        out = stem.with_suffix(".wav")
        shutil.copyfile(wav, out)
        return out
    # Fixed argument lists, no shell; paths are ours.
    subprocess.run(cmd, check=True, timeout=TIMEOUT, capture_output=True)  # noqa: S603
    return out


def generate_screen_audio(
    *, topic_slug: str, lesson_slug: str, screen: Screen, force: bool = False
) -> AudioResult:
    """Speak the screen's text with espeak-ng (Vietnamese voice) and store it compressed."""
    existing = find_screen_audio(topic_slug=topic_slug, lesson_slug=lesson_slug, screen=screen)
    if existing and not force:
        return AudioResult(existing, False, existing.stat().st_size)
    espeak = espeak_binary()
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng)")
    folder = lesson_audio_dir(topic_slug=topic_slug, lesson_slug=lesson_slug)
    folder.mkdir(parents=True, exist_ok=True)
    # Older audio of this screen (for a previous text) is replaced.
    for old in folder.glob(f"{screen.number}-*"):
        old.unlink()
    stem = folder / f"{screen.number}-{text_key(screen.text)}"
    with tempfile.TemporaryDirectory() as tmp:
        text_file = Path(tmp) / "screen.txt"
        text_file.write_text(screen.text.replace("\n", ".\n"), encoding="utf-8")
        wav = Path(tmp) / "screen.wav"
        subprocess.run(  # noqa: S603 - fixed argument list, no shell
            [espeak, "-v", "vi", "-s", str(ESPEAK_SPEED), "-f", str(text_file), "-w", str(wav)],
            check=True,
            timeout=TIMEOUT,
            capture_output=True,
        )
        out = _compress(wav, stem, encoder())
    return AudioResult(out, True, out.stat().st_size)
