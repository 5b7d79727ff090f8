"""The challenge log becomes its own app (``challenges``): its tables take the new app's
names, and this app forgets the models (the challenges app's first migration takes them
up, with every row and its history)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_digestsent_moves_to_workspace"),
    ]

    operations = [
        migrations.AlterModelTable(name="challenge", table="challenges_challenge"),
        # Renames the steps' table and the table of their actions with it.
        migrations.AlterModelTable(name="challengestep", table="challenges_challengestep"),
        migrations.AlterModelTable(
            name="historicalchallenge", table="challenges_historicalchallenge"
        ),
        migrations.AlterModelTable(
            name="historicalchallengestep", table="challenges_historicalchallengestep"
        ),
        migrations.AlterModelTable(
            name="historicalchallengestep_actions",
            table="challenges_historicalchallengestep_actions",
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalChallengeStep_actions"),
                migrations.DeleteModel(name="HistoricalChallengeStep"),
                migrations.DeleteModel(name="HistoricalChallenge"),
                migrations.DeleteModel(name="ChallengeStep"),
                migrations.DeleteModel(name="Challenge"),
            ],
            database_operations=[],
        ),
    ]
