"""The two-step upload page every import shares: upload and preview (nothing written),
then confirm, which plans the staged file again and applies it.

The file waits between the two steps in ``core.staged_upload``, under a signed ticket bound
to what it was previewed for (a place, the user): a ticket for another place or user is a
404, an expired one sends the user back to upload again. A view builds a ``TwoStepUpload``
with its own plan and apply (closures over the place and the actor) and returns
``upload.respond(request, context)``; its template gets ``form``, ``report``,
``summary`` (``report.as_dict()``), ``ticket`` (for ``imports/_confirm.html``), ``here``
and, once applied without a ``done_url``, ``applied``.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from binhdan.areas.selectors import area_ancestors
from binhdan.core import staged_upload
from binhdan.core.errors import DomainError
from binhdan.core.sheet_templates import XLSX_CONTENT_TYPE
from binhdan.imports.forms import SheetUploadForm
from binhdan.imports.matchers import implies_commune


@dataclass
class TwoStepUpload:
    kind: str  # names the staged file and salts its ticket
    bound: dict  # what the preview is for; the confirmation must carry the same
    plan: Callable[[bytes, str], Any]  # (data, filename) -> report; writes nothing
    apply: Callable[[Any], Any]  # report -> report, written
    template: str
    here: str  # this page: where an expired preview sends the user back
    done_url: str = ""  # after applying, go there; empty: show the result on the page
    # The flash message after applying: %(c)s created, %(u)s updated, %(n)s unchanged,
    # %(e)s rows refused.
    done_message: str = ""
    form_options: dict = field(default_factory=dict)  # label, help_text of the file field

    def respond_for_area(self, request, area) -> HttpResponse:
        """The upload page of an area: its breadcrumb, and a commune column asked for only
        when the area does not settle the commune."""
        context = {
            "area": area,
            "ancestors": area_ancestors(area=area),
            "needs_commune": not implies_commune(area),
        }
        return self.respond(request, context)

    def respond(self, request, context: dict) -> HttpResponse:
        context = {**context, "here": self.here}
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, context)
        return self._preview(request, context)

    def _preview(self, request, context: dict) -> HttpResponse:
        form = SheetUploadForm(request.POST or None, request.FILES or None, **self.form_options)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                report = self.plan(data, upload.name)
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                context["report"] = report
                context["summary"] = report.as_dict()
                context["ticket"] = staged_upload.stage(
                    kind=self.kind, data=data, filename=upload.name, bound=self.bound
                )
        context["form"] = form
        return render(request, self.template, context)

    def _confirm(self, request, context: dict) -> HttpResponse:
        try:
            data, filename, token = staged_upload.unstage(
                kind=self.kind, ticket=request.POST["confirm"], bound=self.bound
            )
        except staged_upload.UploadExpired:
            messages.error(request, _("Bản xem trước đã hết hạn. Hãy tải tệp lên lại."))
            return redirect(self.here)
        except staged_upload.UploadMismatch as exc:
            raise Http404 from exc
        try:
            report = self.apply(self.plan(data, filename))
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(self.here)
        staged_upload.discard(kind=self.kind, token=token)
        summary = report.as_dict()
        if self.done_url:
            if self.done_message:
                counts = {
                    "c": summary["created"],
                    "u": summary["updated"],
                    "n": summary["unchanged"],
                    "e": len(summary["errors"]),
                }
                messages.success(request, self.done_message % counts)
            return redirect(self.done_url)
        context.update({"report": report, "summary": summary, "applied": True})
        return render(request, self.template, context)


def template_download(data: bytes, filename: str) -> FileResponse:
    """An import's template workbook, as a download."""
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
