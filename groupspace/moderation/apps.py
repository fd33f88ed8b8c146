from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "groupspace.moderation"
    label = "moderation"
    verbose_name = "Moderation and safety"
