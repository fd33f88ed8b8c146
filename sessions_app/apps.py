from django.apps import AppConfig


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = "Sessions and attendance"

    def ready(self):
        from groupspace.accounts.personal_data import register_personal_data
        from groupspace.room.extensions import register_hello_part, register_send_check
        from groupspace.tick import register_tick_job

        from . import live, personal_data, prompts, schedule

        # The room shows the session on now, or the next one, and keeps a prompts-only
        # session to replies to prompts.
        register_hello_part("session", live.hello_part)
        register_send_check("prompts_only", live.check_prompts_only, live.PROMPTS_ONLY_READS)
        # Timed work: keep sessions generated ahead, tell rooms of starts and ends, post
        # scheduled prompts. Each is idempotent (see groupspace/tick.py).
        register_tick_job("sessions", schedule.generate_all)
        register_tick_job("session_state", live.announce_starts_and_ends)
        register_tick_job("prompts", prompts.post_due_prompts)
        register_personal_data(
            "attendance", personal_data.export_attendance, personal_data.erase_own
        )
        register_personal_data(
            "attendance_letters", personal_data.export_letters, personal_data.erase_letters
        )
