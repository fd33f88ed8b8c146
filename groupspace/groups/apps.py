from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groupspace.groups"
    label = "groups"
    verbose_name = "IOP groups"
