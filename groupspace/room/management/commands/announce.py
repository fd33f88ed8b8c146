"""Post a notice from GroupSpace into a room, e.g. before maintenance."""

from django.core.management.base import BaseCommand, CommandError

from groupspace.groups.models import IOPGroup
from groupspace.room.errors import RoomError
from groupspace.room.models import Message
from groupspace.room.posting import clean_body, post_message


class Command(BaseCommand):
    help = "Post a system notice into a group's room (through the same service as every post)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The group's slug.")
        parser.add_argument("text", help="The notice, plain text.")

    def handle(self, *args, slug: str, text: str, **options):
        group = IOPGroup.objects.filter(slug=slug, is_archived=False).first()
        if group is None:
            raise CommandError(f"No active group with slug {slug!r}.")
        try:
            body = clean_body(text)
        except RoomError as error:
            raise CommandError(error.detail) from None
        message, _ = post_message(group, None, kind=Message.Kind.SYSTEM, body=body)
        self.stdout.write(f"Posted notice {message.id} to {group.name}.")
