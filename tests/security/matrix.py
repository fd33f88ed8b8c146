"""The authorization matrix: every URL the project routes, for every kind of caller.

One table is the source of truth for the test (tests/security/test_authorization_matrix.py)
and for the table in docs/security.md (`python -m tests.security.matrix` prints it).

Outcomes: a status code, "login" (302 to the login page), "staff-login" (302 to the admin's
login: staff only), or "done" (302 after a successful action).
"""

CALLERS = [
    "anonymous",
    "outsider",  # logged in, in no group
    "participant",  # alice, participant of the evening group
    "other_participant",  # charlie, participant of the weekend group
    "therapist",  # dana, therapist of the evening group
    "other_therapist",  # erin, therapist of the weekend group
    "staff",  # sam, clinic staff, in no group
]

# Shorthands for the common rows.
PAGE_FOR_ANYONE_LOGGED_IN = dict.fromkeys(CALLERS[1:], 200) | {"anonymous": "login"}
EVENING_MEMBERS = {
    "anonymous": "login",
    "outsider": 404,
    "participant": 200,
    "other_participant": 404,
    "therapist": 200,
    "other_therapist": 404,
    "staff": 404,
}
EVENING_THERAPIST = EVENING_MEMBERS | {"participant": 404}


def therapist_action(done="done"):
    """A POST that only the evening group's therapist may make (404 for everyone else)."""
    return {
        "anonymous": "login",
        "outsider": 404,
        "participant": 404,
        "other_participant": 404,
        "therapist": done,
        "other_therapist": 404,
        "staff": 404,
    }


STAFF_ONLY = dict.fromkeys(CALLERS, "staff-login") | {"staff": 200}
MANAGERS = EVENING_THERAPIST | {"staff": 200}  # the group's therapists and clinic staff
MANAGED_ACTION = MANAGERS | {"therapist": "done", "staff": "done"}
# Alice's own letter: hers alone.
ALICES_OWN = dict.fromkeys(CALLERS, 404) | {"anonymous": "login", "participant": 200}

