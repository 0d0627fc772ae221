"""Sign-in limits: per email and client address, shared by every sign-in door
(storefront, API, Wagtail admin, Django admin) and every worker; staff can unlock."""

import uuid

import pytest
from django.core.cache import caches

from storefront.accounts.models import User
from storefront.accounts.signin_limits import _failures_key, sign_in_locked

PASSWORD = "correct-horse-battery-9"
STRANGER = "203.0.113.7"
STAFF_DESK = "198.51.100.20"


@pytest.fixture
def staff(db):
    return User.objects.create_superuser("staff@example.com", PASSWORD)


def _storefront(client, password, address):
    return client.post(
        "/account/login/",
        {"email": "staff@example.com", "password": password},
        REMOTE_ADDR=address,
    )


def _admin(client, path, password, address):
    return client.post(
        path,
        {"username": "staff@example.com", "password": password},
        REMOTE_ADDR=address,
    )


def _fail_five_times(client, address):
    for _ in range(5):
        assert _storefront(client, "wrong-password", address).status_code == 200


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_a_stranger_locks_only_their_own_address_out(client, staff, path):
    # given a stranger typed five wrong passwords for the staff email
    _fail_five_times(client, STRANGER)

    # when staff sign in to an admin from their own address
    response = _admin(client, path, PASSWORD, STAFF_DESK)

    # then they get in, and the stranger is still refused, right password or not
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    client.logout()
    assert _storefront(client, PASSWORD, STRANGER).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_admin_logins_are_limited_and_share_the_storefront_counter(client, staff, path):
    # given four wrong passwords on the admin login, one on the storefront
    for _ in range(4):
        assert _admin(client, path, "wrong-password", STRANGER).status_code == 200
    assert _storefront(client, "wrong-password", STRANGER).status_code == 200

    # when the right password comes next, on the admin
    response = _admin(client, path, PASSWORD, STRANGER)

    # then it is refused
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert sign_in_locked(email="staff@example.com", address=STRANGER) is True


def test_staff_unlock_an_account_from_the_admin(client, staff):
    # given a customer locked out from their address
    customer = User.objects.create_user("ada@example.com", PASSWORD)
    for _ in range(5):
        client.post(
            "/account/login/",
            {"email": "ada@example.com", "password": "wrong"},
            REMOTE_ADDR=STRANGER,
        )
    assert sign_in_locked(email="ada@example.com", address=STRANGER) is True

    # when staff run the unlock action
    client.force_login(staff)
    response = client.post(
        "/django-admin/accounts/user/",
        {"action": "sign_in_unlock", "_selected_action": [customer.pk]},
        REMOTE_ADDR=STAFF_DESK,
    )
    client.logout()

    # then the customer can sign in again from that address
    assert response.status_code == 302
    assert sign_in_locked(email="ada@example.com", address=STRANGER) is False
    response = client.post(
        "/account/login/",
        {"email": "ada@example.com", "password": PASSWORD},
        REMOTE_ADDR=STRANGER,
    )
    assert response.status_code == 302


def test_unlocking_needs_permission_to_change_accounts(client, staff):
    # given
    clerk = User.objects.create_user("clerk@example.com", PASSWORD, is_staff=True)
    _fail_five_times(client, STRANGER)
    client.force_login(clerk)

    # when
    response = client.post(
        "/django-admin/accounts/user/",
        {"action": "sign_in_unlock", "_selected_action": [staff.pk]},
    )

    # then
    assert response.status_code == 403
    assert sign_in_locked(email="staff@example.com", address=STRANGER) is True


def test_clients_behind_a_trusted_proxy_are_counted_apart(client, staff, settings):
    # given one proxy in front; the client forged an earlier entry
    settings.TRUSTED_PROXY_COUNT = 1
    forged = f"{STAFF_DESK}, {STRANGER}"
    for _ in range(5):
        client.post(
            "/account/login/",
            {"email": "staff@example.com", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forged,
        )

    # then the stranger (the address the proxy saw) is locked, staff are not
    assert sign_in_locked(email="staff@example.com", address=STRANGER) is True
    assert sign_in_locked(email="staff@example.com", address=STAFF_DESK) is False
    assert sign_in_locked(email="staff@example.com", address="10.0.0.2") is False


@pytest.fixture
def shared_redis_cache(settings):
    """The production cache backend on the machine's Redis, under a fresh prefix."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    client = caches["default"]._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_the_count_is_shared_by_every_worker(client, staff, shared_redis_cache):
    # given the failures were made through this process's cache connection
    _fail_five_times(client, STRANGER)

    # when another worker (a separate cache connection) checks the lock
    other_worker = caches.create_connection("default")

    # then it sees the same count
    assert other_worker is not caches["default"]
    key = _failures_key("staff@example.com", STRANGER)
    assert other_worker.get(key) == 5
    assert sign_in_locked(email="staff@example.com", address=STRANGER) is True
    assert _storefront(client, PASSWORD, STRANGER).status_code == 429
