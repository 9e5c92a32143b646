"""Pre-generated read-aloud audio, one file per lesson screen.

Every lesson screen gets an ``<audio>`` file, so the read-aloud works on every phone, with
or without a Vietnamese voice of its own. Files live under
``UPLOAD_DIR/audio/<topic>/<lesson>/<screen>-<text hash>.<ext>``: the hash of the screen's
text is in the name, so editing a lesson makes its old audio unused (it is never served for
the new text); the next play (or ``binhdan generate_lesson_audio``) makes the new one.

Speech: Debian's ``espeak-ng`` program when it is installed, else the eSpeak NG library and
voice data shipped in the ``espeakng-loader`` wheel (a project dependency, so a plain
``pip install`` speaks Vietnamese with no system package). Compression: ``opusenc``,
``ffmpeg`` or ``lame`` when installed, else MP3 through the ``lameenc`` wheel (mono, 16 kHz,
24 kbit/s: about 180 KB a minute, and every phone browser plays MP3), WAV only if even that
is missing.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from binhdan.curriculum.rendering import Screen

CONTENT_TYPES = {"opus": "audio/ogg", "mp3": "audio/mpeg", "wav": "audio/wav"}
ESPEAK_SPEED = 140  # words per minute; the default 175 is fast for first-time learners
MP3_KBPS = 24  # lameenc: MPEG-2 layer III, mono; LAME resamples to 16 kHz at this rate
TIMEOUT = 120

SYSTEM_ESPEAK = "espeak-ng"
BUNDLED_ESPEAK = "espeakng-loader"
BUNDLED_MP3 = "lameenc"


class AudioUnavailable(RuntimeError):
    """Neither Debian's espeak-ng nor the bundled eSpeak NG library can be used."""


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


def bundled_espeak() -> tuple[Path, Path] | None:
    """(library, voice data folder) of the espeakng-loader wheel, when it is installed."""
    try:
        import espeakng_loader
    except ImportError:
        return None
    library = Path(espeakng_loader.get_library_path())
    data = Path(espeakng_loader.__file__).parent / "espeak-ng-data"
    if not library.is_file() or not (data / "vi_dict").is_file():
        return None
    return library, data


def synthesiser() -> str | None:
    """What will speak: the system's espeak-ng, the bundled library, or None."""
    if espeak_binary():
        return SYSTEM_ESPEAK
    if bundled_espeak():
        return BUNDLED_ESPEAK
    return None


def audio_available() -> bool:
    return synthesiser() is not None


def _lameenc():
    try:
        import lameenc
    except ImportError:
        return None
    return lameenc


def encoder() -> str | None:
    """The compressor that will be used: opusenc, ffmpeg, lame or lameenc; None means WAV."""
    for name in ("opusenc", "ffmpeg", "lame"):
        if shutil.which(name):
            return name
    if _lameenc() is not None:
        return BUNDLED_MP3
    return None


@dataclass(frozen=True)
class AudioResult:
    path: Path
    created: bool
    bytes: int


# --- speech -------------------------------------------------------------------------------

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000  # report a data error instead of calling exit()
_PARAM_RATE = 1
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000


class _BundledEspeak:
    """The eSpeak NG library of the espeakng-loader wheel, driven through ctypes.

    The library keeps global state, so one instance per process is used under a lock.
    """

    def __init__(self, library: Path, data: Path) -> None:
        lib = ctypes.CDLL(str(library))
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, str(data).encode(), _INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            raise AudioUnavailable(f"eSpeak NG could not start with the data in {data}")
        self.sample_rate = rate
        self._lib = lib
        self._chunks: list[bytes] = []
        # Kept on the instance: ctypes must not free the callback while the library holds it.
        self._callback = _SYNTH_CALLBACK(self._collect)
        lib.espeak_SetSynthCallback(self._callback)
        if lib.espeak_SetVoiceByName(b"vi") != 0:
            raise AudioUnavailable("eSpeak NG has no Vietnamese voice in its data")
        lib.espeak_SetParameter(_PARAM_RATE, ESPEAK_SPEED, 0)

    def _collect(self, samples, count, _events) -> int:
        if samples and count > 0:
            self._chunks.append(ctypes.string_at(samples, count * 2))
        return 0  # go on

    def speak(self, text: str) -> bytes:
        """16-bit mono PCM at ``sample_rate``."""
        data = text.encode("utf-8")
        self._chunks = []
        error = self._lib.espeak_Synth(
            data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _ENDPAUSE, None, None
        )
        if error != 0:
            raise AudioUnavailable(f"eSpeak NG could not speak (error {error})")
        self._lib.espeak_Synchronize()
        pcm, self._chunks = b"".join(self._chunks), []
        return pcm


_bundled: _BundledEspeak | None = None
_lock = threading.Lock()


