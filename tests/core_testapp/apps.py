from django.apps import AppConfig


class CoreTestAppConfig(AppConfig):
    """A concrete issued document for the tests of core.documents (test settings
    only: no real document type exists yet)."""

    name = "tests.core_testapp"
    label = "core_testapp"
