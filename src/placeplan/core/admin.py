"""Admin pieces every app shares."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from placeplan.core.parsing import parse_id


class HistoryAdmin(SimpleHistoryAdmin):
    """The audit history in the admin. django-simple-history filters by the ids in the
    URL as given, so an id that cannot be one (``/user/abc/history/``) raised ValueError,
    a server error; here it is a 404, like the admin's own change page."""

    def _pk_or_404(self, object_id: str):
        field = self.model._meta.pk
        try:
            value = field.to_python(unquote(object_id))
        except (ValidationError, ValueError) as wrong:
            raise Http404("No such record.") from wrong
        if isinstance(value, int) and parse_id(value) is None:
            raise Http404("No such record.")
        return value

    def history_view(self, request, object_id, extra_context=None):
        self._pk_or_404(object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._pk_or_404(object_id)
        if parse_id(version_id) is None:
            raise Http404("No such version.")
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )
