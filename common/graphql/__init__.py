"""Shared GraphQL machinery: scalars, Relay ids, connections, the base mutation."""
