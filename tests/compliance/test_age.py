from datetime import date

import pytest
from django.urls import reverse

from compliance.age.providers import TestProvider
from compliance.age.selectors import (
    age_assurance_for,
    age_verification_latest,
    age_verification_require,
)
from compliance.age.services import age_self_declare, age_verification_start
from compliance.errors import (
    AgeVerificationRequiredError,
    InvalidDateOfBirthError,
    InvalidSubjectError,
    UnknownAgeProviderError,
)
from compliance.models import AgeVerification, AuditEntry

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
WEBHOOK = "/compliance/age/webhook/test/"


def _post(client, body, headers):
    return client.post(
        WEBHOOK,
        data=body,
        content_type="application/json",
        headers=headers,
    )


def test_self_declaration_keeps_threshold_not_birth_date():
    # when
    check = age_self_declare(
        subject_ref="Shopper@Example.com",
        date_of_birth=date(2005, 11, 26),
        on_date=TODAY,
    )

    # then: 20 years old, one day short of 21
    assert check.subject_ref == "email:shopper@example.com"
    assert (check.result, check.level, check.method) == (
        "approved",
        "self_declared",
        "self_declared",
    )
    assert check.threshold == 19
    assert not any(
        "2005" in str(v) for v in AgeVerification.objects.values().get().values()
    )
    assert AuditEntry.objects.get().action == "verification"


def test_under_age_self_declaration_cannot_buy_21_plus():
    # given
    age_self_declare(subject_ref=42, date_of_birth=date(2006, 1, 1), on_date=TODAY)

    # when / then
    with pytest.raises(AgeVerificationRequiredError, match="Please confirm you are 21"):
        age_verification_require(subject_ref=42, min_age=21, assurance="self_declared")
    assert (
        age_assurance_for(42).satisfies(min_age=18, assurance="self_declared") is True
    )


def test_minor_self_declaration_is_declined():
    check = age_self_declare(
        subject_ref=5, date_of_birth=date(2010, 5, 5), on_date=TODAY
    )

    assert check.result == "declined"
    assert age_assurance_for(5).level == "none"


@pytest.mark.parametrize("dob", [date(2027, 1, 1), date(1880, 1, 1)])
def test_implausible_birth_date_is_refused(dob):
    with pytest.raises(InvalidDateOfBirthError, match="real date of birth"):
        age_self_declare(subject_ref=1, date_of_birth=dob, on_date=TODAY)

    assert AgeVerification.objects.count() == 0


@pytest.mark.parametrize("subject", ["", "nobody", 0, -3, "a@b"])
def test_bad_subject_is_refused(subject):
    with pytest.raises(InvalidSubjectError, match="user id or an email"):
        age_assurance_for(subject)


def test_unknown_provider_is_refused():
    with pytest.raises(UnknownAgeProviderError, match="not configured"):
        age_verification_start(provider="acme", subject_ref=1, threshold=21)


def test_verification_blocks_until_signed_webhook_arrives(client):
    # given
    session = age_verification_start(
        provider="test", subject_ref=9, threshold=21, return_url="/cart/"
    )
    assert session.redirect_url == (
        f"/compliance/age/test-provider/{session.reference}/?return=%2Fcart%2F"
    )
    with pytest.raises(AgeVerificationRequiredError, match="verified age of 21"):
        age_verification_require(subject_ref=9, min_age=21, assurance="verified")

    # when
    body, headers = TestProvider.webhook_build(
        reference=session.reference, status="approved"
    )
    response = _post(client, body, headers)

    # then
    assert response.status_code == 200
    assert response.json() == {"status": "recorded"}
    check = AgeVerification.objects.get(pk=session.verification_id)
    assert (check.result, check.level, check.method, check.threshold) == (
        "approved",
        "verified",
        "id_document",
        21,
    )
    assurance = age_verification_require(
        subject_ref=9, min_age=21, assurance="verified"
    )
    assert assurance.level == "verified"
    assert AuditEntry.objects.filter(action="verification").count() == 1


def test_bad_signature_is_refused_without_effect(client):
    # given
    session = age_verification_start(provider="test", subject_ref=9, threshold=21)
    body, _ = TestProvider.webhook_build(reference=session.reference, status="approved")

    # when
    wrong = _post(client, body, {"X-HMAC-SIGNATURE": "0" * 64})
    other_key = _post(
        client,
        body,
        TestProvider.webhook_build(
            reference=session.reference, status="approved", secret="not-the-secret"
        )[1],
    )
    missing = _post(client, body, {})

    # then
    for response in (wrong, other_key, missing):
        assert response.status_code == 400
        assert response.json() == {"error": "invalid_webhook"}
    assert AgeVerification.objects.get().result == "pending"
    assert AuditEntry.objects.count() == 0


