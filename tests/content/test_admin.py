import pytest
from django.contrib.auth.models import Permission

from content.models import MemberAccessGrant, NewsletterSubscriber
from content.selectors import reader_has_paid_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_with_grant_rights(django_user_model):
    staff = django_user_model.objects.create_user(
        email="support@example.com", password="pw-123456789", is_staff=True
    )
    staff.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="content",
            codename__in=["add_memberaccessgrant", "view_memberaccessgrant"],
        )
    )
    return staff


def test_staff_grant_records_who_granted_it(
    client, django_user_model, staff_with_grant_rights
):
    # given
    reader = django_user_model.objects.create_user(
        email="reader@example.com", password="pw-123456789"
    )
    client.force_login(staff_with_grant_rights)

    # when
    response = client.post(
        "/django-admin/content/memberaccessgrant/add/",
        {
            "user": reader.pk,
            "reason": "Press review copy",
            "valid_until_0": "",
            "valid_until_1": "",
        },
    )

    # then
    assert response.status_code == 302
    grant = MemberAccessGrant.objects.get()
    assert grant.user == reader
    assert grant.granted_by == staff_with_grant_rights
    assert grant.reason == "Press review copy"
    assert reader_has_paid_access(reader) is True


def test_grant_without_a_reason_is_refused(
    client, django_user_model, staff_with_grant_rights
):
    # given
    reader = django_user_model.objects.create_user(
        email="reader@example.com", password="pw-123456789"
    )
    client.force_login(staff_with_grant_rights)

    # when
    response = client.post(
        "/django-admin/content/memberaccessgrant/add/",
        {"user": reader.pk, "reason": "", "valid_until_0": "", "valid_until_1": ""},
    )

    # then
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert MemberAccessGrant.objects.count() == 0


def test_staff_without_the_permission_cannot_grant(client, django_user_model):
    # given
    staff = django_user_model.objects.create_user(
        email="editor@example.com", password="pw-123456789", is_staff=True
    )
    reader = django_user_model.objects.create_user(
        email="reader@example.com", password="pw-123456789"
    )
    client.force_login(staff)

    # when
    response = client.post(
        "/django-admin/content/memberaccessgrant/add/",
        {
            "user": reader.pk,
            "reason": "Because",
            "valid_until_0": "",
            "valid_until_1": "",
        },
    )

    # then
    assert response.status_code == 403
    assert MemberAccessGrant.objects.count() == 0


def test_newsletter_consent_records_cannot_be_added_by_hand(client, django_user_model):
    # given
    admin_user = django_user_model.objects.create_superuser(
        email="admin@example.com", password="pw-123456789"
    )
    client.force_login(admin_user)

    # when
    response = client.get("/django-admin/content/newslettersubscriber/add/")

    # then
    assert response.status_code == 403
    assert NewsletterSubscriber.objects.count() == 0
