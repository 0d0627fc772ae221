from django.db import models
from django.db.models import Q
from django.utils import timezone


class AgeLevel(models.TextChoices):
    """Assurance levels, weakest first (COMPLIANCE.md §5: A0 < A2/A3)."""

    NONE = "none", "None"
    SELF_DECLARED = "self_declared", "Self-declared date of birth"
    VERIFIED = "verified", "Verified by a provider"


class AgeResult(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired or abandoned"


class AgeMethod(models.TextChoices):
    SELF_DECLARED = "self_declared", "Self-declared date of birth"
    DATABASE = "database", "Database check"
    ID_DOCUMENT = "id_document", "ID document and selfie"
    FACIAL_ESTIMATION = "facial_estimation", "Facial age estimation"
    DIGITAL_ID = "digital_id", "Digital identity or bank check"
    UNKNOWN = "unknown", "Not reported"


class AgeVerification(models.Model):
    """The outcome of one age check; never the document or the date of birth.

    ``subject_ref`` is ``user:<id>`` or ``email:<address>`` rather than a foreign key,
    so that compliance stays independent of the accounts app and a guest checkout can
    be verified too. ``threshold`` is the age the check proved (or failed to prove).
    """

    subject_ref = models.CharField(max_length=254, db_index=True)
    result = models.CharField(
        max_length=20, choices=AgeResult.choices, default=AgeResult.PENDING
    )
    level = models.CharField(max_length=20, choices=AgeLevel.choices)
    method = models.CharField(
        max_length=20, choices=AgeMethod.choices, default=AgeMethod.UNKNOWN
    )
    provider = models.CharField(max_length=50)
    provider_reference = models.CharField(max_length=200, blank=True)
    threshold = models.PositiveSmallIntegerField()
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="compliance_age_unique_provider_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_ref}: {self.result} ({self.level}, {self.threshold}+)"
