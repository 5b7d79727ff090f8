from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "placeplan.budgets"
    verbose_name = "Participatory budgeting"

    def ready(self):
        from placeplan.budgets import contributions, permissions  # noqa: F401 - rules
        from placeplan.residents.registry import register
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
        register(contributions.PERSONAL_DATA)
