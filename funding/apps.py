from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"

    def ready(self):
        from core.dashboard import register
        from funding.dashboard import invoices_waiting

        register(invoices_waiting)
