"""Values in the message that the community has reported and moderators confirmed."""

from collections.abc import Iterator

from .base import Context, Group, Hit, rule

_MESSAGES = {
    "phone": "Số điện thoại này đã bị cộng đồng báo cáo {n} lần.",
    "domain": "Trang web này đã bị cộng đồng báo cáo {n} lần.",
    "bank_account": "Số tài khoản này đã bị cộng đồng báo cáo {n} lần.",
}


def _weight(report_count: int) -> float:
    return min(0.95, 0.85 + 0.02 * max(0, report_count - 1))


@rule(
    "reported_by_community",
    weight=0.85,
    group=Group.COMMUNITY,
    message_vi="Thông tin trong tin nhắn đã bị cộng đồng báo cáo là lừa đảo.",
)
def reported_by_community(ctx: Context) -> Iterator[Hit]:
    if ctx.reported is None:
        return
    domains: list[str] = []
    for url in ctx.urls:
        for value in (url.host, url.registrable):
            if value and value not in domains:
                domains.append(value)
    phones = list(dict.fromkeys(phone.value for phone in ctx.phones))
    accounts = list(dict.fromkeys(account.value for account in ctx.accounts))
    if not (phones or domains or accounts):
        return
    for match in ctx.reported.matches(phones=phones, domains=domains, accounts=accounts):
        if match.report_count < 1:
            continue
        if match.kind == "phone":
            spans = [(p.start, p.end) for p in ctx.phones if p.value == match.value]
        elif match.kind == "domain":
            value = match.value.lower()
            spans = [(u.start, u.end) for u in ctx.urls if value in (u.host, u.registrable)]
        elif match.kind == "bank_account":
            spans = [(a.start, a.end) for a in ctx.accounts if a.value == match.value]
        else:
            continue
        if not spans:
            continue  # the lookup answered about a value this message does not hold
        message = _MESSAGES[match.kind].format(n=match.report_count)
        start, end = spans[0]
        yield Hit(start, end, _weight(match.report_count), message)