def test_duplicate_delivery_changes_nothing(client):
    # given
    session = age_verification_start(provider="test", subject_ref=9, threshold=21)
    body, headers = TestProvider.webhook_build(
        reference=session.reference, status="declined"
    )

    # when
    first = _post(client, body, headers)
    second = _post(client, body, headers)
    late_approval = _post(
        client,
        *TestProvider.webhook_build(reference=session.reference, status="approved"),
    )

    # then
    assert first.json() == {"status": "recorded"}
    assert second.json() == {"status": "duplicate"}
    assert late_approval.json() == {"status": "duplicate"}
    assert AgeVerification.objects.get().result == "declined"
    assert AuditEntry.objects.count() == 1


def test_interim_status_is_ignored(client):
    session = age_verification_start(provider="test", subject_ref=9, threshold=21)

    response = _post(
        client,
        *TestProvider.webhook_build(
            reference=session.reference, status="resubmission_requested"
        ),
    )

    assert response.json() == {"status": "ignored"}
    assert AgeVerification.objects.get().result == "pending"


def test_unknown_reference_is_refused(client):
    response = _post(
        client, *TestProvider.webhook_build(reference="test-nope", status="approved")
    )

    assert response.status_code == 400
    assert response.json() == {"error": "unknown_verification"}


def test_webhook_refused_when_secret_unset(client, settings):
    settings.COMPLIANCE_AGE_WEBHOOK_SECRET = ""
    session = age_verification_start(provider="test", subject_ref=9, threshold=21)
    body, headers = TestProvider.webhook_build(
        reference=session.reference, status="approved", secret=""
    )

    response = _post(client, body, headers)

    assert response.status_code == 503
    assert AgeVerification.objects.get().result == "pending"


def test_webhook_accepts_post_only(client):
    assert client.get(WEBHOOK).status_code == 405


def test_test_provider_page_approves_through_the_webhook_path(client, settings):
    # given
    settings.COMPLIANCE_AGE_TEST_PROVIDER_ENABLED = True
    session = age_verification_start(
        provider="test", subject_ref="a@example.com", threshold=18, return_url="/cart/"
    )
    url = reverse("compliance:age-test-provider", args=[session.reference])

    # when
    page = client.get(url)
    response = client.post(url + "?return=/cart/", {"decision": "approve"})

    # then
    assert page.status_code == 200
    assert response.status_code == 302
    assert response.url == "/cart/"
    assert age_assurance_for("a@example.com").verified_age == 18


def test_test_provider_page_is_off_when_disabled(client, settings):
    settings.COMPLIANCE_AGE_TEST_PROVIDER_ENABLED = False

    response = client.get(reverse("compliance:age-test-provider", args=["test-x"]))

    assert response.status_code == 404


def test_package_reexports_services_lazily():
    import compliance.age
    import compliance.claims

    assert compliance.age.age_self_declare is age_self_declare
    assert compliance.claims.claims_publish_check.__name__ == "claims_publish_check"


def test_latest_provider_check_is_reported_pending_then_declined():
    # given no provider check, then one that is started
    assert age_verification_latest(12) is None
    age_self_declare(subject_ref=12, date_of_birth=date(1980, 1, 1))
    started = age_verification_start(provider="test", subject_ref=12, threshold=21)

    # when it is pending, then declined
    pending = age_verification_latest(12)
    AgeVerification.objects.filter(provider_reference=started.reference).update(
        result="declined"
    )
    declined = age_verification_latest(12)

    # then the self-declaration never counts as a provider check
    assert (pending.result, pending.threshold, pending.declined) == (
        "pending",
        21,
        False,
    )
    assert (declined.result, declined.declined) == ("declined", True)


def test_the_latest_self_declaration_counts_not_the_highest():
    # given a shopper who declared 30, then 19 (two checks on file)
    age_self_declare(
        subject_ref="again@example.com", date_of_birth=date(1996, 1, 1), on_date=TODAY
    )
    age_self_declare(
        subject_ref="again@example.com", date_of_birth=date(2007, 1, 1), on_date=TODAY
    )

    # when
    assurance = age_assurance_for("again@example.com")

    # then they are under 21 but not under 19, and 21 is not met
    assert assurance.under(21)
    assert not assurance.under(19)
    assert assurance.proved_age == 19
    assert not assurance.satisfies(min_age=21, assurance="self_declared")
    assert assurance.satisfies(min_age=18, assurance="self_declared")


def test_a_declined_self_declaration_is_under_every_adult_age():
    age_self_declare(
        subject_ref="teen@example.com", date_of_birth=date(2011, 1, 1), on_date=TODAY
    )

    assurance = age_assurance_for("teen@example.com")

    assert assurance.under(18)
    assert assurance.under(21)
    assert assurance.self_declared_age is None
    assert assurance.proved_age == 0
