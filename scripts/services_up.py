"""Exit 0 when the PostgreSQL and Redis named on the command line answer, else 1."""

import sys

import psycopg
import redis


def main(database_url: str, redis_url: str) -> int:
    try:
        # Connect to the server's maintenance database: the test database is made by pytest.
        with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            pass
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001 (any failure means "not up")
        print(f"services not reachable: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
