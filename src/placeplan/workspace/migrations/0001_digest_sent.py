"""The daily digest's record of what was sent moves here from the meetings app: the
table (meetings_digestsent) stays where it is; only Django's idea of its owner changes."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("meetings", "0006_minutes_confidential_part"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DigestSent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("day", models.DateField()),
                        ("items", models.PositiveIntegerField()),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "meetings_digestsent",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "day"), name="one_digest_a_day"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
