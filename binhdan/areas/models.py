"""The administrative tree: province → commune → village (since 1 July 2025, no district)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdan.areas import paths
from binhdan.core.text import fold


class Area(models.Model):
    """One node of the tree.

    ``path`` is the materialized path of codes, each segment followed by "/"
    (``33/``, ``33/11953/``, ``33/11953/0004/``): a subtree is one indexed prefix query.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh/thành phố")
        COMMUNE = "commune", _("Xã/phường/đặc khu")
        VILLAGE = "village", _("Thôn/tổ dân phố")

    level = models.CharField(max_length=10, choices=Level.choices)
    code = models.CharField(
        max_length=32,
        unique=True,
        help_text=_("Mã chính thức (tỉnh, xã) hoặc mã ổn định do hệ thống sinh (thôn)."),
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=40, help_text=_("Loại đơn vị: tỉnh, thành phố, xã, phường, thôn, tổ dân phố…")
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=120, unique=True)
    name_folded = models.CharField(
        max_length=200, db_index=True, help_text="Lower case, no diacritics: for search."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="province") & Q(parent__isnull=True))
                | (~Q(level="province") & Q(parent__isnull=False)),
                name="area_only_provinces_are_roots",
            ),
            models.CheckConstraint(
                condition=Q(level__in=["province", "commune", "village"]),
                name="area_level_valid",
            ),
        ]
        indexes = [models.Index(fields=["parent", "name_folded"], name="area_parent_name_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def display_path(self) -> str:
        return "/".join(paths.segments(self.path))

    def contains(self, other: "Area") -> bool:
        return paths.is_within(other.path, [self.path])
