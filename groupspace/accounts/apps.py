from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "groupspace.accounts"
    label = "accounts"
    verbose_name = "Accounts"
