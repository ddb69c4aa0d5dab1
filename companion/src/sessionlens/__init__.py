"""Sessionlens companion: the server-side half of a Django session, read-only."""
