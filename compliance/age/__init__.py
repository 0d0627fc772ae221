"""Age assurance: levels none < self_declared < verified, checks and providers.

Import services from ``compliance.age.services`` and reads from
``compliance.age.selectors``; this package module itself stays free of the ORM.
"""

ASSURANCE_LEVELS = ("none", "self_declared", "verified")
