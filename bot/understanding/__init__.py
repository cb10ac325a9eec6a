"""Reading what a visitor typed against what the assistant just asked.

Pure functions, no Rasa: :mod:`bot.understanding.steps` tells which step of the chat a
reply answers (from the buttons the assistant last offered), :mod:`bot.understanding.
typed_buttons` maps typed text to one of those buttons. The Rasa side
(``bot.rasa_runtime.context_reader``) calls them with the tracker it is given.
"""
