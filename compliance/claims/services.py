"""Publishing decisions on claims, and officers' overrides and approvals."""

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from django.db import transaction

from compliance.audit.services import audit_record
from compliance.errors import OverridePermissionDeniedError, OverrideReasonRequiredError
from compliance.models import AuditAction, ClaimsOverride, ClaimsOverrideKind
from compliance.rules import REGIMES, rules_load

from .linter import ClaimFinding, ClaimsReport, claims_lint

OVERRIDE_PERMISSION = "compliance.override_finding"


class Actor(Protocol):
    """The parts of a Django user the services need."""

    pk: int

    def has_perm(self, perm: str, obj: object = None) -> bool: ...

    def get_username(self) -> str: ...


@dataclass(frozen=True)
class PublishDecision:
    """Whether a text may be published, and why."""

    allowed: bool
    overridden: bool
    blocking: tuple[ClaimFinding, ...]
    reports: tuple[ClaimsReport, ...]
    rules_version: str
    override_id: int | None = None


def text_fingerprint(text: str) -> str:
    """Return the SHA-256 of the text (NFC), the key an override is bound to."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode()).hexdigest()


def _lint_all(
    text: str, regimes: Iterable[str], context: str
) -> tuple[ClaimsReport, ...]:
    return tuple(
        claims_lint(text, regime=regime, context=context) for regime in regimes
    )


def _lint_fields(
    fields: Sequence[tuple[str, str]], regimes: Iterable[str], context: str
) -> tuple[ClaimsReport, ...]:
    """One report per regime; each finding names its field, spans index the field."""
    reports = []
    for regime in regimes:
        findings: list[ClaimFinding] = []
        version = ""
        # Each field that makes a structure/function claim must carry the
        # disclaimer itself for the object to need none added.
        given = True
        for name, value in fields:
            report = claims_lint(value, regime=regime, context=context)
            version = report.rules_version
            findings.extend(replace(f, field=name) for f in report.findings)
            given = given and (report.disclaimer_given or not report.needs_disclaimer)
        reports.append(
            ClaimsReport(
                regime,
                tuple(findings),
                version or rules_load().version,
                given and any(f.severity == "disclaimer" for f in findings),
            )
        )
    return tuple(reports)


def _distinct(findings: Iterable[ClaimFinding]) -> tuple[ClaimFinding, ...]:
    """Drop repeats of one finding raised under several regimes."""
    seen: set[tuple[str, str, str, int]] = set()
    kept = []
    for finding in findings:
        key = (finding.rule, finding.field, finding.text, finding.start)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return tuple(kept)


def claims_override_get(
    *, obj_type: str, obj_id: str | int, text: str
) -> ClaimsOverride | None:
    """Return the officer's override or approval for this exact text, if any."""
    return (
        ClaimsOverride.objects.filter(
            object_type=obj_type,
            object_id=str(obj_id),
            text_fingerprint=text_fingerprint(text),
        )
        .order_by("-created_at")
        .first()
    )


def claims_publish_check(
    *,
    obj_type: str,
    obj_id: str | int,
    text: str | None = None,
    fields: Sequence[tuple[str, str]] | None = None,
    regimes: Iterable[str] = REGIMES,
    obj_label: str = "",
    context: str = "product",
    actor_id: int | None = None,
    actor_label: str = "system",
) -> PublishDecision:
    """Decide whether a text may be published or listed.

    Publishing is allowed when no regime has a finding of severity ``block`` or
    ``warn`` (a warning needs a compliance officer's review), or when an officer has
    overridden (or approved) this exact text. When it stops publication, one audit
    entry is written per distinct rule; ``PublishDecision.blocking`` lists those
    findings.

    Args:
        obj_type: e.g. ``"product"`` or ``"article"``.
        obj_id: the object's id.
        text: all claim-bearing text of the object (name, description, bullets).
        fields: instead of ``text``, the object's texts as ``(field, text)`` pairs;
            each finding then names its field, and the override is bound to the
            texts joined by newlines.
        regimes: the regimes the object is sold or shown under.
        obj_label: a readable name for the audit log.
        context: ``"product"`` (also for articles linking products) or ``"article"``.
        actor_id: who tried to publish, if known.
        actor_label: readable actor for the audit log.

    Returns:
        The decision with every regime's report.

    Raises:
        UnknownRegimeError: a regime is not one of us, eu, uk.
    """
    regimes = tuple(regimes)
    if fields is not None:
        text = "\n".join(value for _, value in fields)
        reports = _lint_fields(fields, regimes, context)
    else:
        text = text or ""
        reports = _lint_all(text, regimes, context)
    version = rules_load().version
    blocking = _distinct(
        f for r in reports for f in r.findings if f.severity in {"block", "warn"}
    )
    if not blocking:
        return PublishDecision(True, False, (), reports, version)
    override = claims_override_get(obj_type=obj_type, obj_id=obj_id, text=text)
    if override is not None:
        return PublishDecision(True, True, blocking, reports, version, override.pk)
    with transaction.atomic():
        for rule_id in sorted({f.rule for f in blocking}):
            spans = "; ".join(
                f'"{f.text}"' + (f" ({f.field})" if f.field else "")
                for f in blocking
                if f.rule == rule_id
            )
            audit_record(
                action=AuditAction.BLOCK,
                object_type=obj_type,
                object_id=obj_id,
                object_label=obj_label,
                rule_id=rule_id,
                rules_version=version,
                reason=f"Blocked before publishing: {spans}",
                actor_id=actor_id,
                actor_label=actor_label,
            )
    return PublishDecision(False, False, blocking, reports, version)


