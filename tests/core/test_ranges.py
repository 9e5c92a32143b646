"""Byte ranges for the lesson audio: what a media player (Safari above all) asks for."""

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from binhdan.core.ranges import RangeNotSatisfiable, byte_range, ranged_file_response

DATA = bytes(range(256)) * 4  # 1,024 bytes


@pytest.fixture
def audio_file(tmp_path):
    path = tmp_path / "screen.opus"
    path.write_bytes(DATA)
    return path


def get(path, range_header=None):
    headers = {"HTTP_RANGE": range_header} if range_header else {}
    request = RequestFactory().get("/nghe/", **headers)
    return ranged_file_response(request, path, "audio/ogg")


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_no_range_sends_the_whole_file_and_says_ranges_are_accepted(audio_file):
    response = get(audio_file)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == DATA


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-1", 0, 1),  # Safari's first probe
        ("bytes=0-", 0, 1023),
        ("bytes=100-199", 100, 199),
        ("bytes=1000-5000", 1000, 1023),  # past the end: cut to the end
        ("bytes=-24", 1000, 1023),  # the last 24 bytes
        ("bytes=-5000", 0, 1023),
    ],
)
def test_a_single_range_is_206_with_exactly_those_bytes(audio_file, header, start, end):
    response = get(audio_file, header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/1024"
    assert body(response) == DATA[start : end + 1]


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0"])
def test_a_range_past_the_end_is_416(audio_file, header):
    response = get(audio_file, header)
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


@pytest.mark.parametrize(
    "header", ["bytes=0-1,5-6", "items=0-1", "bytes=abc", "bytes=-", "bytes=9-3", "garbage"]
)
def test_a_range_we_do_not_serve_gets_the_whole_file(audio_file, header):
    response = get(audio_file, header)
    assert response.status_code == 200
    assert body(response) == DATA


@given(header=st.text(max_size=30), size=st.integers(min_value=0, max_value=5000))
def test_byte_range_stays_inside_the_file_or_says_it_cannot(header, size):
    try:
        wanted = byte_range(header, size)
    except RangeNotSatisfiable:
        return
    if wanted is not None:
        start, end = wanted
        assert 0 <= start <= end < size
