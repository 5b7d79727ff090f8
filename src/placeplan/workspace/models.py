from django.conf import settings
from django.db import models


class DigestSent(models.Model):
    """The day a person's daily digest was sent: at most one a day, however often the
    sending job runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    items = models.PositiveIntegerField()

    class Meta:
        # The table it has had since the digest was first sent (from the meetings app).
        db_table = "meetings_digestsent"
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_digest_a_day")]

    def __str__(self):
        return f"{self.user} · {self.day}"
