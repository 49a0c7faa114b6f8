from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The rights of the people we hold data about: subject access, erasure, leavers."""

    name = "wesaid.privacy"
    label = "privacy"
