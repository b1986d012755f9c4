from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"

    def ready(self):
        from core.dashboard import register
        from governance.framework_panel import interim_funding_panel

        register(interim_funding_panel)

        from governance.dashboard import open_actions_panel

        register(open_actions_panel)
