"""Impact reports kept for staff: every computed impact is stored, and applying one
(from the command line or the admin) goes through :func:`impact_report_apply`.

Applying acts on the stored rows through the shop's adapter; each action is claimed
once per (versions, object, action) and audited once (``impact_action_record``), and
the report itself is marked applied under a row lock, so applying twice, or from two
places at once, changes nothing the second time.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from compliance.errors import ComplianceError
from compliance.impact import ImpactChange, impact_adapter
from compliance.models import ImpactReportRecord, ImpactReportRow
from compliance.rules import RuleSet, rules_load


@dataclass(frozen=True)
class ImpactApplied:
    report: ImpactReportRecord
    # One line per action taken now; empty when the report was applied before.
    actions: tuple[str, ...]
    already_applied: bool = False


def impact_report_store(
    *,
    from_version: str,
    to_version: str,
    changes: Iterable[ImpactChange],
    actor_id: int | None = None,
    actor_label: str = "system",
) -> ImpactReportRecord:
    """Keep one computed impact and its rows (one transaction)."""
    with transaction.atomic():
        report = ImpactReportRecord(
            from_version=from_version,
            to_version=to_version,
            computed_by_id=actor_id,
            computed_by_label=actor_label[:200],
        )
        report.full_clean()
        report.save()
        ImpactReportRow.objects.bulk_create(
            ImpactReportRow(
                report=report,
                object_type=change.kind,
                object_id=change.object_id,
                object_label=change.label[:300],
                jurisdiction=change.where,
                before=change.before,
                after=change.after,
                rules=list(change.rules),
                reason=change.reason,
            )
            for change in changes
        )
    return report


def _change_of(row: ImpactReportRow) -> ImpactChange:
    return ImpactChange(
        kind=row.object_type,
        object_id=row.object_id,
        label=row.object_label,
        where=row.jurisdiction,
        before=row.before,
        after=row.after,
        rules=tuple(row.rules),
        reason=row.reason,
    )


def impact_report_apply(
    *,
    report_id: int,
    actor_id: int | None = None,
    actor_label: str = "system",
    after: RuleSet | None = None,
) -> ImpactApplied:
    """Carry out what a stored report calls for, once.

    Args:
        report_id: the stored report.
        actor_id, actor_label: who applies it (audited with every action).
        after: the rule set the report was computed against; defaults to the rule
            data in force, which must then be the report's ``to_version``.

    Raises:
        ComplianceError: no such report (field ``report``), or the rule data in
            force is not the version the report was computed for (``to_version``).
    """
    _subjects, act = impact_adapter()
    with transaction.atomic():
        report = (
            ImpactReportRecord.objects.select_for_update().filter(pk=report_id).first()
        )
        if report is None:
            raise ComplianceError("No such impact report.", field="report")
        if report.applied:
            return ImpactApplied(report, (), already_applied=True)
        after = after or rules_load()
        if after.version != report.to_version:
            raise ComplianceError(
                f"This report is for rule data {report.to_version}, but "
                f"{after.version} is in force: compute the impact again.",
                field="to_version",
            )
        rows = list(report.rows.order_by("id"))
        changes = [_change_of(row) for row in rows]
        row_of = {id(change): row for change, row in zip(changes, rows, strict=True)}
        done = act(
            changes,
            after=after,
            from_version=report.from_version,
            to_version=report.to_version,
            actor_id=actor_id,
            actor_label=actor_label,
        )
        acted = []
        for change, line in done:
            row = row_of[id(change)]
            row.action = line
            acted.append(row)
        ImpactReportRow.objects.bulk_update(acted, ["action"])
        report.applied_at = timezone.now()
        report.applied_by_id = actor_id
        report.applied_by_label = actor_label[:200]
        report.save(update_fields=["applied_at", "applied_by_id", "applied_by_label"])
    return ImpactApplied(report, tuple(line for _, line in done))


def impact_report_list() -> QuerySet[ImpactReportRecord]:
    """Stored reports, newest first, each with its number of rows (``row_count``)."""
    return ImpactReportRecord.objects.annotate(row_count=Count("rows"))
