"""Serving a small file with HTTP byte ranges (RFC 9110 §14).

Media players ask for ``Range: bytes=0-`` and then for pieces; Safari on iPhone plays an
``<audio>`` only from a server that answers such requests with 206. Django's FileResponse
always sends the whole file, so the lesson audio goes through here.
"""

import re
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse

_SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    """The range starts past the end of the file (answered 416)."""


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The inclusive (first, last) byte of a single range, or None to send the whole file
    (no header, several ranges or one we do not understand). RangeNotSatisfiable when the
    range lies outside the file."""
    match = _SINGLE_RANGE.match(header.replace(" ", ""))
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - length), size - 1
    start = int(first)
    if start >= size:
        raise RangeNotSatisfiable
    end = min(int(last), size - 1) if last else size - 1
    if end < start:
        return None
    return start, end


def ranged_file_response(request: HttpRequest, path: Path, content_type: str) -> HttpResponse:
    size = path.stat().st_size
    try:
        wanted = byte_range(request.headers.get("Range", ""), size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    if wanted is None:
        response = FileResponse(path.open("rb"), content_type=content_type)
    else:
        start, end = wanted
        with path.open("rb") as source:
            source.seek(start)
            body = source.read(end - start + 1)
        response = HttpResponse(body, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
