"""Run Rasa's command line with every outbound call switched off.

Rasa 3.6 sends telemetry (Segment) unless ``RASA_TELEMETRY_ENABLED=false`` and
initialises Sentry error reporting from a key bundled in the package whatever
that variable says. This product makes no outbound calls, so every Rasa
invocation in the project (Makefile, ``intake run``, tests) goes through here.
"""

from __future__ import annotations

import os
import sys


def disable_phone_home() -> None:
    """Turn off Rasa telemetry and Sentry error reporting for this process and children."""
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    # Sentry's key is read from a file inside the package, so the only reliable
    # switch is to replace the functions rasa.__main__ calls through the module.
    import rasa.telemetry

    rasa.telemetry.initialize_error_reporting = lambda: None
    rasa.telemetry.sentry_write_key = lambda: None
    rasa.telemetry.initialize_telemetry = lambda: False


class _DirectCall:
    """Calls one traced prediction graph with a batch of arrays.

    A ``tf.function`` re-derives the type of every input on each call to pick its graph
    (about a third of TensorFlow's time per message here), although a fixed input signature
    admits exactly one. This converts the arrays to the signature's dtypes and calls that
    graph directly, after the same rank check.
    """

    def __init__(self, concrete):
        import tensorflow as tf

        self.concrete = concrete
        self.specs = concrete.structured_input_signature[0][0]
        self.convert = tf.convert_to_tensor

    def __call__(self, batch_in):
        if len(batch_in) != len(self.specs):
            raise TypeError(f"expected {len(self.specs)} inputs, got {len(batch_in)}")
        tensors = []
        for value, spec in zip(batch_in, self.specs, strict=True):
            tensor = self.convert(value, dtype=spec.dtype)
            if not spec.shape.is_compatible_with(tensor.shape):
                raise TypeError(f"input of shape {tensor.shape} does not fit {spec}")
            tensors.append(tensor)
        return self.concrete._call_flat(tensors, self.concrete.captured_inputs)


def load_tensorflow_models_for_inference() -> None:
    """Load DIET and ResponseSelector weights without a training step.

    Rasa 3.6 builds each TensorFlow model by fitting it on one example (tracing the whole
    gradient graph and allocating Adam's slot variables), then overwrites the weights.
    Profiling the server start put about 12 of its 25 seconds there, and the optimizer
    state in several hundred MB of memory. For prediction only, one eager prediction creates
    exactly the variables prediction uses; the trained weights are then restored into them
    and the prediction graph is traced once. Predictions are identical (tests compare both
    loaders on every training and held-out sentence). Fine-tuning keeps Rasa's path.
    """
    import tensorflow as tf
    from rasa.utils.tensorflow.models import RasaModel
    from rasa.utils.train_utils import create_data_generators

    if hasattr(RasaModel, "load_with_training_step"):
        return  # already in place
    RasaModel.load_with_training_step = RasaModel.__dict__["load"]  # Rasa's classmethod
    original = RasaModel.load.__func__

    def load(
        cls,
        model_file_name,
        model_data_example,
        predict_data_example=None,
        finetune_mode=False,
        *args,
        **kwargs,
    ):
        if finetune_mode or not predict_data_example:
            return original(
                cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
                *args, **kwargs,
            )  # fmt: skip
        model = cls(*args, **kwargs)
        model._run_eagerly = True
        model.run_inference(predict_data_example)  # creates the variables, traces nothing
        model.load_weights(model_file_name).expect_partial()  # optimizer state is not needed
        model._run_eagerly = False
        # Label embeddings were computed from the initial weights: recompute, then trace.
        model.prepared_for_prediction = False
        model.all_labels_embed = None
        # Rasa's predict steps have no tensor-dependent Python control flow, so the graph
        # can be traced without autograph's source rewriting (about 4 s of the start).
        generator, _ = create_data_generators(
            model_data=predict_data_example, batch_sizes=1, epochs=1, shuffle=False
        )
        model.prepare_for_predict()  # eagerly, so the graph captures the label embeddings
        model.prepared_for_prediction = True
        signature = model._dynamic_signature(next(iter(generator))[0])
        traced = tf.function(model.predict_step, input_signature=signature, autograph=False)
        model._tf_predict_step = _DirectCall(traced.get_concrete_function(*signature))
        model.run_inference(predict_data_example)
        return model

    RasaModel.load = classmethod(load)


