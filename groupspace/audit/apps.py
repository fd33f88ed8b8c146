from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "groupspace.audit"
    label = "audit"
    verbose_name = "Audit log"
