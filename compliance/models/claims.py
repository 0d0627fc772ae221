from django.db import models
from django.db.models import Q
from django.utils import timezone


class ClaimsOverrideKind(models.TextChoices):
    OVERRIDE = "override", "Override of a blocking finding"
    APPROVAL = "approval", "Approval (e.g. an article linking a product, R2)"


class ClaimsOverride(models.Model):
    """A compliance officer's written decision to let one exact text through.

    Keyed by the text's fingerprint: any edit to the text needs a new decision.
    """

    kind = models.CharField(
        max_length=20,
        choices=ClaimsOverrideKind.choices,
        default=ClaimsOverrideKind.OVERRIDE,
    )
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100)
    object_label = models.CharField(max_length=300, blank=True)
    text_fingerprint = models.CharField(max_length=64)
    rule_ids = models.JSONField(default=list, blank=True)
    regimes = models.JSONField(default=list, blank=True)
    officer_id = models.PositiveBigIntegerField()
    officer_label = models.CharField(max_length=200)
    reason = models.TextField()
    rules_version = models.CharField(max_length=50)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("override_finding", "Can override or approve a compliance finding"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "text_fingerprint"],
                name="compliance_override_unique_text",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="compliance_override_reason"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.object_type}:{self.object_id} by {self.officer_label}"
        )
