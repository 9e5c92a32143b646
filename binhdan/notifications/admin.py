from django.contrib import admin

from binhdan.notifications.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["send_after", "channel", "recipient", "subject", "status", "attempts"]
    list_filter = ["status", "channel"]
    search_fields = ["recipient", "subject", "dedupe_key"]
    readonly_fields = ["created_at", "sent_at", "last_error", "attempts"]
