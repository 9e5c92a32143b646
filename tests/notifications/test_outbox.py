import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from binhdan.notifications.models import Channel, MessageStatus, OutboxMessage
from binhdan.notifications.services import MAX_ATTEMPTS, message_queue, messages_send_due

pytestmark = pytest.mark.django_db

FAILING = "tests.notifications.test_outbox.FailingBackend"


class FailingBackend:
    def send(self, message):
        raise ConnectionError("gateway down")


def _queue(key="k1", channel=Channel.EMAIL, recipient="a@example.vn", **kwargs):
    message, _created = message_queue(
        channel=channel,
        recipient=recipient,
        body="Nội dung",
        subject="Tiêu đề",
        dedupe_key=key,
        **kwargs,
    )
    return message


def test_queue_twice_with_the_same_key_stores_one_message():
    first, created = message_queue(channel="email", recipient="a@x.vn", body="1", dedupe_key="k")
    second, again = message_queue(channel="email", recipient="a@x.vn", body="2", dedupe_key="k")

    assert (created, again) == (True, False)
    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1


def test_worker_sends_a_due_email_and_marks_it_sent():
    message = _queue()

    result = messages_send_due()

    message.refresh_from_db()
    assert (result.sent, message.status, message.attempts) == (1, MessageStatus.SENT, 1)
    assert message.sent_at is not None
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]
    assert mail.outbox[0].subject == "Tiêu đề"


def test_worker_leaves_messages_that_are_not_due():
    message = _queue(send_after=timezone.now() + dt.timedelta(hours=1))

    assert messages_send_due().handled == 0
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED


def test_worker_retries_a_failure_later(settings):
    settings.BINHDAN_NOTIFICATION_BACKENDS = {"email": FAILING}
    message = _queue()
    now = timezone.now()

    result = messages_send_due(now=now)

    message.refresh_from_db()
    assert (result.retried, message.status, message.attempts) == (1, MessageStatus.QUEUED, 1)
    assert message.send_after > now
    assert "gateway down" in message.last_error


def test_worker_gives_up_after_the_last_attempt(settings):
    settings.BINHDAN_NOTIFICATION_BACKENDS = {"email": FAILING}
    message = _queue()
    now = timezone.now()

    for attempt in range(MAX_ATTEMPTS):
        messages_send_due(now=now + dt.timedelta(days=attempt + 1))

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, MAX_ATTEMPTS)


def test_email_backend_fails_permanently_on_a_non_address():
    message = _queue(recipient="0912345678")

    result = messages_send_due()

    message.refresh_from_db()
    assert (result.failed, message.status, message.attempts) == (1, MessageStatus.FAILED, 1)


def test_sms_without_a_gateway_is_held_not_marked_sent():
    message = _queue(channel=Channel.SMS, recipient="+84912345678")

    result = messages_send_due()

    message.refresh_from_db()
    assert (result.sent, result.held) == (0, 1)
    assert message.status == MessageStatus.HELD
    assert "no gateway" in message.last_error
    assert mail.outbox == []


def test_a_claimed_message_is_not_taken_again_while_its_lease_runs(monkeypatch):
    from binhdan.notifications import services

    message = _queue()
    claimed = services._claim_due(timezone.now(), 10)

    assert [m.pk for m in claimed] == [message.pk]
    assert services._claim_due(timezone.now(), 10) == []
    later = timezone.now() + services.CLAIM_LEASE + dt.timedelta(seconds=1)
    assert [m.pk for m in services._claim_due(later, 10)] == [message.pk]


def test_send_notifications_command_runs_one_pass(capsys):
    _queue()

    call_command("send_notifications", "--once")

    assert "sent 1" in capsys.readouterr().out
    assert OutboxMessage.objects.get().status == MessageStatus.SENT