def claims_override_grant(
    *,
    actor: Actor,
    obj_type: str,
    obj_id: str | int,
    text: str,
    reason: str,
    obj_label: str = "",
    regimes: Iterable[str] = REGIMES,
    context: str = "product",
    kind: str = ClaimsOverrideKind.OVERRIDE,
) -> ClaimsOverride:
    """Record an officer's override (or approval) for one exact text, and audit it.

    Granting again for the same text replaces the reason and writes a new audit
    entry; editing the text invalidates the decision (it is keyed by fingerprint).

    Args:
        actor: the staff user; needs ``compliance.override_finding``.
        obj_type: e.g. ``"product"`` or ``"article"``.
        obj_id: the object's id.
        text: the exact text being let through.
        reason: the officer's written reason; must not be blank.
        obj_label: a readable name for the audit log.
        regimes: the regimes the findings were raised under.
        context: linting context, as for :func:`claims_publish_check`.
        kind: ``"override"`` or ``"approval"`` (R2 article links).

    Returns:
        The saved override.

    Raises:
        OverridePermissionDeniedError: the actor is not a compliance officer.
        OverrideReasonRequiredError: the reason is blank.
    """
    if not actor.has_perm(OVERRIDE_PERMISSION):
        raise OverridePermissionDeniedError()
    reason = (reason or "").strip()
    if not reason:
        raise OverrideReasonRequiredError()
    kind = ClaimsOverrideKind(kind)
    regimes = tuple(regimes)
    reports = _lint_all(text, regimes, context)
    rule_ids = sorted(
        {f.rule for r in reports for f in r.findings if f.severity != "disclaimer"}
    )
    version = rules_load().version
    actor_label = actor.get_username()
    with transaction.atomic():
        override, _created = ClaimsOverride.objects.select_for_update().get_or_create(
            kind=kind,
            object_type=obj_type,
            object_id=str(obj_id),
            text_fingerprint=text_fingerprint(text),
            defaults={
                "officer_id": actor.pk,
                "officer_label": actor_label,
                "reason": reason,
                "rules_version": version,
            },
        )
        override.object_label = obj_label[:300]
        override.rule_ids = rule_ids
        override.regimes = list(regimes)
        override.officer_id = int(str(actor.pk))
        override.officer_label = actor_label
        override.reason = reason
        override.rules_version = version
        override.full_clean()
        override.save()
        audit_record(
            action=AuditAction.APPROVE
            if kind == ClaimsOverrideKind.APPROVAL
            else AuditAction.OVERRIDE,
            object_type=obj_type,
            object_id=obj_id,
            object_label=obj_label,
            rule_id=",".join(rule_ids),
            rules_version=version,
            reason=reason,
            actor_id=int(str(actor.pk)),
            actor_label=actor_label,
        )
    return override


def claims_overrides_list(
    *, obj_type: str, obj_ids: Iterable[str | int]
) -> dict[str, list[ClaimsOverride]]:
    """Every officer's decision for these objects, newest first, in one query."""
    found: dict[str, list[ClaimsOverride]] = {}
    rows = ClaimsOverride.objects.filter(
        object_type=obj_type, object_id__in=[str(i) for i in obj_ids]
    ).order_by("-created_at", "-id")
    for override in rows:
        found.setdefault(override.object_id, []).append(override)
    return found
