"""Development tools, not part of the runtime package (``bot``, ``actions``).

``bench`` (load benchmark, ``make bench``), ``evaluation`` (``make evaluate``), ``stack`` (the
real processes on free ports, for tests and evaluations) and ``tooling`` (patched Rasa wheel,
spaCy pipeline, training; ``make install`` / ``make train``). Run from the repository root
with ``python -m devtools.<tool>``; ``bot/`` and ``actions/`` never import this package.
"""
