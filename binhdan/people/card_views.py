"""The citizen's check-in card: a printable page with the QR code operators scan.

The QR holds only a signed reference to the person (``cards.card_token_for``): nothing
personal is readable from it, and it cannot be forged.
"""

import segno
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from binhdan.people import selectors as people_selectors
from binhdan.people.cards import card_token_for


@never_cache
@login_required
def person_card(request, person_id: int):
    person = people_selectors.person_get_for_user(user=request.user, person_id=person_id)
    token = card_token_for(person)
    # segno writes the SVG itself from the signed token: nothing user-typed reaches it.
    qr_svg = segno.make(token, error="m").svg_inline(scale=6, border=2, omitsize=True)
    return render(
        request,
        "people/card.html",
        {"person": person, "token": token, "qr_svg": mark_safe(qr_svg)},
    )
