"""Train the Rasa model only when its inputs changed.

The decision uses a content hash of everything that shapes the model (config,
domain, training data, the spaCy pipeline's config), not timestamps, so a fresh
clone, a `git checkout` or a touched file does not force a retrain.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bot.settings import MODEL_NAME, model_path

ROOT = Path(__file__).resolve().parents[2]
STAMP_NAME = ".training-hash.json"


def training_inputs(root: Path = ROOT) -> list[Path]:
    """Files whose content determines the trained model, in a stable order."""
    files = [root / "config.yml", root / "domain.yml"]
    files += sorted((root / "data").rglob("*.yml"))
    files += sorted((root / "models" / "spacy_en").glob("*.cfg"))
    return [f for f in files if f.is_file()]


def training_hash(root: Path = ROOT) -> str:
    """sha256 over the relative path and bytes of every training input."""
    digest = hashlib.sha256()
    for path in training_inputs(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def is_up_to_date(root: Path = ROOT) -> bool:
    """True when the model exists and was trained from the current inputs."""
    stamp = root / "models" / STAMP_NAME
    if not model_path(root).is_file() or not stamp.is_file():
        return False
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return False
    return recorded.get("hash") == training_hash(root)


def train(root: Path = ROOT, force: bool = False) -> bool:
    """Train if needed; return True when a training run happened."""
    if not force and is_up_to_date(root):
        print(f"Model {model_path(root).relative_to(root)} is up to date; skipping training.")
        return False
    current = training_hash(root)
    started = time.monotonic()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.rasa_runtime",
            "train",
            "--config",
            "config.yml",
            "--domain",
            "domain.yml",
            "--data",
            "data",
            "--out",
            "models",
            "--fixed-model-name",
            MODEL_NAME,
        ],
        cwd=root,
        env=env,
        check=True,
    )
    seconds = round(time.monotonic() - started, 1)
    (root / "models" / STAMP_NAME).write_text(json.dumps({"hash": current, "seconds": seconds}))
    print(f"Trained {model_path(root).relative_to(root)} in {seconds} s.")
    return True


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m devtools.tooling.training [--force] [--check]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="train even if nothing changed")
    parser.add_argument("--check", action="store_true", help="exit 1 if training is needed")
    args = parser.parse_args(argv)
    if args.check:
        return 0 if is_up_to_date() else 1
    train(force=args.force)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
