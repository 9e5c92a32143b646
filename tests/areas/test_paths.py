from binhdan.areas import paths


def test_ancestors_parent_commune_and_province_of_a_village():
    village = "33/11953/0004/"
    assert paths.ancestor_paths(village) == ["33/", "33/11953/", "33/11953/0004/"]
    assert paths.parent_path(village) == "33/11953/"
    assert paths.commune_path(village) == "33/11953/"
    assert paths.province_path(village) == "33/"
    assert paths.own_code(village) == "0004"
    assert paths.depth(village) == 3


def test_a_province_is_its_own_commune_path_and_has_no_parent():
    assert paths.commune_path("33/") == "33/"
    assert paths.parent_path("33/") == ""
    assert paths.is_province("33/") and not paths.is_province("33/11953/")


def test_is_within_respects_segment_boundaries_and_none_means_everywhere():
    assert paths.is_within("33/11953/0004/", ["33/11953/"])
    assert not paths.is_within("33/119530/", ["33/11953/"])
    assert not paths.is_within("33/11953/", [])
    assert paths.is_within("01/", None)


def test_within_q_matches_rows_under_the_roots(db):
    from binhdan.areas.models import Area
    from tests.areas.factories import AreaFactory

    province = AreaFactory(level=Area.Level.PROVINCE)
    other = AreaFactory(level=Area.Level.PROVINCE)
    assert list(Area.objects.filter(paths.within_q([province.path]))) == [province]
    assert Area.objects.filter(paths.within_q([])).count() == 0
    assert {a.pk for a in Area.objects.filter(paths.within_q(None))} >= {province.pk, other.pk}
