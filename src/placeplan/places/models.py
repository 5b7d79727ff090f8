"""Official geographies of Scotland and the Scottish Index of Multiple Deprivation."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from placeplan.core.models import TimeStampedModel

SIMD_EDITIONS = (2016, 2020)
SIMD_DATA_ZONES = 6976


class UrbanRural(models.IntegerChoices):
    """Scottish Government Urban Rural Classification 2016, 6-fold."""

    LARGE_URBAN = 1, "Large urban areas"
    OTHER_URBAN = 2, "Other urban areas"
    ACCESSIBLE_SMALL_TOWNS = 3, "Accessible small towns"
    REMOTE_SMALL_TOWNS = 4, "Remote small towns"
    ACCESSIBLE_RURAL = 5, "Accessible rural areas"
    REMOTE_RURAL = 6, "Remote rural areas"


class TypologyGroup(TimeStampedModel):
    """A CPOP (2022) group of similar communities: rurality × age dependency × income."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Group {self.number}: {self.name}"


class Area(TimeStampedModel):
    """A place with an official code: Scotland, a health board, a council area (one
    Community Planning Partnership each), an intermediate zone ("community") or a
    data zone."""

    class Level(models.TextChoices):
        COUNTRY = "country", "Country"
        HEALTH_BOARD = "health_board", "Health board"
        COUNCIL_AREA = "council_area", "Council area"
        INTERMEDIATE_ZONE = "intermediate_zone", "Intermediate zone"
        DATA_ZONE = "data_zone", "Data zone"

    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=20, choices=Level.choices, db_index=True)
    council_area = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intermediate_zone = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="data_zones"
    )
    health_board = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    urban_rural = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=UrbanRural.choices, help_text="Data zones only."
    )
    typology = models.ForeignKey(
        TypologyGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="areas"
    )
    deprivation_family_group = models.PositiveSmallIntegerField(null=True, blank=True)
    density_family_group = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name", "code"]
        indexes = [models.Index(fields=["level", "council_area"])]
        constraints = [
            models.CheckConstraint(
                name="data_zone_has_parents",
                condition=~Q(level="data_zone")
                | Q(intermediate_zone__isnull=False, council_area__isnull=False),
            ),
            models.CheckConstraint(
                name="intermediate_zone_has_council_area",
                condition=~Q(level="intermediate_zone") | Q(council_area__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        if self.level == self.Level.COUNCIL_AREA:
            return reverse("public:area", args=[self.code])
        if self.level == self.Level.INTERMEDIATE_ZONE:
            return reverse("public:community", args=[self.council_area.code, self.code])
        return ""


class AreaBoundary(TimeStampedModel):
    """An area's simplified boundary as a GeoJSON geometry (WGS84)."""

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField()

    def __str__(self):
        return f"Boundary of {self.area}"


class SimdRank(TimeStampedModel):
    """A data zone's SIMD ranks in one edition (1 = most deprived of Scotland's 6,976).

    Quintile and decile are derived from the overall rank over the whole of Scotland:
    quintile = ceil(rank × 5 / 6976), decile = ceil(rank × 10 / 6976), which puts ranks
    1–1,395 in quintile 1 (the "20% most deprived") and 1–697 in decile 1, as the
    official tables do.
    """

    data_zone = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="simd_ranks")
    edition = models.PositiveSmallIntegerField(choices=[(e, f"SIMD {e}") for e in SIMD_EDITIONS])
    rank = models.FloatField()
    quintile = models.PositiveSmallIntegerField()
    decile = models.PositiveSmallIntegerField()
    income_rank = models.FloatField()
    employment_rank = models.FloatField()
    health_rank = models.FloatField()
    education_rank = models.FloatField()
    housing_rank = models.FloatField()
    access_rank = models.FloatField()
    crime_rank = models.FloatField()

    class Meta:
        ordering = ["edition", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["data_zone", "edition"], name="one_rank_per_edition"),
            models.CheckConstraint(name="quintile_1_to_5", condition=Q(quintile__range=(1, 5))),
            models.CheckConstraint(name="decile_1_to_10", condition=Q(decile__range=(1, 10))),
            models.CheckConstraint(name="rank_in_range", condition=Q(rank__range=(1, 6976))),
        ]

    def __str__(self):
        return f"{self.data_zone.code} SIMD {self.edition}: rank {self.rank:g}"
