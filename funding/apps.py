from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"

    def ready(self):
        from core import dashboard
        from funding.dashboard import practice_funding_panel

        dashboard.register(practice_funding_panel)
