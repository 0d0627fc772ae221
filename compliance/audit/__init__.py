"""The compliance audit log: every block, override, approval and verification."""