def _bundled_engine() -> _BundledEspeak:
    global _bundled
    if _bundled is None:
        found = bundled_espeak()
        if found is None:
            raise AudioUnavailable("the espeakng-loader package is not installed")
        _bundled = _BundledEspeak(*found)
    return _bundled


def _speak_to_wav(text: str, wav: Path, engine: str) -> None:
    if engine == SYSTEM_ESPEAK:
        text_file = wav.with_suffix(".txt")
        text_file.write_text(text, encoding="utf-8")
        subprocess.run(  # noqa: S603 - fixed argument list, no shell
            [
                espeak_binary() or SYSTEM_ESPEAK,
                *("-v", "vi", "-s", str(ESPEAK_SPEED), "-f", str(text_file), "-w", str(wav)),
            ],
            check=True,
            timeout=TIMEOUT,
            capture_output=True,
        )
        return
    with _lock:  # the library's state is global to the process
        speech = _bundled_engine()
        pcm = speech.speak(text)
        rate = speech.sample_rate
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)


# --- compression --------------------------------------------------------------------------


def _mp3_with_lameenc(wav: Path, out: Path) -> None:
    lameenc = _lameenc()
    with wave.open(str(wav), "rb") as source:
        channels, rate = source.getnchannels(), source.getframerate()
        pcm = source.readframes(source.getnframes())
    mp3 = lameenc.Encoder()
    mp3.set_bit_rate(MP3_KBPS)
    mp3.set_in_sample_rate(rate)
    mp3.set_channels(channels)
    mp3.set_quality(7)  # fastest (2.4x quicker than 2), same size; the voice is synthetic anyway
    out.write_bytes(mp3.encode(pcm) + mp3.flush())


def _compress(wav: Path, target: Path, tool: str | None) -> str:
    """Write ``target`` (a temporary name) from ``wav``; returns the file's extension."""
    if tool == "opusenc":
        cmd = ["opusenc", "--quiet", "--bitrate", "16", "--speech", str(wav), str(target)]
        ext = "opus"
    elif tool == "ffmpeg":
        cmd = ["ffmpeg", "-loglevel", "error", "-y", "-i", str(wav)]
        cmd += ["-c:a", "libopus", "-b:a", "16k", "-application", "voip", "-f", "ogg"]
        cmd += [str(target)]
        ext = "opus"
    elif tool == "lame":
        cmd = ["lame", "--quiet", "-V", "7", str(wav), str(target)]
        ext = "mp3"
    elif tool == BUNDLED_MP3:
        _mp3_with_lameenc(wav, target)
        return "mp3"
    else:
        shutil.copyfile(wav, target)
        return "wav"
    # Fixed argument lists, no shell; paths are ours.
    subprocess.run(cmd, check=True, timeout=TIMEOUT, capture_output=True)  # noqa: S603
    return ext


def generate_screen_audio(
    *, topic_slug: str, lesson_slug: str, screen: Screen, force: bool = False
) -> AudioResult:
    """Speak the screen's text (Vietnamese voice) and store it compressed.

    Safe to call from a web request and from several processes at once: the file appears
    under its final name only when complete (written aside, then renamed).
    """
    existing = find_screen_audio(topic_slug=topic_slug, lesson_slug=lesson_slug, screen=screen)
    if existing and not force:
        return AudioResult(existing, False, existing.stat().st_size)
    engine = synthesiser()
    if engine is None:
        raise AudioUnavailable(
            "no speech engine: pip install espeakng-loader (a project dependency) "
            "or apt-get install espeak-ng"
        )
    folder = lesson_audio_dir(topic_slug=topic_slug, lesson_slug=lesson_slug)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{screen.number}-{text_key(screen.text)}"
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "screen.wav"
        _speak_to_wav(screen.text.replace("\n", ".\n"), wav, engine)
        # Written in the lesson's folder under a hidden name, then renamed into place.
        fd, partial = tempfile.mkstemp(dir=folder, prefix=".partial-")
        os.close(fd)
        try:
            ext = _compress(wav, Path(partial), encoder())
            out = folder / f"{stem}.{ext}"
            # Older audio of this screen (for a previous text, or another format) goes.
            for old in folder.glob(f"{screen.number}-*"):
                if old != out:
                    old.unlink(missing_ok=True)
            os.replace(partial, out)
        finally:
            Path(partial).unlink(missing_ok=True)
    return AudioResult(out, True, out.stat().st_size)


def screen_audio_get_or_create(*, topic_slug: str, lesson_slug: str, screen: Screen) -> Path:
    """The screen's audio, made now when missing (the first play after an edit).

    Raises ``AudioUnavailable`` when it cannot be made on this server.
    """
    found = find_screen_audio(topic_slug=topic_slug, lesson_slug=lesson_slug, screen=screen)
    if found is not None:
        return found
    return generate_screen_audio(topic_slug=topic_slug, lesson_slug=lesson_slug, screen=screen).path
