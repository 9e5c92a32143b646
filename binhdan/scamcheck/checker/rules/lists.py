"""Links to domains on a block list loaded from outside (``domain_lists``)."""

from collections.abc import Iterator

from .base import Context, Group, Hit, rule


def _names(sources: tuple[str, ...]) -> str:
    quoted = [f"“{name}”" for name in sources]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " và " + quoted[-1]


@rule(
    "blocklisted_domain",
    weight=0.85,
    group=Group.COMMUNITY,
    message_vi="Trang web này nằm trong danh sách cảnh báo lừa đảo.",
)
def blocklisted_domain(ctx: Context) -> Iterator[Hit]:
    lists = ctx.domain_lists
    if lists is None:
        return
    for url in ctx.urls:
        for domain in dict.fromkeys((url.registrable, url.host)):
            sources = lists.block_sources(domain) if domain else ()
            if sources:
                message = (
                    f"Trang web “{domain}” nằm trong danh sách cảnh báo của {_names(sources)}."
                )
                yield Hit(url.start, url.end, 0.85, message)
                break