# name: (method, path, expected per caller)
MATRIX: dict[str, tuple[str, str, dict]] = {
    "home": ("GET", "/", PAGE_FOR_ANYONE_LOGGED_IN),
    "healthz": ("GET", "/healthz", dict.fromkeys(CALLERS, 200)),
    # The installable app's files: the same for everyone, nothing personal in them.
    "web_manifest": ("GET", "/manifest.webmanifest", dict.fromkeys(CALLERS, 200)),
    "service_worker": ("GET", "/sw.js", dict.fromkeys(CALLERS, 200)),
    "offline": ("GET", "/offline/", dict.fromkeys(CALLERS, 200)),
    "javascript_catalog": ("GET", "/jsi18n/es/", dict.fromkeys(CALLERS, 200)),
    "profile": ("GET", "/profile/", PAGE_FOR_ANYONE_LOGGED_IN),
    "my_data": ("GET", "/me/data/", PAGE_FOR_ANYONE_LOGGED_IN),
    "export_data_json": ("GET", "/me/data/export.json", PAGE_FOR_ANYONE_LOGGED_IN),
    "export_data_csv": ("GET", "/me/data/export.zip", PAGE_FOR_ANYONE_LOGGED_IN),
    "close_account": ("GET", "/me/close/", PAGE_FOR_ANYONE_LOGGED_IN),
    "group_list": ("GET", "/groups/", STAFF_ONLY),
    "room": ("GET", "/groups/evening/", EVENING_MEMBERS),
    "group_people": ("GET", "/groups/evening/people/", MANAGERS),
    "remove_member": (
        "POST",
        "/groups/evening/people/{bob_membership}/remove/",
        MANAGERS | {"therapist": "done", "staff": "done"},
    ),
    "letter_name": ("GET", "/groups/evening/people/{alice_membership}/letter-name/", MANAGERS),
    "readd_member": (
        "POST",
        "/groups/evening/people/{left_membership}/readd/",
        dict.fromkeys(CALLERS, "staff-login") | {"staff": "done"},
    ),
    "leave_group": ("GET", "/groups/evening/leave/", EVENING_MEMBERS),
    "accept_agreement": (
        "POST",
        "/groups/evening/agreement/",
        EVENING_MEMBERS | {"participant": "done", "therapist": "done"},
    ),
    "room_settings": ("GET", "/groups/evening/settings/", EVENING_THERAPIST),
    "create_invitation": (
        "POST",
        "/groups/evening/invitations/",
        MANAGERS | {"therapist": "done", "staff": "done"},
    ),
    "revoke_invitation": (
        "POST",
        "/groups/evening/invitations/{invitation}/revoke/",
        MANAGERS | {"therapist": "done", "staff": "done"},
    ),
    "moderation_queue": ("GET", "/groups/evening/moderation/", EVENING_THERAPIST),
    "acknowledge_alert": (
        "POST",
        "/groups/evening/moderation/alerts/{alert}/acknowledge/",
        therapist_action(),
    ),
    "dismiss_report": (
        "POST",
        "/groups/evening/moderation/reports/{report}/dismiss/",
        therapist_action(),
    ),
    "moderation_approve": (
        "POST",
        "/groups/evening/moderation/messages/{pending_message}/approve/",
        therapist_action(),
    ),
    "moderation_remove": (
        "POST",
        "/groups/evening/moderation/messages/{bob_message}/remove/",
        therapist_action(),
    ),
    "moderation_mute": (
        "POST",
        "/groups/evening/moderation/members/{bob}/mute/",
        therapist_action(),
    ),
    "group_audit": ("GET", "/groups/evening/audit/", MANAGERS),
    "clinic_audit": ("GET", "/audit/", STAFF_ONLY),
    "invitation": ("GET", "/invite/{token}/", dict.fromkeys(CALLERS, 200)),
    "checkin": ("GET", "/groups/evening/checkin/", EVENING_MEMBERS | {"therapist": 403}),
    "checkin_dashboard": ("GET", "/groups/evening/checkins/dashboard/", EVENING_THERAPIST),
    "checkin_dashboard_live": (
        "GET",
        "/groups/evening/checkins/dashboard/live/",
        EVENING_THERAPIST,
    ),
    "participant_checkins": ("GET", "/groups/evening/checkins/people/{alice}/", EVENING_THERAPIST),
    "checkin_acknowledge_alert": (
        "POST",
        "/groups/evening/checkins/alerts/{alert}/acknowledge/",
        therapist_action(),
    ),
    "checkin_reminder_time": (
        "POST",
        "/groups/evening/checkins/reminder-time/",
        therapist_action(),
    ),
    "my_checkins": ("GET", "/me/checkins/", PAGE_FOR_ANYONE_LOGGED_IN),
    "checkin_sharing_default": (
        "POST",
        "/me/checkins/sharing/",
        dict.fromkeys(CALLERS, "done") | {"anonymous": "login"},
    ),
    "my_checkin": (
        "GET",
        "/me/checkins/{alice_checkin}/",
        dict.fromkeys(CALLERS, 404) | {"anonymous": "login", "participant": 200},
    ),
    "edit_checkin": (
        "GET",
        "/me/checkins/{alice_checkin}/edit/",
        dict.fromkeys(CALLERS, 404) | {"anonymous": "login", "participant": 200},
    ),
    "delete_checkin": (
        "POST",
        "/me/checkins/{alice_checkin}/delete/",
        dict.fromkeys(CALLERS, 404) | {"anonymous": "login", "participant": "done"},
    ),
    # Milestones: a person's own pages (an empty POST is refused with 400); refusals of
    # someone else's milestone are in tests/milestones/test_pages.py.
    "my_milestones": ("GET", "/me/milestones/", PAGE_FOR_ANYONE_LOGGED_IN),
    "milestone_sobriety_date": (
        "POST",
        "/me/milestones/sobriety-date/",
        dict.fromkeys(CALLERS, 400) | {"anonymous": "login"},
    ),
    "milestone_decide": (
        "POST",
        "/me/milestones/decide/",
        dict.fromkeys(CALLERS, 400) | {"anonymous": "login"},
    ),
    "milestone_preferences": (
        "POST",
        "/me/milestones/preferences/",
        dict.fromkeys(CALLERS, 400) | {"anonymous": "login"},
    ),
    "participant_milestones": (
        "GET",
        "/groups/evening/milestones/people/{alice}/",
        EVENING_THERAPIST,
    ),
    # Sessions: members see the schedule (staff too); its therapists and staff change it;
    # only its therapists take attendance and post or schedule prompts.
    "group_schedule": ("GET", "/groups/evening/sessions/", EVENING_MEMBERS | {"staff": 200}),
    "session_detail": (
        "GET",
        "/groups/evening/sessions/{session}/",
        EVENING_MEMBERS | {"staff": 200},
    ),
    "add_slot": ("POST", "/groups/evening/sessions/weekly/", MANAGED_ACTION),
    "end_slot": ("POST", "/groups/evening/sessions/weekly/{slot}/end/", MANAGED_ACTION),
    "add_extra_session": ("POST", "/groups/evening/sessions/extra/", MANAGED_ACTION),
    "move_session": ("POST", "/groups/evening/sessions/{session}/move/", MANAGED_ACTION),
    "cancel_session": ("POST", "/groups/evening/sessions/{session}/cancel/", MANAGED_ACTION),
    "edit_session": ("POST", "/groups/evening/sessions/{session}/edit/", MANAGED_ACTION),
    "take_attendance": (
        "GET",
        "/groups/evening/sessions/{session}/attendance/",
        EVENING_THERAPIST,
    ),
    "prompt_library": ("GET", "/groups/evening/prompts/", EVENING_THERAPIST),
    "post_prompt_now": ("POST", "/groups/evening/prompts/now/", therapist_action()),
    "schedule_prompt": ("POST", "/groups/evening/prompts/schedule/", therapist_action()),
    "unschedule_prompt": (
        "POST",
        "/groups/evening/prompts/scheduled/{scheduled_prompt}/cancel/",
        therapist_action(),
    ),
    "my_attendance": ("GET", "/me/attendance/", PAGE_FOR_ANYONE_LOGGED_IN),
    "new_letter": ("GET", "/me/attendance/letters/", PAGE_FOR_ANYONE_LOGGED_IN),
    "letter_detail": ("GET", "/me/attendance/letters/{letter}/", ALICES_OWN),
    "letter_pdf": ("GET", "/me/attendance/letters/{letter}/pdf/", ALICES_OWN),
    "delete_letter": (
        "POST",
        "/me/attendance/letters/{letter}/delete/",
        ALICES_OWN | {"participant": "done"},
    ),
    "my_calendar": ("GET", "/me/calendar/", PAGE_FOR_ANYONE_LOGGED_IN),
    "reset_calendar": (
        "POST",
        "/me/calendar/reset/",
        dict.fromkeys(CALLERS, "done") | {"anonymous": "login"},
    ),
    # The token in the address is the credential (calendar apps cannot log in).
    "calendar_feed": ("GET", "/calendar/{feed_token}.ics", dict.fromkeys(CALLERS, 200)),
    "verify_letter": ("GET", "/verify/", STAFF_ONLY),
}

OUTCOME_TEXT = {
    200: "200",
    400: "400",
    403: "403",
    404: "404",
    405: "405",
    "login": "→ login",
    "staff-login": "→ staff login",
    "done": "done (302)",
}


def markdown_table() -> str:
    header = "| URL name | method and path | " + " | ".join(CALLERS) + " |"
    rule = "|" + "---|" * (len(CALLERS) + 2)
    rows = [
        f"| `{name}` | {method} `{path}` | "
        + " | ".join(OUTCOME_TEXT[expected[c]] for c in CALLERS)
        + " |"
        for name, (method, path, expected) in MATRIX.items()
    ]
    return "\n".join([header, rule, *rows])


if __name__ == "__main__":
    print(markdown_table())
