"""Downloads of a session: attendance posters (PDF) and attendance exports (.xlsx)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from binhdan.classes.documents.exports import attendance_workbook, export_filename
from binhdan.classes.documents.posters import poster_pdf
from binhdan.classes.planning import selectors as sel
from binhdan.classes.web import XLSX, base_url, download, point_of_session_or_404, session_or_404

MAX_POSTER_PAGES = 300  # about 15 s of PDF work: beyond that, one commune at a time


@login_required
def session_posters(request, pk: int):
    """All the user's points of the session, or one commune's (?xa=<code>)."""
    session = session_or_404(request, pk)
    points = sel.session_points_for_user(user=request.user, session=session)
    commune_code = request.GET.get("xa", "")
    if commune_code:
        points = points.filter(point__village__parent__code=commune_code)
    elif points.count() > MAX_POSTER_PAGES:
        messages.error(
            request,
            _("Buổi học có hơn %(n)s điểm cầu: hãy chọn một xã/phường rồi tải áp phích.")
            % {"n": MAX_POSTER_PAGES},
        )
        return redirect("classes:session", pk=session.pk)
    pdf = poster_pdf(
        session=session, points=[sp.point for sp in points], base_url=base_url(request)
    )
    return download(pdf, f"Áp phích điểm danh - {session.title[:60]}.pdf", "application/pdf")


@login_required
def point_poster(request, pk: int, point_pk: int):
    session = session_or_404(request, pk)
    session_point = point_of_session_or_404(request, session, point_pk)
    pdf = poster_pdf(session=session, points=[session_point.point], base_url=base_url(request))
    return download(
        pdf, f"Áp phích điểm danh - {session_point.point.name[:60]}.pdf", "application/pdf"
    )


@login_required
def session_export(request, pk: int):
    session = session_or_404(request, pk)
    data = attendance_workbook(user=request.user, session=session)
    return download(data, export_filename(session=session), XLSX)


@login_required
def point_export(request, pk: int, point_pk: int):
    session = session_or_404(request, pk)
    session_point = point_of_session_or_404(request, session, point_pk)
    data = attendance_workbook(user=request.user, session=session, point=session_point.point)
    return download(data, export_filename(session=session, point=session_point.point), XLSX)
