from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "checkins"
    verbose_name = "Check-ins and milestones"

    def ready(self):
        from groupspace.accounts.personal_data import register_personal_data
        from groupspace.tick import register_tick_job

        from .milestones.evaluate import evaluate_milestones
        from .milestones.personal_data import erase_milestones, export_milestones
        from .models import CheckIn, SharingDefault

        def export(user) -> list[dict]:
            return list(
                CheckIn.objects.filter(user=user)
                .order_by("created_at")
                .values(
                    "group__name",
                    "kind",
                    "local_date",
                    "created_at",
                    "mood",
                    "anxiety",
                    "craving",
                    "sleep_hours",
                    "self_care",
                    "note",
                    "wants_support",
                    "shared",
                    "note_shared",
                )
            )

        def erase(user) -> int:
            SharingDefault.objects.filter(user=user).delete()
            return CheckIn.objects.filter(user=user).delete()[0]

        register_personal_data("checkins", export, erase)
        register_personal_data("milestones", export_milestones, erase_milestones)
        # Milestones are reached by the clock (a day count at the person's midnight).
        register_tick_job("milestones", evaluate_milestones)
