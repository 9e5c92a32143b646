from types import SimpleNamespace

import factory

from binhdan.areas.models import Area
from binhdan.core.text import fold


class AreaFactory(factory.django.DjangoModelFactory):
    """An area whose path follows its parent's: pass ``parent`` for communes and villages."""

    class Meta:
        model = Area

    level = Area.Level.PROVINCE
    code = factory.Sequence(lambda n: f"{90 + n % 9}{n:04d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    kind = "tỉnh"
    parent = None
    path = factory.LazyAttribute(
        lambda o: f"{o.parent.path if o.parent else ''}{o.code.rsplit('-', 1)[-1]}/"
    )
    name_folded = factory.LazyAttribute(lambda o: fold(o.name))


def province(code: str, name: str) -> Area:
    return AreaFactory(code=code, name=name, kind="tỉnh")


def commune(parent: Area, code: str, name: str, kind: str = "xã") -> Area:
    return AreaFactory(level=Area.Level.COMMUNE, parent=parent, code=code, name=name, kind=kind)


def village(parent: Area, seq: int, name: str, kind: str = "thôn") -> Area:
    return AreaFactory(
        level=Area.Level.VILLAGE,
        parent=parent,
        code=f"{parent.code}-{seq:04d}",
        name=name,
        kind=kind,
    )


def build_tree() -> SimpleNamespace:
    hy = province("33", "Hưng Yên")
    xa = commune(hy, "12001", "Xã Đông Hưng")
    phuong = commune(hy, "11953", "Phường Phố Hiến", kind="phường")
    v1 = village(xa, 1, "Thôn Đông")
    v2 = village(xa, 2, "Thôn Tây")
    v3 = village(phuong, 1, "Tổ dân phố số 1", kind="tổ dân phố")
    hn = province("01", "Hà Nội")
    hn_commune = commune(hn, "00004", "Phường Ba Đình", kind="phường")
    hn_village = village(hn_commune, 1, "Tổ dân phố số 5", kind="tổ dân phố")
    return SimpleNamespace(
        province=hy,
        commune=xa,
        ward=phuong,
        village=v1,
        village2=v2,
        ward_village=v3,
        other_province=hn,
        other_commune=hn_commune,
        other_village=hn_village,
    )
