from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "placeplan.accounts"
    verbose_name = "Accounts"

    def ready(self):
        # django-axes counts failed sign-ins made through django-allauth's login view and
        # answers a locked-out account with its lockout page.
        from allauth.account.views import LoginView
        from axes.decorators import axes_dispatch, axes_form_invalid
        from django.utils.decorators import method_decorator

        LoginView.dispatch = method_decorator(axes_dispatch)(LoginView.dispatch)
        LoginView.form_invalid = method_decorator(axes_form_invalid)(LoginView.form_invalid)

        from placeplan.accounts import signals

        signals.connect()
