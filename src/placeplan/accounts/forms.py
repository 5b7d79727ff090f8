"""Sign-in forms, worded and laid out as the Scottish Government Design System advises."""

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    """Email and password, with messages that say what to do and no placeholder text.

    The "forgotten your password" link sits below the form rather than inside the password
    field's hint, so it is not read as the field's description or tabbed to mid-form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = "Email address"
        login.error_messages["required"] = "Enter your email address"
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs["autocomplete"] = "email"
        password = self.fields["password"]
        password.label = "Password"
        password.help_text = ""
        password.error_messages["required"] = "Enter your password"
        password.widget.attrs.pop("placeholder", None)
        password.widget.attrs["autocomplete"] = "current-password"
