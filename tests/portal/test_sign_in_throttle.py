"""Failed sign-ins are slowed down, per username and per client address, for everyone;
the message names the wait. A username under attack waits even with the right password;
an address with many failures (a school's network) slows down its failures but lets a
user with no recent failure in. Client addresses come from X-Forwarded-For only behind a
proxy the settings trust. Counts are atomic, so several workers sharing the cache all
count."""

import os
import threading
from unittest import mock

import pytest
import redis
from django.contrib.auth import forms as auth_forms
from django.test import RequestFactory
from django.urls import reverse

from accounts.auth import SignInThrottle
from core.client import client_ip

pytestmark = pytest.mark.django_db

RIGHT = "secret-pass-123"


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(response) -> bool:
    return response.status_code == 302


def test_five_failures_are_free_then_the_wait_is_named(client, marta):
    for _ in range(5):
        assert not signed_in(sign_in(client, "marta", "wrong"))
    assert signed_in(sign_in(client, "marta", RIGHT))  # the counter is reset by success
    client.logout()
    for _ in range(6):
        sign_in(client, "marta", "wrong")
    response = sign_in(client, "marta", RIGHT)  # even the right password waits
    assert not signed_in(response)
    assert "Too many failed sign-ins. Try again in 30 seconds." in response.content.decode()


def test_the_wait_doubles_and_ends(client, alice):
    clock = "accounts.auth.time.time"
    with mock.patch(clock, return_value=1_000_000.0):
        for _ in range(6):
            sign_in(client, "alice", "wrong")
        assert "Try again in 30 seconds." in sign_in(client, "alice", RIGHT).content.decode()
    with mock.patch(clock, return_value=1_000_031.0):
        sign_in(client, "alice", "wrong")  # the 7th failure
        page = sign_in(client, "ALICE", RIGHT).content.decode()  # usernames: any case
        assert "Try again in 60 seconds." in page
    with mock.patch(clock, return_value=1_000_092.0):
        assert signed_in(sign_in(client, "alice", RIGHT))


def lock_address(client, address="192.0.2.7"):
    for n in range(21):
        sign_in(client, f"guess{n}", "wrong", address=address)


def test_an_address_with_many_failures_still_lets_a_user_with_no_failures_in(client, marta):
    lock_address(client)
    assert signed_in(sign_in(client, "marta", RIGHT, address="192.0.2.7"))


def test_at_a_slowed_down_address_a_username_that_failed_waits_even_with_the_right_password(
    client, marta
):
    lock_address(client)
    assert not signed_in(sign_in(client, "marta", "wrong", address="192.0.2.7"))
    response = sign_in(client, "marta", RIGHT, address="192.0.2.7")
    assert "Too many failed sign-ins. Try again in" in response.content.decode()
    assert signed_in(sign_in(client, "marta", RIGHT, address="192.0.2.8"))


def test_at_a_slowed_down_address_a_guesser_gets_one_guess_per_username(client, marta):
    lock_address(client)
    with mock.patch.object(
        auth_forms, "authenticate", wraps=auth_forms.authenticate
    ) as authenticate:
        for _ in range(5):
            page = sign_in(client, "guess3", "another-guess", address="192.0.2.7")
        assert "Too many failed sign-ins" in page.content.decode()
        assert not authenticate.called  # the password was not even checked


def test_a_username_under_attack_waits_at_every_address(client, marta):
    for n in range(6):
        sign_in(client, "marta", "wrong", address=f"198.51.100.{n}")
    response = sign_in(client, "marta", RIGHT, address="203.0.113.50")
    assert "Too many failed sign-ins. Try again in 30 seconds." in response.content.decode()


def test_a_success_clears_the_usernames_count_but_not_the_addresses(client, marta):
    for _ in range(4):
        sign_in(client, "marta", "wrong")
    for n in range(15):
        sign_in(client, f"guess{n}", "wrong")  # the address: 19 failures
    assert signed_in(sign_in(client, "marta", RIGHT))
    client.logout()
    for _ in range(5):  # 4 + 5 would be too many, but the success cleared the 4
        sign_in(client, "marta", "wrong", address="10.0.0.9")
    assert signed_in(sign_in(client, "marta", RIGHT, address="10.0.0.9"))
    client.logout()
    sign_in(client, "guess20", "wrong")
    sign_in(client, "marta", "wrong")  # the address's 21st failure: it slows down
    assert not signed_in(sign_in(client, "marta", RIGHT))


def test_a_blank_password_does_not_reset_the_count(client, marta):
    for _ in range(6):
        sign_in(client, "marta", "wrong")
        sign_in(client, "marta", "")
    assert "Too many failed sign-ins" in sign_in(client, "marta", RIGHT).content.decode()


def test_the_admins_sign_in_is_slowed_down_too(client, alice):
    alice.is_staff = True
    alice.save()
    for _ in range(6):
        client.post("/admin/login/", {"username": "alice", "password": "wrong"})
    page = client.post("/admin/login/", {"username": "alice", "password": RIGHT})
    assert "Too many failed sign-ins" in page.content.decode()


def test_x_forwarded_for_counts_only_behind_a_trusted_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_ip(request) == "10.0.0.2"
    settings.TRUST_X_FORWARDED_FOR = True
    assert client_ip(request) == "203.0.113.9"
    request.META["HTTP_X_FORWARDED_FOR"] = "not an address"
    assert client_ip(request) == "0.0.0.0"


def count_simultaneously(failures: int) -> int:
    """`failures` failures of one username from as many threads at once; the count."""
    throttle = SignInThrottle("marta", "10.0.0.1")
    start = threading.Barrier(failures)

    def fail():
        start.wait()
        throttle.failed()

    threads = [threading.Thread(target=fail) for _ in range(failures)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    from django.core.cache import cache

    return cache.get(throttle.username.key)


def test_simultaneous_failures_all_count():
    assert count_simultaneously(20) == 20


REDIS_URL = os.environ.get("CACHE_TEST_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def redis_cache(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"No Redis at {REDIS_URL}; CI needs it.")
        pytest.skip(f"No Redis at {REDIS_URL}.")
    prefix = f"test-throttle-{os.getpid()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "erasmus_portal.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_workers_sharing_redis_count_every_simultaneous_failure(redis_cache):
    # As the three gunicorn workers of docker-compose.yml do, through CACHE_URL.
    assert count_simultaneously(30) == 30


def test_the_throttle_works_through_redis(client, marta, redis_cache):
    for _ in range(6):
        sign_in(client, "marta", "wrong")
    assert "Too many failed sign-ins" in sign_in(client, "marta", RIGHT).content.decode()
