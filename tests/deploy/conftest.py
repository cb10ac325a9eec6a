"""Shared fixtures of the static deployment checks (Dockerfile, compose.yaml, deploy/).

No Docker engine runs on the development machines or in CI, so the artefacts are checked
against the code instead: the settings names come from :mod:`bot.settings` (recorded while
it reads the environment), the routes from the web app's route table, the ports from the
settings the artefacts' own environment produces, the install steps from the Makefile.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from unittest import mock

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SECRET_FIELD = re.compile(r"secret|password|token|key")


# ---- settings ---------------------------------------------------------------------------


class _RecordingEnviron(dict):
    """An ``os.environ`` stand-in that remembers every name read from it."""

    def __init__(self, values: dict[str, str] | None = None):
        super().__init__(values or {})
        self.read: set[str] = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)


class _OsWith:
    """The ``os`` module as bot/settings.py sees it, with another ``environ``."""

    def __init__(self, environ: dict[str, str]):
        self.environ = environ

    def __getattr__(self, name: str):
        return getattr(os, name)


def _load_settings_with(env: dict[str, str], tmp_root: Path):
    """``load_settings()`` seeing exactly ``env`` (no ``.env`` file); returns (settings, names).

    Only bot.settings' own reference to ``os`` is replaced: the process environment, which
    other threads may read meanwhile, is left alone.
    """
    import bot.settings

    environ = _RecordingEnviron(env)
    with (
        mock.patch.object(bot.settings, "os", _OsWith(environ)),
        mock.patch.object(bot.settings, "PROJECT_ROOT", tmp_root),
    ):
        settings = bot.settings.load_settings()
    return settings, frozenset(environ.read)


@pytest.fixture(scope="session")
def settings_root(tmp_path_factory) -> Path:
    """An empty directory standing in for the project root, so no ``.env`` is loaded."""
    return tmp_path_factory.mktemp("settings-root")


@pytest.fixture(scope="session")
def setting_names(settings_root) -> frozenset[str]:
    """Every environment variable bot/settings.py reads."""
    _settings, names = _load_settings_with({}, settings_root)
    assert "DATABASE_URL" in names and "WEB_PORT" in names  # the recorder works
    return names


@pytest.fixture(scope="session")
def secret_setting_names(setting_names) -> frozenset[str]:
    """Settings that hold secrets: the Settings fields named *secret/password/token/key*,
    and DATABASE_URL (its URL carries the database password)."""
    from bot.settings import Settings

    names = {f.name.upper() for f in fields(Settings) if SECRET_FIELD.search(f.name)}
    assert names <= setting_names, names - setting_names
    assert "SESSION_SECRET" in names and "DATA_ENCRYPTION_KEYS" in names
    return frozenset(names | {"DATABASE_URL"})


@pytest.fixture(scope="session")
def settings_from(settings_root):
    """``settings_from(env)``: the Settings an artefact's environment gives the app."""

    def build(env: dict[str, str]):
        return _load_settings_with({k: str(v) for k, v in env.items()}, settings_root)[0]

    return build


@pytest.fixture(scope="session")
def library_env() -> dict[str, str]:
    """Variables ``intake run`` sets for its children besides the settings (telemetry off...)."""
    from bot.cli.run import child_env
    from bot.settings import Settings

    return child_env(Settings())


# ---- the web app's routes ---------------------------------------------------------------


@pytest.fixture(scope="session")
def route_exists():
    """``route_exists(path, method="GET")``: True when the web app's route table serves it."""
    from starlette.routing import Match

    from bot.settings import Settings
    from bot.web.app import create_app

    app = create_app(Settings())

    def exists(path: str, method: str = "GET") -> bool:
        scope = {"type": "http", "path": path, "root_path": "", "method": method}
        return any(route.matches(scope)[0] == Match.FULL for route in app.routes)

    assert exists("/healthz") and not exists("/no-such-route-here")
    return exists


def url_path(url: str) -> str:
    """``http://host:port/path?q`` -> ``/path``."""
    match = re.match(r"^[a-z]+://[^/]+(/[^?#]*)?", url)
    assert match, url
    return match.group(1) or "/"


# ---- Makefile ----------------------------------------------------------------------------


@dataclass
class Makefile:
    """Variables and recipes of the project's Makefile (enough for these checks)."""

    variables: dict[str, str]
    recipes: dict[str, str]

    @classmethod
    def parse(cls, text: str) -> Makefile:
        text = text.replace("\\\n", " ")
        variables, recipes, target = {}, {}, None
        for line in text.splitlines():
            if line.startswith("\t") and target:
                recipes[target] += line.strip() + "\n"
                continue
            target = None
            if match := re.match(r"^(?:export\s+)?([A-Za-z_]+)\s*[:?]?=\s*(.*)$", line):
                variables[match.group(1)] = match.group(2).strip()
            elif match := re.match(r"^([A-Za-z_-]+):(?!=)", line):
                target = match.group(1)
                recipes[target] = ""
        return cls(variables, recipes)

    def modules_run(self, target: str) -> set[str]:
        """Python modules a target's recipe runs with ``$(PY) -m`` (pip excluded)."""
        return set(re.findall(r"\$\(PY\) -m ([\w.]+)", self.recipes[target])) - {"pip"}

    def requirement_files(self, target: str) -> set[str]:
        """Files a target installs with ``-r``."""
        return set(re.findall(r"-r\s+([^\s;]+)", self.recipes[target]))


