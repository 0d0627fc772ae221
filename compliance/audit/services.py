"""Writing the compliance audit log."""

from compliance.models import AuditAction, AuditEntry


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: str | int,
    rules_version: str,
    object_label: str = "",
    rule_id: str = "",
    reason: str = "",
    actor_id: int | None = None,
    actor_label: str = "system",
) -> AuditEntry:
    """Append one entry to the audit log.

    Args:
        action: one of :class:`AuditAction` (block, override, approve, verification).
        object_type: what was decided about, e.g. ``"product"`` or ``"age_check"``.
        object_id: its id, stored as text.
        rules_version: the rule data version the decision used.
        object_label: a readable name for staff.
        rule_id: the rule (or comma-separated rules) behind the decision.
        reason: the written reason (required by callers for overrides).
        actor_id: the staff user's id, or None for the system.
        actor_label: who acted, readable (username, "system", a provider name).

    Returns:
        The saved entry.

    Raises:
        django.core.exceptions.ValidationError: a field is invalid (e.g. action).
    """
    entry = AuditEntry(
        action=AuditAction(action),
        object_type=object_type,
        object_id=str(object_id),
        object_label=object_label[:300],
        rule_id=rule_id[:200],
        rules_version=rules_version,
        reason=reason,
        actor_id=actor_id,
        actor_label=actor_label[:200],
    )
    entry.full_clean()
    entry.save()
    return entry
