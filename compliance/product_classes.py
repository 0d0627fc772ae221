"""The regulated classes a product can belong to.

The identifiers are fixed: products store them, the rule data keys legality on them,
and the ``compliance availability`` command accepts them. Add a class here and in the
rule data together.
"""

from django.db import models


class ProductClass(models.TextChoices):
    GENERAL = "general", "General (not regulated)"
    FUNCTIONAL_MUSHROOM = "functional_mushroom", "Functional mushroom"
    # Herbs with a history of food use (chamomile, peppermint, rooibos): ordinary
    # food law decides. Plants that need a decision per jurisdiction (novel foods,
    # plants on national restricted lists) are BOTANICAL and stay default-deny.
    HERBAL = "herbal", "Herbal food (teas, culinary herbs)"
    BOTANICAL = "botanical", "Botanical needing a decision (novel or restricted plant)"
    CBD = "cbd", "CBD"
    KRATOM = "kratom", "Kratom"
    KAVA = "kava", "Kava"
    AMANITA_MUSCARIA = "amanita_muscaria", "Amanita muscaria"
    PSILOCYBIN_TRUFFLE = "psilocybin_truffle", "Psilocybin truffle"
    PSILOCYBIN_MUSHROOM = "psilocybin_mushroom", "Psilocybin mushroom"
    DELTA8_THC = "delta8_thc", "Delta-8 THC"
