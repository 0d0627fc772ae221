"""Reading what is known about a subject's age."""

from dataclasses import dataclass
from datetime import datetime

from compliance.errors import AgeVerificationRequiredError
from compliance.models import AgeLevel, AgeResult, AgeVerification

from .services import SELF_DECLARED_THRESHOLDS, subject_ref_normalise

LEVELS = (AgeLevel.NONE, AgeLevel.SELF_DECLARED, AgeLevel.VERIFIED)
_RANK = {level.value: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class AgeAssurance:
    """The age evidence on file for one subject.

    ``self_declared_age`` and ``verified_age`` are the highest thresholds each kind
    of check has proved (None when there is no approved check of that kind);
    ``declared_below`` is what the latest self-declaration says.
    """

    subject_ref: str
    level: str
    self_declared_age: int | None
    verified_age: int | None
    # The age the latest self-declaration says the subject is under: the next
    # threshold above the one it met, or the lowest for one declined; None when
    # nothing was declared or the highest threshold was met.
    declared_below: int | None = None

    def under(self, min_age: int | None) -> bool:
        """Whether the subject's latest own declaration puts them below ``min_age``.

        The latest counts, not the best: a shopper who now says they are 19 is
        not taken for 21 on an earlier answer. A provider's verification still
        proves its age (see ``satisfies``).
        """
        return (
            min_age is not None
            and self.declared_below is not None
            and self.declared_below <= min_age
        )

    @property
    def proved_age(self) -> int:
        """The highest age threshold the evidence stands for (0 for none): a
        provider's verification, or what the latest declaration met."""
        declared = self.self_declared_age or 0
        if self.declared_below is not None:
            declared = max(
                (t for t in SELF_DECLARED_THRESHOLDS if t < self.declared_below),
                default=0,
            )
        return max(declared, self.verified_age or 0)

    def satisfies(self, *, min_age: int | None, assurance: str = "none") -> bool:
        """Return True when the evidence meets an age at a required level.

        An age with assurance ``none`` still needs at least a self-declaration:
        a minimum age that nobody has even claimed is not met, nor one the latest
        declaration falls short of.
        """
        if not min_age and assurance == AgeLevel.NONE:
            return True
        needed = max(_RANK[assurance], _RANK[AgeLevel.SELF_DECLARED])
        proved = [self.verified_age]
        if needed <= _RANK[AgeLevel.SELF_DECLARED] and not self.under(min_age):
            proved.append(self.self_declared_age)
        return any(age is not None and age >= (min_age or 0) for age in proved)


def age_assurance_for(subject_ref: int | str) -> AgeAssurance:
    """Return the subject's age assurance from their checks (one query).

    Raises:
        InvalidSubjectError: ``subject_ref`` is neither a user id nor an email.
    """
    subject = subject_ref_normalise(subject_ref)
    rows = list(
        AgeVerification.objects.filter(
            subject_ref=subject, result__in=(AgeResult.APPROVED, AgeResult.DECLINED)
        )
        .order_by("created_at", "id")
        .values_list("level", "threshold", "result")
    )
    approved = [(level, t) for level, t, result in rows if result == AgeResult.APPROVED]
    self_declared = [t for level, t in approved if level == AgeLevel.SELF_DECLARED]
    verified = [t for level, t in approved if level == AgeLevel.VERIFIED]
    declarations = [
        (t, result) for level, t, result in rows if level == AgeLevel.SELF_DECLARED
    ]
    level = (
        AgeLevel.VERIFIED
        if verified
        else AgeLevel.SELF_DECLARED
        if self_declared
        else AgeLevel.NONE
    )
    return AgeAssurance(
        subject_ref=subject,
        level=str(level),
        self_declared_age=max(self_declared, default=None),
        verified_age=max(verified, default=None),
        declared_below=_declared_below(declarations[-1]) if declarations else None,
    )


def _declared_below(declaration: tuple[int, str]) -> int | None:
    threshold, result = declaration
    if result != AgeResult.APPROVED:
        return threshold
    return next((t for t in SELF_DECLARED_THRESHOLDS if t > threshold), None)


def age_verification_require(
    *, subject_ref: int | str, min_age: int | None, assurance: str
) -> AgeAssurance:
    """Check that the subject meets an age at the required assurance level.

    Returns:
        The subject's assurance, when it is enough.

    Raises:
        AgeVerificationRequiredError: it is not; ``data`` carries ``min_age`` and
            ``assurance`` so the caller can start the right check.
        InvalidSubjectError: ``subject_ref`` is neither a user id nor an email.
    """
    current = age_assurance_for(subject_ref)
    if not current.satisfies(min_age=min_age, assurance=assurance):
        if assurance == AgeLevel.VERIFIED:
            message = f"This product needs a verified age of {min_age} or over."
        else:
            message = f"Please confirm you are {min_age} or over."
        raise AgeVerificationRequiredError(
            message, min_age=min_age, assurance=assurance, level=current.level
        )
    return current


@dataclass(frozen=True)
class AgeCheckOutcome:
    """How the subject's latest provider check ended (never what it looked at)."""

    result: str
    threshold: int
    method: str
    provider: str
    decided_at: datetime

    @property
    def declined(self) -> bool:
        return self.result in (AgeResult.DECLINED, AgeResult.EXPIRED)


def age_verification_latest(subject_ref: int | str) -> AgeCheckOutcome | None:
    """The subject's most recent provider (verified-level) check, or None.

    Pending checks count: a shopper back from the provider sees "still checking".

    Raises:
        InvalidSubjectError: ``subject_ref`` is neither a user id nor an email.
    """
    subject = subject_ref_normalise(subject_ref)
    check = (
        AgeVerification.objects.filter(subject_ref=subject, level=AgeLevel.VERIFIED)
        .order_by("-created_at", "-id")
        .first()
    )
    if check is None:
        return None
    return AgeCheckOutcome(
        result=str(check.result),
        threshold=check.threshold,
        method=str(check.method),
        provider=check.provider,
        decided_at=check.verified_at or check.created_at,
    )
