from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top layer: public pages, the dashboard, the demo data and the operations commands.

    It may import every domain app; nothing imports it (an import-linter contract checks).
    """

    name = "wesaid.site"
    label = "site"
