from django.apps import AppConfig


class ConsensusConfig(AppConfig):
    name = "wesaid.consensus"
    verbose_name = "Choosing outcomes together"
