"""The regulated classes a product can belong to.

The identifiers are fixed: products store them, the rule data keys legality on them,
and the ``compliance availability`` command accepts them. Add a class here and in the
rule data together.
"""

from django.db import models


class ProductClass(models.TextChoices):
    GENERAL = "general", "General (not regulated)"
    FUNCTIONAL_MUSHROOM = "functional_mushroom", "Functional mushroom"
    HERBAL = "herbal", "Herbal"
    CBD = "cbd", "CBD"
    KRATOM = "kratom", "Kratom"
    KAVA = "kava", "Kava"
    AMANITA_MUSCARIA = "amanita_muscaria", "Amanita muscaria"
    PSILOCYBIN_TRUFFLE = "psilocybin_truffle", "Psilocybin truffle"
    PSILOCYBIN_MUSHROOM = "psilocybin_mushroom", "Psilocybin mushroom"
    DELTA8_THC = "delta8_thc", "Delta-8 THC"
