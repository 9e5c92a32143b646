from django.db import models


class DemoDataset(models.Model):
    """Marks that the synthetic demo was loaded into this database (the banner shows then)."""

    province_code = models.CharField(max_length=8, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    seed = models.IntegerField()

    def __str__(self) -> str:
        return f"demo {self.province_code}"
