"""The Kubernetes manifests: `kubectl kustomize` renders the base and every overlay offline,
and the rendered objects agree with the app (settings names, routes, ports, user)."""

from __future__ import annotations

from ipaddress import ip_address
from pathlib import Path

import pytest
import yaml

from tests.deploy.conftest import ROOT, compose_env, find_tool, interpolation_default, run

K8S = ROOT / "deploy" / "k8s"
KUSTOMIZATIONS = [K8S / "base", *sorted(p for p in (K8S / "overlays").glob("*") if p.is_dir())]
SECRET_NAME = "kap-intake-secrets"


def _render(directory: Path) -> list[dict]:
    kubectl = find_tool("kubectl")
    if not kubectl:
        pytest.skip("kubectl not installed: `kubectl kustomize` renders the manifests offline")
    result = run([kubectl, "kustomize", str(directory)])
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="module", params=KUSTOMIZATIONS, ids=lambda p: p.relative_to(K8S).as_posix())
def rendered(request) -> list[dict]:
    return _render(request.param)


def _one(objects: list[dict], kind: str) -> dict:
    found = [o for o in objects if o["kind"] == kind]
    assert len(found) == 1, f"one {kind}, got {len(found)}"
    return found[0]


def _pod(objects) -> dict:
    return _one(objects, "Deployment")["spec"]["template"]["spec"]


def _containers(objects) -> list[dict]:
    pod = _pod(objects)
    return pod.get("initContainers", []) + pod["containers"]


def _app_container(objects) -> dict:
    containers = _pod(objects)["containers"]
    with_ports = [c for c in containers if c.get("ports")]
    assert len(with_ports) == 1, "one container serves the app"
    return with_ports[0]


def _config_env(objects, container) -> dict[str, str]:
    """What the container's envFrom ConfigMaps give it (the rendered, hash-suffixed names)."""
    maps = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ConfigMap"}
    env = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            name = source["configMapRef"]["name"]
            assert name in maps, f"envFrom names ConfigMap {name}, which is not rendered"
            env.update(maps[name].get("data", {}))
    return env


@pytest.fixture(scope="module")
def app_settings(rendered, settings_from, dockerfile):
    """The settings the app container sees: the image's environment, then its ConfigMap."""
    container = _app_container(rendered)
    return settings_from({**dockerfile.final.env(), **_config_env(rendered, container)})


@pytest.mark.parametrize("directory", KUSTOMIZATIONS, ids=lambda p: p.relative_to(K8S).as_posix())
def test_kubectl_kustomize_renders(directory):
    assert _render(directory), f"{directory} renders nothing"


def test_renders_the_objects_a_deployment_needs(rendered):
    kinds = {o["kind"] for o in rendered}
    assert {"Deployment", "Service", "ConfigMap", "PodDisruptionBudget"} <= kinds, kinds


def test_no_secret_values_are_committed(rendered, secret_setting_names):
    for obj in rendered:
        if obj["kind"] == "Secret":
            assert not obj.get("data") and not obj.get("stringData"), obj["metadata"]["name"]
        if obj["kind"] == "ConfigMap":
            leaked = set(obj.get("data", {})) & secret_setting_names
            assert not leaked, f"secrets in ConfigMap {obj['metadata']['name']}: {leaked}"


def test_secrets_are_references_to_one_secret(rendered, secret_setting_names):
    for container in _containers(rendered):
        for source in container.get("envFrom", []):
            if "secretRef" in source:
                assert source["secretRef"]["name"] == SECRET_NAME
        for entry in container.get("env", []):
            assert "value" not in entry or entry["name"] not in secret_setting_names, entry
            reference = entry.get("valueFrom", {}).get("secretKeyRef")
            if reference:
                assert reference["name"] == SECRET_NAME and reference["key"] == entry["name"]
        names = {
            e["name"] for e in container.get("env", []) if "secretKeyRef" in e.get("valueFrom", {})
        }
        for required in (
            "DATABASE_URL",
            "SESSION_SECRET",
            "DATA_ENCRYPTION_KEYS",
            "LOOKUP_HASH_KEY",
        ):
            assert required in names, f"{container['name']} gets no {required}"


def test_environment_names_real_settings_only(rendered, setting_names):
    for container in _containers(rendered):
        names = {e["name"] for e in container.get("env", [])}
        names |= set(_config_env(rendered, container))
        unknown = names - setting_names
        assert not unknown, f"{container['name']}: not settings of bot/settings.py: {unknown}"
    # Service links would add <SERVICE>_PORT=tcp://... variables (WEB_PORT for a "web" Service).
    assert _pod(rendered).get("enableServiceLinks") is False


