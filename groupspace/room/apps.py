from django.apps import AppConfig


class RoomConfig(AppConfig):
    name = "groupspace.room"
    label = "room"
    verbose_name = "Group rooms"

    def ready(self):
        from . import signals  # noqa: F401
