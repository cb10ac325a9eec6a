"""The blank English spaCy pipeline that SpacyNLP loads by path."""

from __future__ import annotations

import spacy

from devtools.tooling.spacy_pipeline import ensure_pipeline


def test_pipeline_builds_loads_and_lemmatises(tmp_path):
    path = ensure_pipeline(tmp_path / "spacy_en")
    nlp = spacy.load(path)
    assert nlp.pipe_names == ["lemmatizer"]
    lemmas = [t.lemma_ for t in nlp("She was taking the pills and thoughts kept coming")]
    assert lemmas[2:5] == ["take", "the", "pill"]
    assert "thought" in lemmas


def test_ensure_pipeline_is_idempotent(tmp_path):
    path = ensure_pipeline(tmp_path / "spacy_en")
    stamp = (path / "meta.json").stat().st_mtime_ns
    ensure_pipeline(path)
    assert (path / "meta.json").stat().st_mtime_ns == stamp


def test_rasa_spacy_nlp_accepts_the_path(tmp_path):
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    path = ensure_pipeline(tmp_path / "spacy_en")
    model = SpacyNLP.load_model(str(path))
    assert model.model("hello there")[0].text == "hello"
