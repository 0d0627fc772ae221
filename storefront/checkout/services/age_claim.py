"""A guest brings the age their account proved into a guest checkout.

An age check belongs to whoever did it; a guest's typed email proves nothing.
So the account's age carries to a guest checkout only when the guest shows they
read that account's mail: a six-digit code is emailed to the account's
confirmed address and must be typed into the same checkout within 15 minutes,
with five tries. Whoever typed someone else's address never sees the code; the
owner, who does, never holds the stranger's checkout.
"""

import hashlib
import hmac
import secrets

from django.core.cache import cache
from django.core.exceptions import ValidationError

from common.mail import email_queue
from compliance.age.services import age_verification_carry
from storefront.accounts.models import EmailConfirmation, User
from storefront.checkout.age import checkout_age_requirement
from storefront.checkout.models import Checkout
from storefront.checkout.services.base import Code, _invalid

CODE_TTL_SECONDS = 15 * 60
MAX_TRIES = 5
_WRONG = "That code is not right or has expired. Ask for a new one."


def _key(checkout: Checkout) -> str:
    return f"checkout:age-claim:{checkout.token}"


def _digest(code: str, checkout: Checkout) -> str:
    return hashlib.sha256(f"{checkout.token}:{code}".encode()).hexdigest()


def checkout_age_claim_send(*, checkout: Checkout) -> None:
    """Email a one-time code to the account that owns the checkout's email.

    Only an active account whose address is confirmed gets a code; the answer is
    the same either way, so the page does not tell who has an account.

    Raises:
        ValidationError: ``email`` when the guest has given none;
            ``age_verification`` when the checkout belongs to a signed-in
            customer (their account's age applies already).
    """
    if checkout.user_id:
        raise _invalid(
            "age_verification",
            "You are signed in: the age check of your account applies already.",
            Code.INVALID,
        )
    if not checkout.email:
        raise _invalid("email", "Enter your email address first.", Code.EMAIL_NOT_SET)
    owner = User.objects.filter(email__iexact=checkout.email, is_active=True).first()
    if owner is None or not EmailConfirmation.objects.filter(user=owner).exists():
        return
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(
        _key(checkout),
        {"digest": _digest(code, checkout), "user": owner.pk, "tries": 0},
        timeout=CODE_TTL_SECONDS,
    )
    email_queue(
        to=[owner.email],
        subject="Your code to use your verified age at Verdant Field",
        body=(
            "Someone asked to use the age check of your Verdant Field account "
            "for a cart that is not signed in.\n\n"
            f"If it was you, enter this code on the checkout page: {code}\n\n"
            "It works once, for 15 minutes. If it was not you, ignore this email: "
            "nothing changes without the code."
        ),
    )


def checkout_age_claim_confirm(*, checkout: Checkout, code: object) -> None:
    """Bring the account's age check into this guest checkout with the emailed code.

    Raises:
        ValidationError: ``age_code`` when the code is wrong, used, expired or
            tried too often.
    """
    entered = str(code or "").strip()
    pending = cache.get(_key(checkout))
    if not isinstance(pending, dict) or int(pending.get("tries", 0)) >= MAX_TRIES:
        raise _invalid("age_code", _WRONG, Code.INVALID)
    if not hmac.compare_digest(
        str(pending.get("digest", "")), _digest(entered, checkout)
    ):
        pending["tries"] = int(pending.get("tries", 0)) + 1
        cache.set(_key(checkout), pending, timeout=CODE_TTL_SECONDS)
        raise _invalid("age_code", _WRONG, Code.INVALID)
    # One use only, whatever happens next.
    cache.delete(_key(checkout))
    carried = age_verification_carry(
        from_ref=int(pending["user"]),
        to_ref=checkout_age_requirement(checkout).subject,
        actor_label="emailed code",
    )
    if carried is None:
        raise ValidationError(
            {
                "age_code": ValidationError(
                    "Your account has no age check to bring here yet; use the "
                    "steps below instead.",
                    code=Code.INVALID.value,
                )
            }
        )
