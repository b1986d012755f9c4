from django.apps import AppConfig


class DaccomConfig(AppConfig):
    name = "daccom"
    verbose_name = "DacCom"
