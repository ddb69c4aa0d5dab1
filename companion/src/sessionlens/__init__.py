"""Sessionlens companion: the server-side half of a Django session, read-only."""

__version__ = "0.1.0"
