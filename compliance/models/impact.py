from django.db import models
from django.utils import timezone


class RulesSnapshot(models.Model):
    """The rule data as it was at one version, so a later version can be compared
    with it after deploy (``compliance impact --from <version>``)."""

    version = models.CharField(max_length=50, unique=True)
    files = models.JSONField(help_text="{file name: TOML text}")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.version


class ImpactAction(models.Model):
    """One action taken because a rule change altered a decision.

    Unique per (from, to, object, action): applying the same change twice does
    nothing the second time.
    """

    from_version = models.CharField(max_length=50)
    to_version = models.CharField(max_length=50)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100)
    action = models.CharField(max_length=20)
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "from_version",
                    "to_version",
                    "object_type",
                    "object_id",
                    "action",
                ],
                name="compliance_impact_action_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"


class ImpactReportRecord(models.Model):
    """One computed impact of a rule change, kept for staff to read and apply.

    Like the audit log, people are stored as an id and a label, not a foreign key.
    """

    from_version = models.CharField(max_length=50)
    to_version = models.CharField(max_length=50)
    computed_at = models.DateTimeField(default=timezone.now, db_index=True)
    computed_by_id = models.PositiveBigIntegerField(null=True, blank=True)
    computed_by_label = models.CharField(max_length=200)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by_id = models.PositiveBigIntegerField(null=True, blank=True)
    applied_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-computed_at", "-id"]
        verbose_name = "impact report"
        permissions = [
            ("apply_impactreport", "Can apply the impact of a rule change"),
        ]

    def __str__(self) -> str:
        when = f"{self.computed_at:%Y-%m-%d %H:%M}"
        return f"Rules {self.from_version} -> {self.to_version} ({when})"

    @property
    def applied(self) -> bool:
        return self.applied_at is not None


class ImpactReportRow(models.Model):
    """One decision a rule change alters, and what applying the report did about it."""

    report = models.ForeignKey(
        ImpactReportRecord, on_delete=models.CASCADE, related_name="rows"
    )
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100)
    object_label = models.CharField(max_length=300, blank=True)
    # A region code, or "claims:<regime>" for a claims decision.
    jurisdiction = models.CharField(max_length=50)
    before = models.CharField(max_length=20)
    after = models.CharField(max_length=20)
    rules = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    # What applying did; blank until then, and when there was nothing to do.
    action = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = "impact report row"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return (
            f"{self.object_type}:{self.object_id} {self.jurisdiction} "
            f"{self.before} -> {self.after}"
        )
