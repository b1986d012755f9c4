from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Signed documents"

    def ready(self):
        from agreements import panels
        from core.dashboard import register

        register(panels.pending_agreements)
        register(panels.agreement_packs)
