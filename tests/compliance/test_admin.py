import pytest
from django.contrib.auth import get_user_model

from compliance.audit.services import audit_record
from compliance.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in_officer(client, officer):
    client.force_login(officer)
    return client


def test_officer_reads_and_filters_the_audit_log(logged_in_officer):
    # given
    audit_record(
        action="block", object_type="product", object_id=1, rule_id="CLM.AUTHORITY",
        rules_version="v",
    )  # fmt: skip
    audit_record(
        action="override", object_type="product", object_id=2, rule_id="CLM.PROOF",
        rules_version="v", reason="Evidence on file.",
    )  # fmt: skip

    # when
    response = logged_in_officer.get(
        "/django-admin/compliance/auditentry/", {"action": "override"}
    )

    # then
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert [e.rule_id for e in shown] == ["CLM.PROOF"]


def test_audit_log_is_read_only_in_admin(logged_in_officer):
    entry = audit_record(
        action="block", object_type="product", object_id=1, rules_version="v"
    )

    add = logged_in_officer.get("/django-admin/compliance/auditentry/add/")
    delete = logged_in_officer.post(
        f"/django-admin/compliance/auditentry/{entry.pk}/delete/", {"post": "yes"}
    )

    assert add.status_code == 403
    assert delete.status_code == 403
    assert AuditEntry.objects.count() == 1


def test_staff_without_the_group_cannot_read_the_log(client):
    user = get_user_model().objects.create_user(
        email="staff@example.com", password="pw", is_staff=True
    )
    client.force_login(user)

    response = client.get("/django-admin/compliance/auditentry/")

    assert response.status_code == 403
