from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wesaid.core"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import checks, personal_data, tenancy  # noqa: F401 - registers the system checks

        # Every app's loaders.py registers the URL arguments its routes name objects by.
        autodiscover_modules("loaders")
        # Every app's personal_data.py declares what it holds about people.
        autodiscover_modules("personal_data")
