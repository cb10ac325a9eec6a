"""Persistence: engine, typed models and small repository modules (SQLAlchemy 1.4, 2.0 style)."""
