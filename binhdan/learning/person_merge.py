"""Learning rows when staff merge two records of one person (``people.merging``).

Attempts move as they are. A lesson finished on both records stays finished once (the
earlier one). Two valid certificates of one topic would be one person certified twice:
the duplicate's is revoked as a duplicate (its code still verifies, as revoked) and kept.
"""

from django.utils import timezone

from binhdan.learning.models import Certificate, LessonProgress, QuizAttempt, RevokeReason


def move_learning(*, actor, keep, duplicate, report) -> None:
    attempts = QuizAttempt.objects.filter(person=duplicate).update(person=keep)
    report.add("attempts", moved=attempts)

    kept_lessons = {
        p.lesson_id: p for p in LessonProgress.objects.filter(person=keep).select_for_update()
    }
    moved = dropped = 0
    for progress in LessonProgress.objects.filter(person=duplicate).select_for_update():
        twin = kept_lessons.get(progress.lesson_id)
        if twin is None:
            progress.person = keep
            progress.save(update_fields=["person"])
            moved += 1
            continue
        if progress.completed_at < twin.completed_at:
            twin.completed_at = progress.completed_at
            twin.save(update_fields=["completed_at"])
        progress.delete()
        dropped += 1
    report.add("lessons", moved=moved, dropped=dropped)

    valid_topics = set(
        Certificate.objects.filter(person=keep, revoked_at__isnull=True).values_list(
            "topic_id", flat=True
        )
    )
    revoked = moved_certificates = 0
    for certificate in Certificate.objects.filter(person=duplicate).select_for_update():
        if certificate.revoked_at is None and certificate.topic_id in valid_topics:
            certificate.revoked_at = timezone.now()
            certificate.revoked_by = actor
            certificate.revoke_reason = RevokeReason.DUPLICATE
            certificate.revoke_note = "Gộp hồ sơ trùng"
            revoked += 1
        elif certificate.revoked_at is None:
            valid_topics.add(certificate.topic_id)
        certificate.person = keep
        certificate.save()
        moved_certificates += 1
    report.add("certificates", moved=moved_certificates, dropped=revoked)