def save_models_without_optimizer_state() -> None:
    """Write DIET and ResponseSelector checkpoints without Adam's slot variables.

    Rasa 3.6 saves the optimizer with the weights: two moment tensors per weight, two
    thirds of every checkpoint, which the model archive then compresses, and every server
    start decompresses, only for prediction that never reads them. Fine-tuning a model
    saved this way (``rasa train --finetune``) restarts Adam's moments from zero.
    """
    from rasa.utils.tensorflow.models import RasaModel

    if hasattr(RasaModel, "save_with_optimizer_state"):
        return
    RasaModel.save_with_optimizer_state = RasaModel.save

    def save(self, model_file_name, overwrite=True):
        children = type(self)._trackable_children

        def without_optimizer(save_type="checkpoint", **kwargs):
            found = children(self, save_type, **kwargs)
            return {name: child for name, child in found.items() if name != "optimizer"}

        # Bypasses Keras' attribute tracking, which would record the function as a layer.
        object.__setattr__(self, "_trackable_children", without_optimizer)
        try:
            self.save_weights(model_file_name, overwrite=overwrite, save_format="tf")
        finally:
            object.__delattr__(self, "_trackable_children")

    RasaModel.save = save


def share_spacy_models() -> None:
    """Load each spaCy pipeline once per process.

    Rasa's graph creates ``SpacyNLP`` twice when a model loads (and when it trains), and
    each reads the pipeline and its lemma lookup tables from disk again: about 2 s of the
    server start. The pipeline is only used to process text, so one instance serves both.
    """
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    if hasattr(SpacyNLP, "load_model_uncached"):
        return
    SpacyNLP.load_model_uncached = SpacyNLP.__dict__["load_model"]
    load_uncached = SpacyNLP.load_model
    loaded = {}

    def load_model(spacy_model_name):
        if spacy_model_name not in loaded:
            loaded[spacy_model_name] = load_uncached(spacy_model_name)
        return loaded[spacy_model_name]

    SpacyNLP.load_model = staticmethod(load_model)


# An optional import of TensorFlow 2.12 that this product never uses: JAX, only for
# converting JAX models to TF Lite. Importing it cost about 1.2 s of every Rasa start.
UNUSED_OPTIONAL_IMPORTS = ("jax", "jaxlib")


def import_channel_interfaces_only() -> None:
    """Make ``rasa.core.channels`` the channel interfaces alone, without every channel.

    The package's ``__init__`` imports all fifteen input channels and their SDKs (Telegram,
    Slack, Webex, Twilio, Socket.IO...): about 20 MB and a second of start-up in a process
    that takes its messages from the web app. Submodules still import as usual. Only for
    the app process (the Rasa CLI needs the channel list), before Rasa's core is imported.
    """
    import importlib
    import types
    from pathlib import Path

    if "rasa.core.channels" in sys.modules:
        return
    core = importlib.import_module("rasa.core")
    package = types.ModuleType("rasa.core.channels")
    package.__path__ = [str(Path(core.__path__[0]) / "channels")]
    sys.modules["rasa.core.channels"] = package
    channel = importlib.import_module("rasa.core.channels.channel")
    for name in ("InputChannel", "OutputChannel", "UserMessage", "CollectingOutputChannel"):
        setattr(package, name, getattr(channel, name))


def skip_unused_optional_imports() -> None:
    """Make the optional imports above fail fast, so their ``except ImportError`` path runs.

    Only for modules that are not imported yet; a ``None`` entry in ``sys.modules`` makes
    ``import`` raise ``ImportError``.
    """
    for name in UNUSED_OPTIONAL_IMPORTS:
        # typeshed types sys.modules' values as modules; None is Python's documented blocker.
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def main() -> None:
    """Entry point: ``python -m bot.rasa_runtime <rasa arguments>``."""
    disable_phone_home()
    # The benchmark's stock baseline runs Rasa as shipped, only without phoning home.
    if os.environ.get("INTAKE_STOCK_RASA") != "1":
        skip_unused_optional_imports()
        load_tensorflow_models_for_inference()
        save_models_without_optimizer_state()
        share_spacy_models()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()
