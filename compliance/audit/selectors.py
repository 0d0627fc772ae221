"""Reading the compliance audit log."""

from django.db.models import QuerySet

from compliance.models import AuditEntry


def audit_list_for_object(
    *, object_type: str, object_id: str | int
) -> QuerySet[AuditEntry]:
    """Return the entries about one object, newest first."""
    return AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id))
