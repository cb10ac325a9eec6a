"""Dense sentence features for the NLU from all-MiniLM-L6-v2, run in numpy (no torch).

* :mod:`bot.nlu.minilm`: the model's forward pass (contextual word-piece vectors and the
  sentence-transformers sentence embedding).
* :mod:`bot.nlu.static_embeddings`: a static (model2vec-style) embedding distilled from it
  by ``scripts/distill_static_embeddings.py`` into ``bot/nlu/data/minilm_static_256.npz``.
* :mod:`bot.nlu.featurizer`: the Rasa graph component that adds either as dense features.
"""
