"""Notification backends: one per channel, chosen by a setting.

``BINHDAN_NOTIFICATION_BACKENDS`` maps a channel (``email``, ``sms``, ``zalo``) to the
dotted path of a backend class; a channel missing from the mapping uses the default below.

The interface a gateway implements (an SMS brand-name provider or a Zalo OA, later)::

    class MyGateway:
        def send(self, message: OutboxMessage) -> None:
            '''Deliver ``message`` (``recipient``, ``subject``, ``body``) or raise.

            Raise ``PermanentFailure`` when retrying cannot help (bad number); any other
            exception is retried later with back-off by the worker.'''

A backend must be safe to call twice for one message: the worker may retry after a crash
between sending and recording the outcome.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from binhdan.notifications.models import Channel, OutboxMessage

DEFAULT_BACKENDS = {
    Channel.EMAIL: "binhdan.notifications.backends.EmailBackend",
    Channel.SMS: "binhdan.notifications.backends.OutboxOnlyBackend",
    Channel.ZALO: "binhdan.notifications.backends.OutboxOnlyBackend",
}


class PermanentFailure(Exception):
    """Retrying will not help (an invalid address, a refused number)."""


class EmailBackend:
    """Sends through Django's ``send_mail`` (``EMAIL_BACKEND`` decides how)."""

    def send(self, message: OutboxMessage) -> None:
        if "@" not in message.recipient:
            raise PermanentFailure(f"not an email address: {message.recipient!r}")
        send_mail(
            message.subject or message.body[:60],
            message.body,
            settings.DEFAULT_FROM_EMAIL,
            [message.recipient],
            fail_silently=False,
        )


class NotDelivered(Exception):
    """The channel has no gateway: the message is kept (status ``held``), not sent."""


class OutboxOnlyBackend:
    """Delivers nothing (a channel with no gateway yet): the worker marks the message
    ``held`` so that nobody believes it was sent. Staff read held messages in the admin;
    once a gateway is configured they can be queued again."""

    def send(self, message: OutboxMessage) -> None:
        raise NotDelivered(f"no gateway for channel {message.channel!r}")


def backend_for(channel: str):
    configured = getattr(settings, "BINHDAN_NOTIFICATION_BACKENDS", None) or {}
    path = configured.get(channel) or DEFAULT_BACKENDS.get(channel)
    if not path:
        return None
    return import_string(path)()
