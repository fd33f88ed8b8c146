from django.apps import AppConfig


class RoomConfig(AppConfig):
    name = "groupspace.room"
    label = "room"
    verbose_name = "Group rooms"

    def ready(self):
        from groupspace.tick import register_tick_job

        from . import signals  # noqa: F401
        from .retention import delete_expired_messages

        register_tick_job("retention", delete_expired_messages)
