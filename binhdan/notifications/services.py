"""Queueing messages and sending the due ones (the worker's job)."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from binhdan.notifications.backends import PermanentFailure, backend_for
from binhdan.notifications.models import MessageStatus, OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH_SIZE = 100


def message_queue(
    *,
    channel: str,
    recipient: str,
    body: str,
    dedupe_key: str,
    subject: str = "",
    send_after: dt.datetime | None = None,
) -> tuple[OutboxMessage, bool]:
    """Queue a message once: a second call with the same ``dedupe_key`` returns the first.

    Returns ``(message, created)``.
    """
    return OutboxMessage.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "channel": channel,
            "recipient": recipient,
            "subject": subject[:200],
            "body": body,
            "send_after": send_after or timezone.now(),
        },
    )


def messages_cancel(*, dedupe_prefix: str) -> int:
    """Drop the still-queued messages whose key starts with ``dedupe_prefix``."""
    deleted, _ = OutboxMessage.objects.filter(
        status=MessageStatus.QUEUED, dedupe_key__startswith=dedupe_prefix
    ).delete()
    return deleted


def retry_delay(attempts: int) -> dt.timedelta:
    """Back-off after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


@dataclass
class SendResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed


def _due(now: dt.datetime, limit: int):
    due = OutboxMessage.objects.filter(status=MessageStatus.QUEUED, send_after__lte=now).order_by(
        "send_after", "pk"
    )
    if connection.features.has_select_for_update_skip_locked:
        # Several workers on PostgreSQL: each takes rows the others have not locked.
        due = due.select_for_update(skip_locked=True)
    return list(due[:limit])


def messages_send_due(*, now: dt.datetime | None = None, limit: int = BATCH_SIZE) -> SendResult:
    """Send the messages due now; a failure is retried later, up to ``MAX_ATTEMPTS``."""
    now = now or timezone.now()
    result = SendResult()
    with transaction.atomic():
        for message in _due(now, limit):
            message.attempts += 1
            backend = backend_for(message.channel)
            try:
                if backend is None:
                    raise PermanentFailure(f"no backend for channel {message.channel!r}")
                backend.send(message)
            except Exception as exc:  # a gateway may raise anything: record it, retry later
                message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                permanent = isinstance(exc, PermanentFailure)
                if permanent or message.attempts >= MAX_ATTEMPTS:
                    message.status = MessageStatus.FAILED
                    result.failed += 1
                else:
                    message.send_after = now + retry_delay(message.attempts)
                    result.retried += 1
                logger.warning("notification %s failed: %s", message.pk, message.last_error)
            else:
                message.status = MessageStatus.SENT
                message.sent_at = timezone.now()
                message.last_error = ""
                result.sent += 1
            message.save(
                update_fields=["attempts", "status", "sent_at", "last_error", "send_after"]
            )
    return result
