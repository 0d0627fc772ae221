import pytest
from django.contrib.auth.models import Group, Permission

from compliance.claims.services import (
    claims_override_grant,
    claims_publish_check,
    text_fingerprint,
)
from compliance.errors import (
    ComplianceErrorCode,
    OverridePermissionDeniedError,
    OverrideReasonRequiredError,
)
from compliance.models import AuditAction, AuditEntry, ClaimsOverride

pytestmark = pytest.mark.django_db

BLOCKED_TEXT = "Reishi tea that cures anxiety."
CLEAN_TEXT = "Reishi tea, grown on oak logs."


def test_officer_group_holds_override_and_audit_view_permissions():
    group = Group.objects.get(name="Compliance officer")

    codenames = sorted(group.permissions.values_list("codename", flat=True))

    assert codenames == [
        "apply_impactreport",
        "override_finding",
        "view_ageverification",
        "view_auditentry",
        "view_claimsoverride",
        "view_impactreportrecord",
        "view_impactreportrow",
    ]
    holders = Permission.objects.get(codename="override_finding").group_set.all()
    assert [g.name for g in holders] == ["Compliance officer"]
    appliers = Permission.objects.get(codename="apply_impactreport").group_set.all()
    assert [g.name for g in appliers] == ["Compliance officer"]


def test_non_officer_is_refused(staff_user):
    with pytest.raises(
        OverridePermissionDeniedError, match="Only a compliance officer"
    ):
        claims_override_grant(
            actor=staff_user,
            obj_type="product",
            obj_id=7,
            text=BLOCKED_TEXT,
            reason="Counsel agreed.",
        )

    assert ClaimsOverride.objects.count() == 0
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_officer_with_blank_reason_is_refused(officer, reason):
    with pytest.raises(OverrideReasonRequiredError, match="Write the reason") as exc:
        claims_override_grant(
            actor=officer,
            obj_type="product",
            obj_id=7,
            text=BLOCKED_TEXT,
            reason=reason,
        )

    assert exc.value.code is ComplianceErrorCode.REASON_REQUIRED
    assert exc.value.field == "reason"
    assert ClaimsOverride.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_officer_with_reason_overrides_and_writes_one_audit_row(officer):
    # when
    override = claims_override_grant(
        actor=officer,
        obj_type="product",
        obj_id=7,
        obj_label="Reishi tea",
        text=BLOCKED_TEXT,
        reason="  Quoted from a court ruling, shown as a quotation.  ",
        regimes=("us",),
    )

    # then
    assert override.kind == "override"
    assert override.reason == "Quoted from a court ruling, shown as a quotation."
    assert override.text_fingerprint == text_fingerprint(BLOCKED_TEXT)
    assert override.rule_ids == ["CLM.DISEASE_VERB", "CLM.NAMED_CONDITION"]
    assert override.officer_id == officer.pk
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.OVERRIDE
    assert entry.actor_id == officer.pk
    assert entry.actor_label == "officer@example.com"
    assert (entry.object_type, entry.object_id, entry.object_label) == (
        "product",
        "7",
        "Reishi tea",
    )
    assert entry.rule_id == "CLM.DISEASE_VERB,CLM.NAMED_CONDITION"
    assert entry.rules_version == "2026.12.02.10"
    assert entry.reason == "Quoted from a court ruling, shown as a quotation."


def test_publish_check_blocks_and_audits_each_blocking_rule():
    # when
    decision = claims_publish_check(
        obj_type="product", obj_id=7, obj_label="Reishi tea", text=BLOCKED_TEXT,
        regimes=("us", "uk"),
    )  # fmt: skip

    # then
    assert decision.allowed is False
    assert decision.overridden is False
    # The same finding under two regimes is reported once.
    assert [f.rule for f in decision.blocking] == [
        "CLM.DISEASE_VERB",
        "CLM.NAMED_CONDITION",
    ]
    entries = AuditEntry.objects.order_by("rule_id")
    assert [(e.action, e.rule_id) for e in entries] == [
        ("block", "CLM.DISEASE_VERB"),
        ("block", "CLM.NAMED_CONDITION"),
    ]
    assert entries[0].reason == 'Blocked before publishing: "cures anxiety"'


def test_publish_check_allows_clean_text_without_audit():
    decision = claims_publish_check(
        obj_type="product", obj_id=8, text=CLEAN_TEXT, regimes=("us", "eu", "uk")
    )

    assert decision.allowed is True
    assert decision.blocking == ()
    assert AuditEntry.objects.count() == 0


def test_publish_check_allows_overridden_text_until_it_changes(officer):
    # given
    claims_override_grant(
        actor=officer, obj_type="product", obj_id=7, text=BLOCKED_TEXT, reason="Counsel"
    )
    AuditEntry.objects.all().delete()

    # when
    same = claims_publish_check(
        obj_type="product", obj_id=7, text=BLOCKED_TEXT, regimes=("us",)
    )
    edited = claims_publish_check(
        obj_type="product", obj_id=7, text=BLOCKED_TEXT + " Now!", regimes=("us",)
    )

    # then
    assert same.allowed is True
    assert same.overridden is True
    assert edited.allowed is False
    assert AuditEntry.objects.filter(action="block").count() == 2


def test_approval_is_audited_as_approve(officer):
    claims_override_grant(
        actor=officer,
        obj_type="article",
        obj_id=3,
        text="Living with depression: what helps.",
        reason="Educational; product link reviewed.",
        kind="approval",
    )

    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["approve"]
