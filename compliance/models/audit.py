from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    BLOCK = "block", "Block"
    OVERRIDE = "override", "Override"
    APPROVE = "approve", "Approve"
    VERIFICATION = "verification", "Age verification"
    IMPACT = "impact", "Rule change acted on"


class AuditEntry(models.Model):
    """One compliance decision that blocked, overrode, approved or verified.

    Actors and objects are stored as ids plus a label, not foreign keys: the log must
    outlive the rows it talks about and must not depend on the shop's apps.
    """

    actor_id = models.PositiveBigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100)
    object_label = models.CharField(max_length=300, blank=True)
    rule_id = models.CharField(max_length=200, blank=True)
    rules_version = models.CharField(max_length=50)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["rule_id"]),
            models.Index(fields=["action", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id} ({self.rule_id})"
