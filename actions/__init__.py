"""Custom actions for the Rasa action server: thin adapters over ``bot/``.

One module per concern; the action server imports every module in this package.
"""
