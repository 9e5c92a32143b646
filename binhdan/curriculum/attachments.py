"""Lesson attachments: upload checks (size, real file type), storage and removal."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from binhdan.accounts.models import User
from binhdan.curriculum.errors import CurriculumErrors
from binhdan.curriculum.models import Lesson, LessonAttachment
from binhdan.curriculum.selectors import require_curriculum_editor

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_PER_LESSON = 10
# content type → (extension, magic-byte test). The browser's declared type is not trusted.
KINDS = {
    "application/pdf": ("pdf", lambda head: head.startswith(b"%PDF-")),
    "image/png": ("png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "image/jpeg": ("jpg", lambda head: head.startswith(b"\xff\xd8\xff")),
    "image/webp": ("webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
}


def max_bytes() -> int:
    return int(getattr(settings, "BINHDAN_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def attachment_dir() -> Path:
    return Path(settings.UPLOAD_DIR) / "lesson-files"


def attachment_path(attachment: LessonAttachment) -> Path:
    return attachment_dir() / attachment.stored_name


def sniff_content_type(head: bytes) -> str | None:
    for content_type, (_ext, test) in KINDS.items():
        if test(head):
            return content_type
    return None


def attachment_add(
    *, user: User, lesson: Lesson, upload: UploadedFile, title: str = ""
) -> LessonAttachment:
    """Check and store an uploaded file for ``lesson``."""
    require_curriculum_editor(user=user)
    limit = max_bytes()
    if not upload.size:
        raise CurriculumErrors.FILE_EMPTY.error()
    if upload.size > limit:
        raise CurriculumErrors.FILE_TOO_LARGE.error(mb=round(limit / 1024 / 1024, 1))
    if lesson.attachments.count() >= MAX_PER_LESSON:
        raise CurriculumErrors.TOO_MANY_FILES.error(n=MAX_PER_LESSON)
    upload.seek(0)
    head = upload.read(16)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise CurriculumErrors.FILE_TYPE.error()
    extension = KINDS[content_type][0]
    stored_name = f"{secrets.token_hex(16)}.{extension}"
    folder = attachment_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / stored_name
    upload.seek(0)
    written = 0
    with path.open("xb") as target:
        for chunk in upload.chunks():
            written += len(chunk)
            if written > limit:
                break
            target.write(chunk)
    if written > limit:
        path.unlink(missing_ok=True)
        raise CurriculumErrors.FILE_TOO_LARGE_STREAMED.error()
    original = Path(upload.name or "").name[:255] or stored_name
    try:
        with transaction.atomic():
            attachment = LessonAttachment.objects.create(
                lesson=lesson,
                title=(title or "").strip()[:200] or Path(original).stem[:200],
                original_name=original,
                stored_name=stored_name,
                content_type=content_type,
                size=written,
                uploaded_by=user if user.is_authenticated else None,
            )
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return attachment


def attachment_delete(*, user: User, attachment: LessonAttachment) -> None:
    require_curriculum_editor(user=user)
    path = attachment_path(attachment)
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: path.unlink(missing_ok=True))


def remove_files_on_commit(attachments) -> None:
    """Unlink the files of attachments being deleted with their lesson, after commit."""
    paths = [attachment_path(a) for a in attachments]
    transaction.on_commit(lambda: [p.unlink(missing_ok=True) for p in paths])
