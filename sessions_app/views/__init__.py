"""Sessions pages, one module per job: the schedule, attendance, the calendar feed, letters
and prompts."""
