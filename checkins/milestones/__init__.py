"""Milestones: clean time, sessions attended, check-in streaks, program phases, graduation and
custom ones from a therapist. Private to the participant (and their therapists) until the
participant chooses to celebrate one with their group.

- `thresholds.py`: the kinds, their thresholds and labels, date arithmetic (pure functions).
- `models.py`: the sobriety date, reached milestones (each at most once, by constraint),
  sharing preferences.
- `evaluate.py`: finds what a person has reached and records it exactly once (the tick job).
- `actions.py`: every change a person makes (set or reset the date, share, keep private,
  preferences) and a therapist makes (record a milestone, read a participant's progress).
- `celebrate.py`: the room side: the private `milestone.reached` frame and the shared post.
- `progress.py`: the progress page's numbers.
"""
