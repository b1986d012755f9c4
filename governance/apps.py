from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from governance.middleware import touch_session

        # A fresh sign-in counts as use: the next few requests need not save it.
        user_logged_in.connect(touch_session, dispatch_uid="governance.touch_session")
