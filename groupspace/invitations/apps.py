from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "groupspace.invitations"
    label = "invitations"
    verbose_name = "Invitations"

    def ready(self):
        from . import signals  # noqa: F401
