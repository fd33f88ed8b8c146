"""Fixed personas for every test.

The "evening" group: therapist dana, participants alice and bob. The "weekend" group: therapist
erin and participant charlie, an outsider to evening. sam is clinic staff, in no group.
"""

import pytest
from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers, get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from groupspace.accounts.models import User
from groupspace.groups.models import IOPGroup, Membership
from tests import cleanup

PASSWORD = "correct-horse-battery-staple"


def confirmed_name(name: str) -> dict:
    """A participant persona's name as their clinic confirmed it (it goes on letters)."""
    return {"verified_name": name, "verified_name_at": timezone.now()}


@pytest.fixture(autouse=True)
async def no_task_left_behind(request):
    """Fail a test that leaves a task running on its event loop, naming the task.

    Set up before every other fixture, so this runs after all of their teardowns: what is
    still running then would make the loop's close wait for it, and hang the run."""
    yield
    left = await cleanup.tasks_left_behind()
    if left:
        described = cleanup.describe(left)
        await cleanup.cancel_and_wait(left)
        pytest.fail(f"{request.node.nodeid} left tasks running:\n{described}", pytrace=False)


@pytest.fixture(autouse=True)
async def fresh_channel_layer(no_task_left_behind):
    """Each test gets a new channel layer, empty, in its own event loop; at its end the layer
    is emptied and its connections closed on that loop.

    channels-redis binds its locks and connections to the loop that first used them, and every
    test has its own loop, so a layer is never carried from one test to the next.
    """
    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)
    await get_channel_layer().flush()
    yield
    await cleanup.close_channel_layer()


@pytest.fixture
async def websockets(transactional_db, fresh_channel_layer):
    """Every websocket test uses this (tests/cleanup.py refuses a communicator without it):
    it yields the function that opens one, and at the test's end disconnects every socket the
    test opened and closes the channel layer, before the database is emptied for the next."""
    async with cleanup.websocket_session() as open_communicator:
        yield open_communicator


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts and ends in English: a request in Spanish leaves its language active
    in the test's thread (the middleware activates it for the response to be written)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing is deliberately slow; personas don't need it (login tests still check it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and typing throttles live in the cache: start each test with none.

    Only the in-process cache is cleared; on Redis, clearing would flush the channel layer
    too, and PostgreSQL never reuses ids, so throttle keys cannot collide there.
    """
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        cache.clear()


@pytest.fixture
def make_user(db):
    def make(email: str, first: str, last: str = "", **extra) -> User:
        return User.objects.create_user(email, PASSWORD, first_name=first, last_name=last, **extra)

    return make


@pytest.fixture
def make_group(db):
    def make(slug: str, **extra) -> IOPGroup:
        fields = {"name": slug.title() + " IOP", "track": IOPGroup.Track.SUBSTANCE_USE}
        fields.update(extra)
        return IOPGroup.objects.create(slug=slug, **fields)

    return make


@pytest.fixture
def evening(make_group):
    return make_group("evening", time_zone="America/Phoenix")


@pytest.fixture
def weekend(make_group):
    return make_group("weekend", track=IOPGroup.Track.MENTAL_HEALTH)


def join(user: User, group: IOPGroup, role: str = Membership.Role.PARTICIPANT) -> Membership:
    """An active member who has accepted the group agreement."""
    return Membership.objects.create(
        user=user, group=group, role=role, agreement_accepted_at=timezone.now()
    )


@pytest.fixture
def dana(make_user, evening):
    user = make_user("dana@example.test", "Dana", "Reyes")
    join(user, evening, Membership.Role.THERAPIST)
    return user


@pytest.fixture
def alice(make_user, evening):
    user = make_user("alice@example.test", "Alice", "Moreno", **confirmed_name("Alice Moreno"))
    join(user, evening)
    return user


@pytest.fixture
def bob(make_user, evening):
    user = make_user("bob@example.test", "Bob", "Turner", **confirmed_name("Bob Turner"))
    join(user, evening)
    return user


@pytest.fixture
def erin(make_user, weekend):
    user = make_user("erin@example.test", "Erin", "Walsh")
    join(user, weekend, Membership.Role.THERAPIST)
    return user


@pytest.fixture
def charlie(make_user, weekend):
    user = make_user("charlie@example.test", "Charlie", "Patel", **confirmed_name("Charlie Patel"))
    join(user, weekend)
    return user


@pytest.fixture
def sam(make_user):
    return make_user("sam@example.test", "Sam", "Staff", is_staff=True)


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def client_for(db):
    """A logged-in test client for a persona."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def client_factory(db):
    return Client