@pytest.fixture(scope="session")
def makefile() -> Makefile:
    parsed = Makefile.parse((ROOT / "Makefile").read_text(encoding="utf-8"))
    assert "install" in parsed.recipes and "train" in parsed.recipes
    return parsed


# ---- Dockerfile ---------------------------------------------------------------------------


@dataclass
class Instruction:
    keyword: str
    args: str
    line: int

    def words(self) -> list[str]:
        return shlex.split(self.args)

    def flags_and_operands(self) -> tuple[dict[str, str], list[str]]:
        """``COPY --from=build a b`` -> ({"from": "build"}, ["a", "b"]); JSON form too."""
        flags, rest = {}, self.args.strip()
        while rest.startswith("--"):
            flag, _, rest = rest.partition(" ")
            name, _, value = flag[2:].partition("=")
            flags[name] = value
            rest = rest.strip()
        operands = json.loads(rest) if rest.startswith("[") else shlex.split(rest)
        return flags, operands


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def env(self) -> dict[str, str]:
        """The stage's ENV values (later ones win), ``$VAR`` references left as they are."""
        values: dict[str, str] = {}
        for instruction in self.all("ENV"):
            words = instruction.words()
            if words and "=" not in words[0]:  # legacy ``ENV KEY value``
                values[words[0]] = " ".join(words[1:])
                continue
            for word in words:
                key, _, value = word.partition("=")
                values[key] = value
        return values

    def workdir(self) -> str:
        workdirs = self.all("WORKDIR")
        return workdirs[-1].args.strip() if workdirs else "/"

    def run_text(self) -> str:
        return "\n".join(i.args for i in self.all("RUN"))

    def exec_form(self, keyword: str) -> list[str]:
        """The last ``CMD``/``ENTRYPOINT`` as an argv (exec form required)."""
        instruction = self.all(keyword)[-1]
        assert instruction.args.strip().startswith("["), f"{keyword} must use the exec form"
        return json.loads(instruction.args)


@dataclass
class Dockerfile:
    stages: list[Stage]
    global_args: dict[str, str]

    @classmethod
    def parse(cls, text: str) -> Dockerfile:
        logical: list[tuple[int, str]] = []
        buffer, start = "", 0
        for number, raw in enumerate(text.splitlines(), start=1):
            stripped = raw.strip()
            if not buffer and (not stripped or stripped.startswith("#")):
                continue
            if buffer and stripped.startswith("#"):
                continue  # a comment inside a continued instruction
            if not buffer:
                start = number
            if stripped.endswith("\\"):
                buffer += stripped[:-1] + " "
                continue
            logical.append((start, buffer + stripped))
            buffer = ""
        stages: list[Stage] = []
        global_args: dict[str, str] = {}
        for number, line in logical:
            keyword, _, args = line.partition(" ")
            keyword = keyword.upper()
            if keyword == "FROM":
                words = args.split()
                base = re.sub(
                    r"\$\{?(\w+)\}?", lambda m: global_args.get(m.group(1), m.group(0)), words[0]
                )
                name = words[2] if len(words) > 2 and words[1].upper() == "AS" else None
                stages.append(Stage(base, name))
            elif not stages:
                if keyword == "ARG":
                    key, _, value = args.strip().partition("=")
                    global_args[key] = value
            else:
                stages[-1].instructions.append(Instruction(keyword, args.strip(), number))
        return cls(stages, global_args)

    def stage(self, name: str) -> Stage:
        return next(s for s in self.stages if s.name == name)

    @property
    def final(self) -> Stage:
        return self.stages[-1]


