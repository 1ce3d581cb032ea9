"""The shared Redis cache keeps one client per connection pool, and works as Django's.

Needs Redis at CACHE_TEST_URL (default redis://127.0.0.1:6379/13): skipped locally
without it, failing in CI (CI=true)."""

import os
import threading

import pytest
import redis

from erasmus_portal.cache import SharedClientRedisCache

CACHE_URL = os.environ.get("CACHE_TEST_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def cache():
    try:
        redis.Redis.from_url(CACHE_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"No Redis at {CACHE_URL}; CI needs it.")
        pytest.skip(f"No Redis at {CACHE_URL}.")
    # Keys of this test process's own, deleted after the test: clear() would empty the
    # whole Redis database (FLUSHDB) under the tests of another xdist worker or run.
    prefix = f"test-cache-{os.getpid()}"
    backend = SharedClientRedisCache(CACHE_URL, {"KEY_PREFIX": prefix})
    yield backend
    server = redis.Redis.from_url(CACHE_URL)
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


def test_values_round_trip(cache):
    cache.set("page", "<p>Sveiki, Jūrmala</p>", 30)
    assert cache.get("page") == "<p>Sveiki, Jūrmala</p>"
    assert cache.get_many(["page", "missing"]) == {"page": "<p>Sveiki, Jūrmala</p>"}
    cache.delete("page")
    assert cache.get("page") is None


def test_one_client_serves_every_call(cache):
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("a", 1)
    assert cache._cache.get_client("a") is client


def test_the_shared_client_serves_threads(cache):
    errors = []

    def work(number):
        try:
            for round_ in range(50):
                cache.set(f"thread-{number}", round_)
                assert cache.get(f"thread-{number}") == round_
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
