"""Build the blank English spaCy pipeline that Rasa's SpacyNLP loads by path.

spaCy's pretrained English models download from GitHub, which this product's
machines cannot reach. A blank English pipeline with the lookup lemmatizer
(tables from the ``spacy-lookups-data`` package on PyPI) gives tokens and
lemmas, which is all the crisis matcher and the featurizers need.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "spacy_en"


def build_pipeline():
    """Return an initialised blank English pipeline with a lookup lemmatizer."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.meta["name"] = "intake_blank_lookup"
    nlp.meta["description"] = "Blank English tokenizer with lookup lemmas (spacy-lookups-data)"
    return nlp


def ensure_pipeline(path: Path = DEFAULT_PATH) -> Path:
    """Build the pipeline at ``path`` unless a complete one is already there."""
    if (path / "config.cfg").is_file() and (path / "meta.json").is_file():
        return path
    nlp = build_pipeline()
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m devtools.tooling.spacy_pipeline [--path DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    print(ensure_pipeline(args.path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
