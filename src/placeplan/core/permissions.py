"""Permission helpers shared by every app."""

from django.contrib.auth.mixins import PermissionRequiredMixin


class ObjectPermissionMixin(PermissionRequiredMixin):
    """Check a `rules` permission against the object a view works on.

    Anonymous people are sent to sign in; signed-in people without the permission get
    403. Views set ``permission_required`` and implement ``get_permission_object``.
    """

    def get_permission_object(self):
        return None

    def has_permission(self):
        return self.request.user.has_perms(
            self.get_permission_required(), self.get_permission_object()
        )
