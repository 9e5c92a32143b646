from io import StringIO

import pytest
from django.core.management import call_command

from binhdan.areas.models import Area
from binhdan.areas.services import areas_load_official

pytestmark = pytest.mark.django_db


def test_load_areas_creates_34_provinces_and_3321_communes():
    # when
    report = areas_load_official()

    # then
    assert Area.objects.filter(level=Area.Level.PROVINCE).count() == 34
    assert Area.objects.filter(level=Area.Level.COMMUNE).count() == 3321
    assert report.created == 34 + 3321


def test_load_areas_gives_hung_yen_104_communes_93_xa_11_phuong():
    areas_load_official()

    hung_yen = Area.objects.get(code="33")
    communes = Area.objects.filter(path__startswith=hung_yen.path, level=Area.Level.COMMUNE)

    assert hung_yen.name == "Hưng Yên"
    assert communes.count() == 104
    assert communes.filter(kind="xã").count() == 93
    assert communes.filter(kind="phường").count() == 11


def test_load_areas_twice_changes_nothing_and_says_so():
    # given
    call_command("load_areas", stdout=StringIO())
    before = list(Area.objects.order_by("pk").values_list("pk", "updated_at"))

    # when
    out = StringIO()
    call_command("load_areas", stdout=out)

    # then
    assert "nothing to do" in out.getvalue()
    assert list(Area.objects.order_by("pk").values_list("pk", "updated_at")) == before


def test_load_areas_restores_a_renamed_commune():
    areas_load_official()
    commune = Area.objects.get(code="11953")
    Area.objects.filter(pk=commune.pk).update(name="Sai tên")

    report = areas_load_official()

    commune.refresh_from_db()
    assert report.updated == 1
    assert commune.name == "Phường Phố Hiến"
    assert commune.name_folded == "phuong pho hien"


def test_paths_make_a_subtree_one_prefix_query():
    areas_load_official()
    hung_yen = Area.objects.get(code="33")

    subtree = Area.objects.filter(path__startswith=hung_yen.path)

    assert subtree.count() == 105
    assert all(a.path.startswith("33/") for a in subtree)
