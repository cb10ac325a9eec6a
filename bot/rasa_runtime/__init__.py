"""Everything that plugs into Rasa: the patched server entry point, the tracker store, and
the two NLU components (the crisis detector and the contextual reply reader).

The product's decisions live elsewhere in ``bot/`` and know nothing of Rasa; this package
adapts them to Rasa's interfaces. Run the server with ``python -m bot.rasa_runtime``.
"""
