"""Checkout services, one module per job; import from the module itself."""
