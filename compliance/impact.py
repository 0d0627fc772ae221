"""What a change of the rule data touches: decisions before and after, per subject.

The shop describes what it holds with primitives (a product class and the regions
it ships to, or texts and a claims regime); this module decides each subject under
both rule sets and reports every decision that changes. It knows nothing of
listings, subscriptions or orders: the storefront's adapter builds the subjects and
acts on the changes (``storefront.compliance_impact``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from compliance.claims import claims_lint
from compliance.errors import ComplianceError
from compliance.regions import RegionDecision, availability_decide
from compliance.rules import RuleSet, rules_files, rules_load, rules_parse

if TYPE_CHECKING:
    from compliance.models import RulesSnapshot

# The computation needs no database (the benchmark runs it bare); the snapshot and
# action services import the ORM when called.


@dataclass(frozen=True)
class ImpactSubject:
    """Something whose decision may change: ``regions`` for legality, ``texts``
    (with ``regime``) for claims."""

    kind: str
    object_id: str
    label: str
    product_class: str = ""
    regions: tuple[str, ...] = ()
    regime: str = ""
    texts: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class ImpactChange:
    kind: str
    object_id: str
    label: str
    where: str
    before: str
    after: str
    rules: tuple[str, ...]
    reason: str

    @property
    def tightened(self) -> bool:
        order = ("allowed", "restricted", "prohibited", "blocked")
        return order.index(self.after) > order.index(self.before)

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "object_id": self.object_id,
            "label": self.label,
            "where": self.where,
            "before": self.before,
            "after": self.after,
            "rules": list(self.rules),
            "reason": self.reason,
        }


def _legality_label(decision: RegionDecision) -> str:
    if decision.decision == "restricted" and decision.min_age:
        return "restricted"
    return decision.decision


def impact_compute(
    *,
    before: RuleSet,
    after: RuleSet,
    subjects: Iterable[ImpactSubject],
    on_date: date | None = None,
) -> list[ImpactChange]:
    """Every subject whose decision differs between the two rule sets.

    Legality is compared per region (decision and minimum age); claims per regime
    (whether the texts would be blocked). Decisions are cached per (class, region)
    and lints per text, so the cost grows with distinct inputs, not with subjects.
    """
    decided: dict[tuple[int, str, str], RegionDecision] = {}
    linted: dict[tuple[int, str, str], bool] = {}

    def decide(rules: RuleSet, product_class: str, region: str) -> RegionDecision:
        key = (id(rules), product_class, region)
        if key not in decided:
            decided[key] = availability_decide(
                product_class=product_class, region=region, on_date=on_date, rules=rules
            )
        return decided[key]

    def blocked(rules: RuleSet, text: str, regime: str) -> bool:
        key = (id(rules), regime, text)
        if key not in linted:
            report = claims_lint(text, regime=regime, rules=rules)
            linted[key] = any(f.severity == "block" for f in report.findings)
        return linted[key]

    changes: list[ImpactChange] = []
    for subject in subjects:
        for region in subject.regions:
            old = decide(before, subject.product_class, region)
            new = decide(after, subject.product_class, region)
            if (old.decision, old.min_age) == (new.decision, new.min_age):
                continue
            age = f" (minimum age {new.min_age})" if new.min_age else ""
            changes.append(
                ImpactChange(
                    kind=subject.kind,
                    object_id=subject.object_id,
                    label=subject.label,
                    where=region,
                    before=_legality_label(old),
                    after=_legality_label(new),
                    rules=new.rules or old.rules,
                    reason=new.reason + age,
                )
            )
        if subject.texts and subject.regime:
            was = any(blocked(before, t, subject.regime) for t in subject.texts)
            now = any(blocked(after, t, subject.regime) for t in subject.texts)
            if was != now:
                changes.append(
                    ImpactChange(
                        kind=subject.kind,
                        object_id=subject.object_id,
                        label=subject.label,
                        where=f"claims:{subject.regime}",
                        before="blocked" if was else "allowed",
                        after="blocked" if now else "allowed",
                        rules=(),
                        reason="Its text breaks the claims rules of the new version."
                        if now
                        else "Its text passes the claims rules of the new version.",
                    )
                )
    return changes


def rules_snapshot_record(*, rules: RuleSet | None = None) -> "RulesSnapshot":
    """Keep the current rule data under its version (once per version)."""
    # Late: the benchmark decides without the ORM, so models load only here.
    from compliance.models import RulesSnapshot

    rules = rules or rules_load()
    snapshot, _ = RulesSnapshot.objects.get_or_create(
        version=rules.version, defaults={"files": rules_files()}
    )
    return snapshot


def rules_snapshot_load(*, version: str) -> RuleSet:
    """The rule set of an earlier version, from its stored snapshot.

    Raises:
        ComplianceError: no snapshot of that version was kept (field ``from``).
    """
    # Late: the benchmark decides without the ORM, so models load only here.
    from compliance.models import RulesSnapshot

    snapshot = RulesSnapshot.objects.filter(version=version).first()
    if snapshot is None:
        known = ", ".join(RulesSnapshot.objects.values_list("version", flat=True))
        raise ComplianceError(
            f"No snapshot of rule data version {version!r}"
            + (f"; known versions: {known}." if known else "."),
            field="from",
        )
    return rules_parse(dict(snapshot.files))


def impact_action_record(
    *,
    from_version: str,
    to_version: str,
    object_type: str,
    object_id: str,
    action: str,
    reason: str,
    label: str = "",
    actor_id: int | None = None,
    actor_label: str = "system",
) -> bool:
    """Claim an action for one object and audit it; False if it was already taken.

    Call inside the transaction that carries the action out, so that the record
    and the change commit (or roll back) together.
    """
    from django.db import IntegrityError, transaction

    # Late: the benchmark decides without the ORM, so models load only here.
    from compliance.audit.services import audit_record
    from compliance.models import AuditAction, ImpactAction  # likewise

    try:
        with transaction.atomic():
            ImpactAction.objects.create(
                from_version=from_version,
                to_version=to_version,
                object_type=object_type,
                object_id=object_id,
                action=action,
                reason=reason,
            )
    except IntegrityError:
        return False
    audit_record(
        action=AuditAction.IMPACT,
        object_type=object_type,
        object_id=object_id,
        object_label=label,
        rule_id=action,
        rules_version=to_version,
        reason=f"Rules {from_version} -> {to_version}: {reason}",
        actor_id=actor_id,
        actor_label=actor_label,
    )
    return True


@dataclass(frozen=True)
class ImpactReport:
    from_version: str
    to_version: str
    changes: tuple[ImpactChange, ...]
    actions: tuple[str, ...]
    # The stored copy staff read (and may apply) in the admin.
    report_id: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "from_version": self.from_version,
            "to_version": self.to_version,
            "changes": [c.as_dict() for c in self.changes],
            "actions": list(self.actions),
            "report_id": self.report_id,
        }


# What the shop's adapter does with the changes: each action taken, with its change.
ImpactAct = Callable[..., Iterable[tuple[ImpactChange, str]]]


def impact_adapter() -> tuple[Callable[[], Iterable[ImpactSubject]], ImpactAct]:
    """The shop's ``impact_subjects`` and ``impact_act`` (see ``impact_run``)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    path = getattr(settings, "COMPLIANCE_IMPACT_ADAPTER", "")
    if not path:
        raise ComplianceError("No COMPLIANCE_IMPACT_ADAPTER is configured.")
    return import_string(path + ".impact_subjects"), import_string(path + ".impact_act")


