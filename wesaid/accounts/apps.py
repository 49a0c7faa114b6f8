from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wesaid.accounts"
