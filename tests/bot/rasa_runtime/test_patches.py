"""The Rasa patches: no phoning home, inference-only model loading, direct graph calls."""

from __future__ import annotations

import pytest

from bot.rasa_runtime import patches


def test_telemetry_and_error_reporting_are_off(monkeypatch):
    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "true")
    patches.disable_phone_home()
    import os

    import rasa.telemetry

    assert os.environ["RASA_TELEMETRY_ENABLED"] == "false"
    assert not rasa.telemetry.is_telemetry_enabled()
    assert rasa.telemetry.initialize_error_reporting() is None
    assert rasa.telemetry.sentry_write_key() is None


def test_inference_loader_predicts_exactly_like_rasas_loader(monkeypatch):
    """Same intents, FAQ answers and confidences on held-out and (a sample of) training text."""
    import asyncio

    from rasa.core.agent import load_agent
    from rasa.utils.tensorflow.models import RasaModel

    from bot.settings import PROJECT_ROOT
    from devtools.evaluation.nlu import DEFAULT_HELDOUT, read_examples
    from devtools.tooling.training import is_up_to_date, model_path

    if not is_up_to_date():
        pytest.skip("no trained model for the current data: run `make train`")
    texts = [text for text, _ in read_examples(DEFAULT_HELDOUT)]
    for path in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml")):
        texts += [text for text, _ in read_examples(path)][::6]

    async def predictions() -> list[tuple]:
        agent = await load_agent(model_path=str(model_path()))
        result = []
        for text in texts:
            parsed = await agent.parse_message(text)
            answer = (parsed.get("response_selector") or {}).get("faq", {}).get("response", {})
            result.append(
                (
                    parsed["intent"]["name"],
                    round(parsed["intent"]["confidence"], 6),
                    answer.get("intent_response_key"),
                    round(answer.get("confidence") or 0.0, 6),
                )
            )
        return result

    patches.load_tensorflow_models_for_inference()
    fast = RasaModel.__dict__["load"]
    monkeypatch.setattr(RasaModel, "load", RasaModel.__dict__["load_with_training_step"])
    expected = asyncio.run(predictions())
    monkeypatch.setattr(RasaModel, "load", fast)
    assert asyncio.run(predictions()) == expected
    assert len(expected) > 400


def test_direct_graph_call_matches_tf_function_and_checks_its_inputs():
    import numpy as np
    import tensorflow as tf

    signature = [[tf.TensorSpec([None, 3], tf.float32), tf.TensorSpec([None], tf.int64)]]

    def step(batch):
        features, ids = batch
        return {"total": tf.reduce_sum(features, axis=1) + tf.cast(ids, tf.float32)}

    traced = tf.function(step, input_signature=signature, autograph=False)
    direct = patches._DirectCall(traced.get_concrete_function(*signature))
    batch = (np.arange(6, dtype=np.float64).reshape(2, 3), np.array([10, 20]))
    assert direct(batch)["total"].numpy().tolist() == traced(batch)["total"].numpy().tolist()
    assert direct(batch)["total"].numpy().tolist() == [13.0, 32.0]
    with pytest.raises(TypeError, match="does not fit"):
        direct((np.zeros((2, 4), np.float32), np.array([1, 2])))
    with pytest.raises(TypeError, match="expected 2 inputs"):
        direct((np.zeros((2, 3), np.float32),))


def test_spacy_pipeline_is_read_from_disk_once_per_process():
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    from bot.settings import PROJECT_ROOT

    patches.share_spacy_models()
    name = str(PROJECT_ROOT / "models" / "spacy_en")
    first, second = SpacyNLP.load_model(name), SpacyNLP.load_model(name)
    assert first is second
    lemmas = [t.lemma_ for t in first.model("I was feeling hopeless")]
    assert lemmas == ["I", "be", "feel", "hopeless"]


def test_saved_checkpoint_holds_weights_but_no_optimizer_state(tmp_path):
    import numpy as np
    import tensorflow as tf
    from rasa.utils.tensorflow.models import RasaModel

    class Tiny(RasaModel):
        def __init__(self):
            super().__init__(random_seed=1)
            self.dense = tf.keras.layers.Dense(2)

        def call(self, inputs):
            return self.dense(inputs)

    def trained() -> Tiny:
        model = Tiny()
        model.compile(optimizer=tf.keras.optimizers.Adam())
        inputs = tf.ones((1, 3))
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(model(inputs))
        gradients = tape.gradient(loss, model.trainable_variables)
        model.optimizer.apply_gradients(zip(gradients, model.trainable_variables, strict=True))
        return model

    patches.save_models_without_optimizer_state()
    model = trained()
    model.save(str(tmp_path / "stripped"))
    RasaModel.save_with_optimizer_state(model, str(tmp_path / "full"))

    names = [name for name, _ in tf.train.list_variables(str(tmp_path / "stripped"))]
    full = [name for name, _ in tf.train.list_variables(str(tmp_path / "full"))]
    assert any("dense/kernel" in name for name in names)
    assert not [name for name in names if "optimizer" in name]
    assert [name for name in full if "optimizer" in name]  # Rasa's own save keeps it
    assert model.optimizer is not None and "_trackable_children" not in vars(model)

    restored = Tiny()
    restored(tf.zeros((1, 3)))
    restored.load_weights(str(tmp_path / "stripped")).expect_partial()
    probe = np.arange(3, dtype=np.float32).reshape(1, 3)
    assert np.array_equal(restored(probe).numpy(), model(probe).numpy())


def test_the_app_process_imports_the_channel_interfaces_without_every_channel():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from bot.rasa_runtime import patches\n"
        "patches.import_channel_interfaces_only()\n"
        "import rasa.core.agent\n"
        "from rasa.core.channels import CollectingOutputChannel, UserMessage\n"
        "from rasa.core.channels.channel import UserMessage as Same\n"
        "assert UserMessage is Same and CollectingOutputChannel\n"
        "print(sorted(m for m in ('rasa.core.channels.telegram', 'aiogram', 'socketio')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