@pytest.fixture(scope="session")
def dockerfile() -> Dockerfile:
    parsed = Dockerfile.parse((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    assert len(parsed.stages) >= 2, "the Dockerfile is multi-stage"
    return parsed


# ---- .dockerignore --------------------------------------------------------------------------


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regex (Docker's rules: ``**`` spans directories)."""
    out, i = "", 0
    while i < len(pattern):
        char = pattern[i]
        if char == "*":
            if pattern[i : i + 2] == "**":
                i += 2
                if pattern[i : i + 1] == "/":
                    i += 1
                    out += "(?:.*/)?"
                else:
                    out += ".*"
                continue
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[":
            end = pattern.index("]", i)
            out += pattern[i : end + 1].replace("[!", "[^")
            i = end
        elif char == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        else:
            out += re.escape(char)
        i += 1
    return re.compile(out)


@dataclass
class DockerIgnore:
    """Decides, as Docker does, whether a path of the build context is left out."""

    patterns: list[tuple[bool, re.Pattern[str]]]

    @classmethod
    def parse(cls, text: str) -> DockerIgnore:
        patterns = []
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            line = os.path.normpath(line.lstrip("!").strip()).lstrip("/")
            patterns.append((negated, _pattern_regex(line)))
        return cls(patterns)

    def excluded(self, path: str) -> bool:
        """True when ``path`` (relative, ``/``-separated) or a parent of it is excluded."""
        parts = path.strip("/").split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        result = False
        for negated, regex in self.patterns:
            if any(regex.fullmatch(prefix) for prefix in prefixes):
                result = not negated
        return result


@pytest.fixture(scope="session")
def dockerignore() -> DockerIgnore:
    return DockerIgnore.parse((ROOT / ".dockerignore").read_text(encoding="utf-8"))


# ---- compose and nginx ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def compose() -> dict:
    """compose.yaml, parsed (YAML merge keys resolved)."""
    document = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(document, dict) and isinstance(document.get("services"), dict)
    return document


@pytest.fixture(scope="session")
def app_services(compose) -> dict[str, dict]:
    """Services that run the app image: the one compose builds, and those sharing its image."""
    services = compose["services"]
    built = [s for s in services.values() if "build" in s]
    assert len(built) == 1, "exactly one service builds the image; the others reuse it"
    image = built[0]["image"]
    return {name: s for name, s in services.items() if s.get("image") == image}


def compose_env(service: dict) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.partition("=")[::2] for item in environment)
    return {key: "" if value is None else str(value) for key, value in environment.items()}


INTERPOLATED = "interpolated-value"


def interpolation_default(value: str) -> str:
    """``value`` as compose would make it with no variable set: ``${NAME:-default}`` gives
    ``default``; a required ``${NAME:?message}`` or plain ``${NAME}`` gives INTERPOLATED."""
    value = re.sub(r"\$\{\w+:?-([^}]*)\}", r"\1", value)
    return re.sub(r"\$\{\w+(?::?\?[^}]*)?\}", INTERPOLATED, value)


@dataclass
class NginxConf:
    text: str

    def directives(self, name: str) -> list[str]:
        """Arguments of every ``name ...;`` directive (comments removed)."""
        return re.findall(rf"(?m)^\s*{re.escape(name)}\s+([^;]*);", self.code)

    @property
    def code(self) -> str:
        return re.sub(r"(?m)#.*$", "", self.text)

    def upstream(self, name: str) -> str:
        match = re.search(rf"upstream\s+{re.escape(name)}\s*\{{(.*?)\}}", self.code, re.S)
        assert match, f"no upstream {name}"
        return match.group(1)

    def upstream_servers(self, name: str) -> list[tuple[str, int]]:
        servers = re.findall(r"(?m)^\s*server\s+([^\s:;]+):(\d+)", self.upstream(name))
        return [(host, int(port)) for host, port in servers]

    def map_block(self, variable: str) -> str:
        match = re.search(
            rf"map\s+(\S+)\s+\${re.escape(variable)}\s*\{{(.*?)\n\s*\}}", self.code, re.S
        )
        assert match, f"no map defines ${variable}"
        return match.group(1) + "\n" + match.group(2)


def nginx_regex(pattern: str) -> re.Pattern[str]:
    """An nginx (PCRE) regex of a map or location as a Python regex."""
    pattern = pattern.strip()
    if pattern.startswith('"') and pattern.endswith('"'):
        pattern = pattern[1:-1]
    pattern = pattern.removeprefix("~").removeprefix("*")
    return re.compile(pattern.replace("(?<", "(?P<").replace('\\"', '"'))


@pytest.fixture(scope="session")
def nginx_conf_path(compose) -> Path:
    """The nginx configuration compose.yaml mounts as /etc/nginx/nginx.conf."""
    for service in compose["services"].values():
        for volume in service.get("volumes") or []:
            source, _, target = str(volume).partition(":")
            if target.split(":")[0] == "/etc/nginx/nginx.conf":
                return (ROOT / source).resolve()
    raise AssertionError("no service mounts an nginx.conf")


@pytest.fixture(scope="session")
def nginx_conf(nginx_conf_path) -> NginxConf:
    return NginxConf(nginx_conf_path.read_text(encoding="utf-8"))


# ---- tools ----------------------------------------------------------------------------------


def find_tool(name: str) -> str | None:
    """A command on PATH or beside this interpreter (a tool installed into the venv)."""
    beside = Path(sys.executable).parent / name
    return shutil.which(name) or (str(beside) if beside.is_file() else None)


def run(argv: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False, **kwargs)
