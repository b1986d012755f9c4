from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"

    def ready(self):
        from core.dashboard import register
        from funding.dashboard import invoices_waiting, practice_funding_panel

        register(practice_funding_panel)
        register(invoices_waiting)
