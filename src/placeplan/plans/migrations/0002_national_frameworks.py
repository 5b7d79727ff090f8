"""Load the eleven national outcomes and six national policy priorities."""

from django.db import migrations

from placeplan.plans.reference import NATIONAL_OUTCOMES, POLICY_PRIORITIES


def load(apps, schema_editor):
    NationalOutcome = apps.get_model("plans", "NationalOutcome")
    PolicyPriority = apps.get_model("plans", "PolicyPriority")
    for order, (code, name, statement) in enumerate(NATIONAL_OUTCOMES, start=1):
        NationalOutcome.objects.update_or_create(
            code=code, defaults={"name": name, "statement": statement, "order": order}
        )
    for order, (code, name) in enumerate(POLICY_PRIORITIES, start=1):
        PolicyPriority.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
