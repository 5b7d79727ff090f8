"""DigestSent now belongs to the workspace app (same table): forget it here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0006_minutes_confidential_part"),
        ("workspace", "0001_digest_sent"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DigestSent")],
            database_operations=[],
        ),
    ]