def test_ports_match_the_settings_and_the_image(rendered, app_settings, dockerfile):
    container = _app_container(rendered)
    (port,) = container["ports"]
    assert port["containerPort"] == app_settings.web_port
    exposed = [p.split("/")[0] for i in dockerfile.final.all("EXPOSE") for p in i.words()]
    assert str(port["containerPort"]) in exposed
    assert ip_address(app_settings.web_host).is_unspecified
    service = _one(rendered, "Service")
    for service_port in service["spec"]["ports"]:
        assert service_port["targetPort"] in (port.get("name"), port["containerPort"])


def test_probes_call_real_routes_on_the_app_port(rendered, route_exists):
    container = _app_container(rendered)
    (port,) = container["ports"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert probe in container, f"no {probe}"
        get = container[probe]["httpGet"]
        assert route_exists(get["path"]), f"{probe}: {get['path']} is not a route of the app"
        assert get["port"] in (port.get("name"), port["containerPort"]), probe


def test_startup_allows_the_model_to_load(rendered):
    probe = _app_container(rendered)["startupProbe"]
    assert probe["periodSeconds"] * probe["failureThreshold"] >= 120


def test_selectors_match_the_pods(rendered):
    labels = _one(rendered, "Deployment")["spec"]["template"]["metadata"]["labels"]
    deployment = _one(rendered, "Deployment")["spec"]["selector"]["matchLabels"]
    service = _one(rendered, "Service")["spec"]["selector"]
    budget = _one(rendered, "PodDisruptionBudget")["spec"]["selector"]["matchLabels"]
    for selector in (deployment, service, budget):
        assert selector.items() <= labels.items(), selector


def test_disruption_budget_leaves_room_to_drain(rendered):
    replicas = _one(rendered, "Deployment")["spec"]["replicas"]
    budget = _one(rendered, "PodDisruptionBudget")["spec"]
    assert budget.get("minAvailable", 0) < replicas, "a drain could never evict a pod"
    assert budget.get("minAvailable", 1) >= 1 or budget.get("maxUnavailable")


def test_runs_as_the_image_user_with_a_read_only_root(rendered, dockerfile):
    from bot.settings import PROJECT_ROOT, VAR_DIR

    pod = _pod(rendered)
    uid = int(dockerfile.final.all("USER")[-1].args.split(":")[0])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == uid
    writable = {v["name"] for v in pod["volumes"] if "emptyDir" in v}
    var_dir = Path(dockerfile.final.workdir()) / VAR_DIR.relative_to(PROJECT_ROOT)
    for container in _containers(rendered):
        context = container["securityContext"]
        assert context["readOnlyRootFilesystem"] is True, container["name"]
        assert context["allowPrivilegeEscalation"] is False, container["name"]
        assert "ALL" in context["capabilities"]["drop"], container["name"]
        mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
        assert mounts.get("/tmp") in writable, f"{container['name']}: Rasa unpacks into /tmp"
    app_mounts = {m["mountPath"]: m["name"] for m in _app_container(rendered)["volumeMounts"]}
    assert app_mounts.get(str(var_dir)) in writable, f"{var_dir} (the spool) must be writable"


def test_resources_are_set(rendered):
    for container in _containers(rendered):
        resources = container.get("resources", {})
        assert resources.get("requests", {}).get("memory"), container["name"]
        assert resources.get("requests", {}).get("cpu"), container["name"]
        assert resources.get("limits", {}).get("memory"), container["name"]


def test_every_container_runs_the_app_image_and_a_real_command(rendered, compose):
    from bot.cli import build_parser

    built = next(s for s in compose["services"].values() if "build" in s)
    repository = interpolation_default(built["image"]).rsplit(":", 1)[0]
    images = {c["image"] for c in _containers(rendered)}
    assert len(images) == 1, images
    assert images.pop().rsplit(":", 1)[0].split("/")[-1] == repository.split("/")[-1]
    for container in _containers(rendered):
        if "command" in container:
            assert container["command"][0] == "intake"
            args = build_parser().parse_args(container["command"][1:] + container.get("args", []))
            assert getattr(args, "func", None), container["command"]


def test_settings_agree_with_compose_where_both_set_them(rendered, app_services):
    config = _config_env(rendered, _app_container(rendered))
    replica = next(s for s in app_services.values() if "command" not in s)
    env = compose_env(replica)
    for name in ("INTAKE_ENV", "REPLICAS", "WEB_HOST", "WEB_PORT", "COOKIE_SECURE"):
        assert config.get(name) == env.get(name), name
