"""The compliance engine: claims, legality by region, age assurance, audit.

Public entry points (keyword-only; import from these modules):

- ``compliance.rules.rules_load()`` -> ``RuleSet`` (``.version``), from
  ``config/compliance/*.toml``.
- ``compliance.claims.claims_lint(text, *, regime, context="product")`` ->
  ``ClaimsReport``; ``claims_publish_check``, ``claims_override_grant``.
- ``compliance.regions.availability_decide(*, product_class, region, on_date=None)``
  -> ``RegionDecision``; ``region_label(region)``.
- ``compliance.age``: ``age_self_declare``, ``age_verification_start``,
  ``age_verification_record``, ``age_assurance_for``, ``age_verification_require``.
- ``compliance.audit.audit_record``; ``compliance.scan.ScanItem``.
- ``compliance.errors``: ``ComplianceErrorCode`` and the domain errors.

This package depends on nothing in ``storefront`` or ``content``.
"""
