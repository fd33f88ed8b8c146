"""`manage.py tick`: run the timed work once (cron, a systemd timer), or every N seconds."""

import signal
import time

from django.core.management.base import BaseCommand, CommandError

from groupspace.tick import run_tick


class Command(BaseCommand):
    help = "Run the periodic work once, or with --every SECONDS until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Repeat every SECONDS.")

    def handle(self, *args, every: int = 0, **options):
        if every < 0:
            raise CommandError("--every takes a number of seconds, 1 or more.")
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while True:
            done = run_tick()
            self.stdout.write("tick: " + ", ".join(f"{k} {v}" for k, v in done.items()))
            if not every:
                return
            for _ in range(every):  # wake every second to notice a stop
                if stopping:
                    return
                time.sleep(1)
