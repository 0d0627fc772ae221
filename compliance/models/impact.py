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
