"""Lesson Markdown → sanitised HTML, split into screens.

Two layers, so that a mistake in one is caught by the other:

1. markdown-it-py with raw HTML off (``<script>`` becomes visible text), its own link
   validation (no ``javascript:``/``vbscript:``/``file:``/``data:`` links), and an image rule
   that keeps an image only when it has alt text and comes from ``/media/`` or ``/static/``;
2. nh3 (ammonia) with a short allow-list of tags and attributes, http/https/mailto/tel
   links only, and ``rel="noopener noreferrer"`` on every link.

A lesson body is cut into screens at each level-2 heading (``## ``): one idea per screen.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "img",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
LOCAL_IMAGE_PREFIXES = ("/media/", "/static/")


def is_local_image(src: str) -> bool:
    """Only our own files: /media/… or /static/…, no parent-directory tricks or schemes."""
    return (
        src.startswith(LOCAL_IMAGE_PREFIXES)
        and ".." not in src
        and "\\" not in src
        and "//" not in src
        and ":" not in src
    )


def _image_rule(self, tokens, idx, options, env):
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env).strip()
    if not alt or not is_local_image(src):
        return ""
    return f'<img src="{html.escape(src)}" alt="{html.escape(alt)}">'


def _make_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.add_render_rule("image", _image_rule)
    return parser


_md = _make_parser()


# Whatever stands before the first ":" of a URL (and before any "/", "?" or "#").
_URL_PREFIX = re.compile(r"^\s*([^/?#]*):")


def is_allowed_link(href: str) -> bool:
    """A relative link, or one whose prefix before ":" is an allowed scheme. A browser would
    read "onload=javascript:x" as a relative path, but no lesson needs such a link."""
    prefix = _URL_PREFIX.match(href)
    return prefix is None or prefix.group(1).lower() in URL_SCHEMES


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_local_image(value):
        return None
    if tag == "a" and attribute == "href" and not is_allowed_link(value):
        return None
    return value


_SCRIPT_SCHEME = re.compile(r"(?i)(javascript|vbscript)(:)")


def sanitize(fragment: str) -> str:
    """The last line of defence: allow-listed tags and attributes only.

    A ``javascript:`` left in visible text (where it is harmless) is written with an
    entity colon, so that no naive downstream scan or re-parse ever meets the scheme.
    """
    cleaned = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _SCRIPT_SCHEME.sub(r"\1&#58;", cleaned)


def render_markdown(text: str) -> str:
    """Markdown → safe HTML (the whole text, not split)."""
    return sanitize(_md.render(text or ""))


@dataclass(frozen=True)
class Screen:
    number: int  # 1-based
    title: str
    html: str
    text: str  # plain text (title + body), for read-aloud and the API


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue
    return "".join(parts).strip()


def split_screens(text: str) -> list[Screen]:
    """Cut a lesson body into screens at each ``## `` heading.

    Text before the first level-2 heading (if any) is a screen without a title.
    """
    env: dict = {}
    tokens = _md.parse(text or "", env)
    groups: list[list] = []
    current: list = []
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            if current:
                groups.append(current)
            current = []
        current.append(token)
    if current:
        groups.append(current)

    screens: list[Screen] = []
    for group in groups:
        title = ""
        body_tokens = group
        if len(group) >= 3 and group[0].type == "heading_open" and group[0].tag == "h2":
            title = _inline_text(group[1])
            body_tokens = group[3:]
        fragment = sanitize(_md.renderer.render(body_tokens, _md.options, env))
        lines = [title] if title else []
        lines += [_inline_text(t) for t in body_tokens if t.type == "inline"]
        plain = "\n".join(line for line in lines if line)
        if not title and not plain and not fragment.strip():
            continue
        screens.append(Screen(number=len(screens) + 1, title=title, html=fragment, text=plain))
    return screens


def plain_text(text: str) -> str:
    """The whole body as plain text."""
    return "\n".join(screen.text for screen in split_screens(text))
