"""Links from a check result to the lessons of the scam topic, the most relevant first.

The topic and the rule → lesson table are data: change them here, not in the views.
Only a public topic (``Topic.objects.public()``) is linked.
"""

from collections.abc import Iterable

from django.urls import reverse

from binhdan.curriculum.models import Lesson, Topic

SCAM_TOPIC_SLUG = "phong-tranh-lua-dao-mang-xa-hoi"

# Rule code -> the lesson of the scam topic that teaches that trick.
LESSON_FOR_RULE: dict[str, str] = {
    "impersonation": "gia-danh-co-quan-nha-nuoc",
    "holding_account_transfer": "gia-danh-co-quan-nha-nuoc",
    "guided_transfer": "gia-danh-co-quan-nha-nuoc",
    "fixer_service": "gia-danh-co-quan-nha-nuoc",
    "private_chat_contact": "gia-danh-co-quan-nha-nuoc",
    "threat_urgency": "gia-danh-co-quan-nha-nuoc",
    "lookalike_domain": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "credential_request": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "link_action_request": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "callback_request": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "advance_fee": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "shortened_link": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "raw_ip_link": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "suspicious_tld": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "app_install_request": "gia-danh-ngan-hang-dien-luc-giao-hang",
    "job_scam": "viec-nhe-luong-cao-va-dau-tu",
    "investment_promise": "viec-nhe-luong-cao-va-dau-tu",
    "prize_claim": "viec-nhe-luong-cao-va-dau-tu",
    "loan_offer": "viec-nhe-luong-cao-va-dau-tu",
    "family_emergency": "lua-dao-qua-nguoi-than",
    "secrecy": "lua-dao-qua-nguoi-than",
    "reported_by_community": "kiem-tra-va-xu-ly",
    "blocklisted_domain": "kiem-tra-va-xu-ly",
    "transfer_request": "kiem-tra-va-xu-ly",
}


def lesson_url(topic_slug: str, lesson_slug: str) -> str:
    """The public page of a lesson (a path, no host)."""
    return reverse("curriculum:lesson", args=[topic_slug, lesson_slug])


def lessons_for(codes: Iterable[str]) -> list[dict[str, str]]:
    """``[{title, url}]`` of the scam topic's lessons: first those that teach the signs in
    ``codes`` (in the order given, strongest sign first), then the rest in topic order.
    Empty when the topic is not public."""
    topic = Topic.objects.public().filter(slug=SCAM_TOPIC_SLUG).first()
    if topic is None:
        return []
    lessons = list(Lesson.objects.filter(topic=topic).order_by("order", "pk"))
    rank = {}
    for code in codes:
        slug = LESSON_FOR_RULE.get(code)
        if slug and slug not in rank:
            rank[slug] = len(rank)
    lessons.sort(key=lambda lesson: rank.get(lesson.slug, len(rank)))  # stable: topic order
    return [
        {"title": lesson.title, "url": lesson_url(topic.slug, lesson.slug)} for lesson in lessons
    ]
