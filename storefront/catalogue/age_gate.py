"""The age gate: what a visitor has declared, and what that lets them see.

A category holding any product whose class has a minimum age in the visitor's
region, and the product page of such a product, first ask for a date of birth
(self-declared). The session keeps only "declared adult for age N" (the highest of
the compliance thresholds 18, 19, 21, 25 the visitor meets), never the date; an
under-age answer is remembered too, so the gate does not simply ask again.
Signed-in customers' declarations are also recorded through compliance.age, so
their checkout does not ask twice.

Everywhere else an age-restricted product can appear (search, the home page,
related products, article embeds) obeys the same answer: a visitor refused for
an age never sees the products that need it; one who has not answered sees that
an age-restricted product is there, without its name, price or picture.
"""

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from compliance.age.selectors import age_assurance_for
from compliance.product_classes import ProductClass
from compliance.regions import availability_decide

AGE_GATE_ADULT_KEY = "age_gate_adult_for"
AGE_GATE_REFUSED_KEY = "age_gate_refused_below"
AGE_THRESHOLDS = (18, 19, 21, 25)


class GateState(StrEnum):
    PASSED = "passed"
    REFUSED = "refused"
    ASK = "ask"


def age_gate_state(
    *,
    session: MutableMapping[str, Any],
    user: Any,
    min_age: int,
    known_age: int | None = None,
) -> GateState:
    """Whether the visitor has passed, was refused, or must be asked for ``min_age``.

    A signed-in customer's recorded age assurance counts as an answer and is
    remembered in the session; ``known_age`` passes it in when the caller has
    already read it (one query for many classes).
    """
    if (session.get(AGE_GATE_ADULT_KEY) or 0) >= min_age:
        return GateState.PASSED
    refused_below = session.get(AGE_GATE_REFUSED_KEY)
    if refused_below is not None and refused_below <= min_age:
        return GateState.REFUSED
    if getattr(user, "is_authenticated", False):
        best = known_age if known_age is not None else _recorded_age(user)
        if best >= min_age:
            session[AGE_GATE_ADULT_KEY] = best
            return GateState.PASSED
    return GateState.ASK


def _recorded_age(user: Any) -> int:
    # The same reading of the evidence as the checkout's: the latest declaration
    # counts, so "19" after an earlier "35" does not pass a gate for 21.
    return age_assurance_for(user.pk).proved_age


def age_gate_record(
    *, session: MutableMapping[str, Any], age: int, min_age: int
) -> GateState:
    """Remember a declared age against the gate for ``min_age``; return the outcome."""
    if age < min_age:
        session[AGE_GATE_REFUSED_KEY] = min_age
        return GateState.REFUSED
    session[AGE_GATE_ADULT_KEY] = max(t for t in AGE_THRESHOLDS if age >= t)
    session.pop(AGE_GATE_REFUSED_KEY, None)
    return GateState.PASSED


@dataclass(frozen=True)
class AgeVisibility:
    """Which regulated classes a visitor may not see (hidden) or sees masked."""

    hidden: frozenset[str]
    masked: frozenset[str]
    min_ages: dict[str, int]


def age_restricted_classes(*, region: str) -> dict[str, int]:
    """The regulated classes with a minimum age that ``region`` does not prohibit,
    with that age: only these put a gate before a page or hide a product."""
    restricted = {}
    for product_class in ProductClass.values:
        decision = availability_decide(product_class=product_class, region=region)
        if decision.decision != "prohibited" and decision.min_age:
            restricted[product_class] = decision.min_age
    return restricted


def age_visibility_for(
    *, session: MutableMapping[str, Any], user: Any, region: str
) -> AgeVisibility:
    """Decide, per regulated class, what the gate lets the visitor see in ``region``.

    Classes the region prohibits are left to the region rules (they are badged or
    refused there); only classes with a minimum age are judged here.
    """
    hidden, masked = set(), set()
    min_ages = age_restricted_classes(region=region)
    known_age: int | None = None
    for product_class, min_age in min_ages.items():
        if known_age is None and getattr(user, "is_authenticated", False):
            known_age = _recorded_age(user)
        state = age_gate_state(
            session=session, user=user, min_age=min_age, known_age=known_age
        )
        if state == GateState.REFUSED:
            hidden.add(product_class)
        elif state == GateState.ASK:
            masked.add(product_class)
    return AgeVisibility(frozenset(hidden), frozenset(masked), min_ages)


def products_apply_age_gate(
    *, products: Iterable[Any], visibility: AgeVisibility
) -> list[Any]:
    """Drop the products the visitor was refused; flag ``age_masked`` on the rest.

    ``product.age_masked`` is the minimum age to confirm before the card may show
    the product's name, price and picture, or None when it may show them.
    """
    shown = []
    for product in products:
        if product.regulated_class in visibility.hidden:
            continue
        product.age_masked = (
            visibility.min_ages[product.regulated_class]
            if product.regulated_class in visibility.masked
            else None
        )
        shown.append(product)
    return shown
