"""binhdan: the platform behind a province's "Bình dân học vụ số" campaign."""

__version__ = "0.1.0"
