from django.db import migrations, models


class Migration(migrations.Migration):
    """An index on an observation's measure and period, for a measure's values in one
    period (the comparison with Scotland and similar areas on every progress page)."""

    dependencies = [
        ("performance", "0005_import_batch_lists_may_be_empty"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="observation",
            index=models.Index(fields=["measure", "period"], name="observation_measure_period"),
        ),
    ]
