"""Lesson Markdown is rendered safe, whatever an author (or an attacker) types."""

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binhdan.curriculum.rendering import render_markdown, split_screens

NASTY = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<style>body{display:none}</style>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x73;cript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![alt](data:image/png;base64,iVBORw0KGgo=)",
    '<a href="javascript:alert(1)" onclick="alert(2)">x</a>',
    "**<b onmouseover=alert(1)>bold</b>**",
    "> <iframe src=https://evil.example></iframe>",
    "- <svg onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "`<script>`\n\n    <script>alert(1)</script>",
    '[x](https://ok.example "t" onclick=alert(1))',
    "[x]( onload=javascript:)",  # found by hypothesis: a scheme-like prefix that is not one
]


class _Audit(HTMLParser):
    """Collects what a browser would see as elements and attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)


def assert_safe(html: str) -> None:
    assert "<script" not in html.lower()
    assert "javascript:" not in html.lower()
    audit = _Audit()
    audit.feed(html)
    assert not {"script", "style", "iframe", "svg", "object", "embed"} & set(audit.tags)
    for tag, name, value in audit.attrs:
        assert not name.startswith("on"), (tag, name)
        assert name not in {"style", "srcdoc", "formaction"}
        if name in {"href", "src"}:
            scheme = value.split(":", 1)[0].lower() if ":" in value else ""
            assert scheme in {"", "http", "https", "mailto", "tel"}, value


@pytest.mark.parametrize("source", NASTY)
def test_render_markdown_neutralises_nasty_input(source):
    assert_safe(render_markdown(source))


@pytest.mark.parametrize("source", NASTY)
def test_split_screens_neutralises_nasty_input(source):
    for screen in split_screens(f"## Màn\n\n{source}\n\n## Màn hai\n\n{source}"):
        assert_safe(screen.html)


def test_raw_html_is_shown_as_text_not_markup():
    assert "&lt;script&gt;" in render_markdown("<script>alert(1)</script>")


def test_links_get_noopener_noreferrer():
    html = render_markdown("[Cổng](https://dichvucong.gov.vn)")
    assert 'href="https://dichvucong.gov.vn"' in html
    assert 'rel="noopener noreferrer"' in html
    assert "target=" not in html


def test_local_image_with_alt_text_is_kept():
    html = render_markdown("![Màn hình VNeID](/media/bai/vneid.png)")
    assert '<img src="/media/bai/vneid.png" alt="Màn hình VNeID">' in html


@pytest.mark.parametrize(
    "source",
    [
        "![](/media/anh.png)",  # no alt text
        "![Ảnh](https://evil.example/a.png)",
        "![Ảnh](//evil.example/a.png)",
        "![Ảnh](/media/../secret.png)",
        "![Ảnh](/uploads/a.png)",
        "![Ảnh](data:image/png;base64,iVBORw0KGgo=)",
    ],
)
def test_image_without_alt_or_from_elsewhere_is_dropped(source):
    assert "<img" not in render_markdown(source)


def test_split_screens_cuts_at_level_two_headings():
    screens = split_screens("## Một\n\nA **đậm**.\n\n### Nhỏ\n\nB\n\n## Hai\n\n- x\n- y\n")
    assert [s.title for s in screens] == ["Một", "Hai"]
    assert [s.number for s in screens] == [1, 2]
    assert "<h3>Nhỏ</h3>" in screens[0].html
    assert "<strong>đậm</strong>" in screens[0].html
    assert screens[0].text == "Một\nA đậm.\nNhỏ\nB"
    assert "<li>x</li>" in screens[1].html


def test_text_before_the_first_heading_is_an_untitled_screen():
    screens = split_screens("Lời mở đầu.\n\n## Một\n\nA")
    assert [s.title for s in screens] == ["", "Một"]
    assert screens[0].text == "Lời mở đầu."


def test_heading_inside_code_block_does_not_split():
    screens = split_screens("## Một\n\n```\n## không phải màn\n```\n")
    assert len(screens) == 1


def test_empty_body_has_no_screens():
    assert split_screens("") == []


FRAGMENTS = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:",
        "JaVaScRiPt:",
        "java\tscript:",
        "data:text/html,",
        " onload=",
        " onerror=",
        "<a href=",
        '"',
        "'",
        "<",
        ">",
        "&#x3C;",
        "&#106;",
        "[x](",
        "![a](",
        ")",
        "](",
        "## ",
        "\n",
        "`",
        "<style>",
        "<svg/onload=alert(1)>",
        "<iframe srcdoc=",
        "/media/",
        "chữ Việt ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=30).map("".join))
def test_rendered_output_is_never_executable(source):
    assert_safe(render_markdown(source))
    for screen in split_screens(source):
        assert_safe(screen.html)
