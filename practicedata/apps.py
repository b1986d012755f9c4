from django.apps import AppConfig


class PracticedataConfig(AppConfig):
    name = "practicedata"
    verbose_name = "Practice data"

    def ready(self):
        from core.dashboard import register
        from practicedata.dashboard import overdue_actions

        register(overdue_actions)
