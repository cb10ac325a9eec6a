"""KAP intake assistant: settings, persistence, web app, safety component and CLI."""

__version__ = "0.1.0"
