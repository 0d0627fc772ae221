"""Age checks: self-declaration, provider verification, and the webhook outcome."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from compliance.audit.services import audit_record
from compliance.errors import (
    InvalidDateOfBirthError,
    InvalidSubjectError,
    InvalidWebhookError,
    UnknownVerificationError,
)
from compliance.models import (
    AgeLevel,
    AgeMethod,
    AgeResult,
    AgeVerification,
    AuditAction,
)
from compliance.rules import rules_load

from .providers import age_provider_get, reference_new

# Thresholds a self-declaration is recorded against: storing "at least 21" keeps
# what the rules need without keeping the date of birth (ICO minimisation).
SELF_DECLARED_THRESHOLDS = (18, 19, 21, 25)
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
GUEST_PREFIX = "guest:"
_GUEST_KEY_RE = re.compile(r"^[0-9a-z-]{16,64}$")


@dataclass(frozen=True)
class AgeVerificationSession:
    verification_id: int
    provider: str
    reference: str
    redirect_url: str


@dataclass(frozen=True)
class AgeVerificationOutcome:
    verification: AgeVerification
    changed: bool  # False for a duplicate or interim delivery


def subject_ref_normalise(subject_ref: int | str) -> str:
    """Return ``user:<id>``, ``guest:<key>`` or ``email:<address>``.

    ``guest:<key>`` names one guest's own session (the caller's opaque key, 16 to
    64 letters, digits or dashes, such as a checkout token): an age proved there
    belongs to that session only, since nobody has shown they own an email.

    Raises:
        InvalidSubjectError: not a positive integer, a guest key or an email.
    """
    if isinstance(subject_ref, int) and not isinstance(subject_ref, bool):
        if subject_ref > 0:
            return f"user:{subject_ref}"
        raise InvalidSubjectError()
    value = str(subject_ref).strip()
    if value.startswith(GUEST_PREFIX):
        key = value.removeprefix(GUEST_PREFIX).lower()
        if _GUEST_KEY_RE.match(key):
            return GUEST_PREFIX + key
        raise InvalidSubjectError()
    # Accept already-normalised references so callers can pass them back in.
    value = value.removeprefix("user:").removeprefix("email:")
    if value.isdigit() and int(value) > 0:
        return f"user:{int(value)}"
    if _EMAIL_RE.match(value):
        return f"email:{value.casefold()}"
    raise InvalidSubjectError()


def age_on(date_of_birth: date, on_date: date) -> int:
    """Completed years on ``on_date``; a 29 February birthday counts on 1 March."""
    before_birthday = (on_date.month, on_date.day) < (
        date_of_birth.month,
        date_of_birth.day,
    )
    return on_date.year - date_of_birth.year - int(before_birthday)


def age_self_declare(
    *, subject_ref: int | str, date_of_birth: date, on_date: date | None = None
) -> AgeVerification:
    """Record a self-declared date of birth (the age gate), keeping only the result.

    The date of birth is used to work out which thresholds (18, 19, 21, 25) the
    person meets and is then discarded. Self-declaration is assurance level
    ``self_declared``, never ``verified`` (R16).

    Args:
        subject_ref: the user's id or the shopper's email.
        date_of_birth: as entered.
        on_date: the date the age is computed for; today if None.

    Returns:
        The saved check: approved with the highest threshold met, or declined at 18.

    Raises:
        InvalidSubjectError: ``subject_ref`` is neither an id nor an email.
        InvalidDateOfBirthError: the date is in the future or implausibly old.
    """
    subject = subject_ref_normalise(subject_ref)
    today = on_date or timezone.localdate()
    if not isinstance(date_of_birth, date) or date_of_birth > today:
        raise InvalidDateOfBirthError()
    age = age_on(date_of_birth, today)
    if age > 130:
        raise InvalidDateOfBirthError()
    met = [t for t in SELF_DECLARED_THRESHOLDS if age >= t]
    result = AgeResult.APPROVED if met else AgeResult.DECLINED
    threshold = max(met) if met else SELF_DECLARED_THRESHOLDS[0]
    with transaction.atomic():
        check = AgeVerification(
            subject_ref=subject,
            result=result,
            level=AgeLevel.SELF_DECLARED,
            method=AgeMethod.SELF_DECLARED,
            provider="self",
            threshold=threshold,
            verified_at=timezone.now(),
        )
        check.full_clean()
        check.save()
        _audit_verification(check, actor_label=subject)
    return check


def age_verification_start(
    *,
    provider: str,
    subject_ref: int | str,
    threshold: int,
    return_url: str | None = None,
) -> AgeVerificationSession:
    """Open a provider session to verify that the subject is at least ``threshold``.

    Args:
        provider: a configured provider name (``"test"`` is built in).
        subject_ref: the user's id or the shopper's email.
        threshold: the age to prove, usually the decision's ``min_age``.
        return_url: where the provider sends the shopper back.

    Returns:
        The session with the URL to redirect the shopper to.

    Raises:
        UnknownAgeProviderError: the provider is not configured.
        InvalidSubjectError: ``subject_ref`` is neither an id nor an email.
    """
    subject = subject_ref_normalise(subject_ref)
    backend = age_provider_get(provider)
    session = backend.session_create(
        reference=reference_new(provider), threshold=threshold, return_url=return_url
    )
    check = AgeVerification(
        subject_ref=subject,
        result=AgeResult.PENDING,
        level=AgeLevel.VERIFIED,
        provider=provider,
        provider_reference=session.reference,
        threshold=threshold,
    )
    check.full_clean()
    check.save()
    return AgeVerificationSession(
        check.pk, provider, session.reference, session.redirect_url
    )


def age_verification_record(
    *,
    provider: str,
    provider_reference: str,
    result: str,
    method: str = AgeMethod.UNKNOWN,
    decided_at: datetime | None = None,
) -> AgeVerificationOutcome:
    """Record a provider's final decision on a pending session, exactly once.

    Locks the session row, so concurrent or repeated deliveries of the same webhook
    change nothing after the first (the outcome says ``changed=False``).

    Args:
        provider: the provider name.
        provider_reference: the session reference the provider reported.
        result: ``approved``, ``declined`` or ``expired``.
        method: how the provider checked (see :class:`AgeMethod`).
        decided_at: when the provider decided; now if None.

    Returns:
        The session row and whether this call changed it.

    Raises:
        UnknownVerificationError: no session with this reference was started.
    """
    result = AgeResult(result)
    with transaction.atomic():
        check = (
            AgeVerification.objects.select_for_update()
            .filter(provider=provider, provider_reference=provider_reference)
            .first()
        )
        if check is None:
            raise UnknownVerificationError()
        if check.result != AgeResult.PENDING:
            return AgeVerificationOutcome(check, changed=False)
        check.result = result
        check.method = method if method in AgeMethod.values else AgeMethod.UNKNOWN
        check.verified_at = decided_at or timezone.now()
        check.full_clean()
        check.save()
        _audit_verification(check, actor_label=provider)
    return AgeVerificationOutcome(check, changed=True)


def age_webhook_handle(
    *, provider: str, body: bytes, headers: Mapping[str, str]
) -> AgeVerificationOutcome | None:
    """Verify and apply a provider webhook.

    Returns:
        The outcome, or None for an interim status that records nothing.

    Raises:
        UnknownAgeProviderError: the provider is not configured.
        InvalidWebhookError: the signature does not verify or the body is malformed.
        UnknownVerificationError: the reference matches no session.
    """
    backend = age_provider_get(provider)
    if not backend.webhook_verify(body=body, headers=headers):
        raise InvalidWebhookError("The webhook signature does not verify.")
    decision = backend.webhook_parse(body=body)
    if decision.result is None:
        return None
    return age_verification_record(
        provider=provider,
        provider_reference=decision.reference,
        result=decision.result,
        method=decision.method,
        decided_at=decision.decided_at,
    )


def _audit_verification(check: AgeVerification, *, actor_label: str) -> None:
    audit_record(
        action=AuditAction.VERIFICATION,
        object_type="age_verification",
        object_id=check.pk,
        object_label=check.subject_ref,
        rules_version=rules_load().version,
        reason=f"{check.get_method_display()}: {check.result} at {check.threshold}+",
        actor_label=actor_label,
    )


CARRIED_PROVIDER = "carried"


def age_verification_carry(
    *, from_ref: int | str, to_ref: int | str, actor_label: str
) -> AgeVerification | None:
    """Copy the strongest approved age check of one subject to another.

    For a subject that has proved it is the same person (a guest who entered a
    code emailed to the account's confirmed address). The copy keeps the level,
    method, threshold and date of the original and is audited.

    Returns the new row, or None when ``from_ref`` has no approved check.

    Raises:
        InvalidSubjectError: either reference is malformed.
    """
    source_ref = subject_ref_normalise(from_ref)
    target_ref = subject_ref_normalise(to_ref)
    rank = {AgeLevel.SELF_DECLARED: 1, AgeLevel.VERIFIED: 2}
    candidates = AgeVerification.objects.filter(
        subject_ref=source_ref, result=AgeResult.APPROVED
    )
    best = max(
        candidates,
        key=lambda c: (rank.get(AgeLevel(c.level), 0), c.threshold),
        default=None,
    )
    if best is None:
        return None
    with transaction.atomic():
        copy = AgeVerification(
            subject_ref=target_ref,
            result=AgeResult.APPROVED,
            level=best.level,
            method=best.method,
            provider=CARRIED_PROVIDER,
            threshold=best.threshold,
            verified_at=best.verified_at or timezone.now(),
        )
        copy.full_clean()
        copy.save()
        _audit_verification(copy, actor_label=actor_label)
    return copy
