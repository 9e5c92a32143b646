"""Queueing messages and sending the due ones (the worker's job)."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from binhdan.notifications.backends import NotDelivered, PermanentFailure, backend_for
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
    held: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.held


# A claimed message is invisible to other workers for this long; if the worker dies while
# sending, the message is tried again afterwards (delivery is at least once).
CLAIM_LEASE = dt.timedelta(minutes=5)


def _claim_due(now: dt.datetime, limit: int) -> list[OutboxMessage]:
    """Take the due messages in one short transaction: count the attempt and push
    ``send_after`` out by the lease, so that sending happens with no lock held."""
    with transaction.atomic():
        due = OutboxMessage.objects.filter(
            status=MessageStatus.QUEUED, send_after__lte=now
        ).order_by("send_after", "pk")
        if connection.features.has_select_for_update_skip_locked:
            # Several workers on PostgreSQL: each takes rows the others have not locked.
            due = due.select_for_update(skip_locked=True)
        claimed = list(due[:limit])
        for message in claimed:
            message.attempts += 1
            message.send_after = now + CLAIM_LEASE
        OutboxMessage.objects.bulk_update(claimed, ["attempts", "send_after"])
    return claimed


def _send_one(message: OutboxMessage, now: dt.datetime, result: "SendResult") -> None:
    backend = backend_for(message.channel)
    try:
        if backend is None:
            raise PermanentFailure(f"no backend for channel {message.channel!r}")
        backend.send(message)
    except NotDelivered as exc:
        message.status = MessageStatus.HELD
        message.last_error = str(exc)[:2000]
        result.held += 1
    except Exception as exc:  # a gateway may raise anything: record it, retry later
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if isinstance(exc, PermanentFailure) or message.attempts >= MAX_ATTEMPTS:
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
    message.save(update_fields=["status", "sent_at", "last_error", "send_after"])


def messages_send_due(*, now: dt.datetime | None = None, limit: int = BATCH_SIZE) -> SendResult:
    """Send the messages due now; a failure is retried later, up to ``MAX_ATTEMPTS``.

    No transaction is held while a gateway is called (on SQLite it would block every
    other write, check-ins included, for as long as the gateway takes)."""
    now = now or timezone.now()
    result = SendResult()
    for message in _claim_due(now, limit):
        _send_one(message, now, result)
    return result
