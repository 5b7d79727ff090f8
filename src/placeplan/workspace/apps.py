from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The frame every capability's staff pages plug into: the partnership's workspace,
    its side navigation and home, the form page, and the registries capabilities fill."""

    name = "placeplan.workspace"
    verbose_name = "Workspace"

    def ready(self):
        from placeplan.workspace import contributions
        from placeplan.workspace.registry import plug_in

        plug_in(contributions)