def impact_run(
    *,
    before: RuleSet,
    after: RuleSet | None = None,
    apply: bool = False,
    actor_id: int | None = None,
    actor_label: str = "system",
) -> ImpactReport:
    """Compute, store (and with ``apply``, act on) the impact of going from
    ``before`` to ``after`` (the rule data in force by default) over the shop's data.

    The shop's subjects and actions come from ``settings.COMPLIANCE_IMPACT_ADAPTER``
    so that this package depends on no shop app. Every computed impact is kept as
    an impact report; applying goes through ``impact_report_apply``, as it does from
    the admin. The rule data in force is kept as a snapshot, so that the next change
    can be compared with it.
    """
    # Late: the benchmark decides without the ORM, so models load only here.
    from compliance.impact_reports import impact_report_apply, impact_report_store

    after = after or rules_load()
    subjects_of, _act = impact_adapter()
    changes = tuple(impact_compute(before=before, after=after, subjects=subjects_of()))
    stored = impact_report_store(
        from_version=before.version,
        to_version=after.version,
        changes=changes,
        actor_id=actor_id,
        actor_label=actor_label,
    )
    actions: tuple[str, ...] = ()
    if apply:
        actions = impact_report_apply(
            report_id=stored.pk,
            actor_id=actor_id,
            actor_label=actor_label,
            after=after,
        ).actions
    rules_snapshot_record()
    return ImpactReport(before.version, after.version, changes, actions, stored.pk)
