import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

OFFICER_GROUP = "Compliance officer"


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        email="editor@example.com", password="pw", is_staff=True
    )


@pytest.fixture
def officer(db):
    user = get_user_model().objects.create_user(
        email="officer@example.com", password="pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=OFFICER_GROUP))
    # Permissions are cached per instance; fetch a fresh one as a request would.
    return get_user_model().objects.get(pk=user.pk)
