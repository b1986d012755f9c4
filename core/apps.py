from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "DacCom core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core.middleware import touch_session

        # A fresh sign-in counts as use: the next few requests need not save it.
        user_logged_in.connect(touch_session, dispatch_uid="core.touch_session")
