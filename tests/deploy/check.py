#!/usr/bin/env python3
"""Static checks of the container image recipe and the Kubernetes manifests.

Reads Dockerfile, .dockerignore and every YAML file in deploy/, and checks that
they agree with each other and with how the binary behaves (port, /healthz,
graceful shutdown, non-root user). Renders deploy/ with `kubectl kustomize`
when kubectl is installed. Exits 1 if any check fails.

    python3 -m venv /tmp/deployvenv
    /tmp/deployvenv/bin/pip install -r tests/deploy/requirements.txt
    /tmp/deployvenv/bin/python tests/deploy/check.py
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"

HEALTH_PATH = "/healthz"
# actix-web's default graceful shutdown timeout: how long the binary may take
# to finish in-flight requests after SIGTERM.
SHUTDOWN_SECONDS = 30
DEBIAN_CODENAMES = {"bullseye": "11", "bookworm": "12", "trixie": "13"}


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.passed = 0

    def check(self, condition: bool, message: str) -> bool:
        """Record one assertion; `message` says what must hold."""
        if condition:
            self.passed += 1
            print(f"ok    {message}")
        else:
            self.failures.append(message)
            print(f"FAIL  {message}")
        return bool(condition)

    def fail(self, message: str) -> None:
        self.check(False, message)


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


# --------------------------------------------------------------------------
# Kubernetes manifests


@dataclass
class Manifest:
    path: Path
    doc: dict

    @property
    def kind(self) -> str:
        return self.doc.get("kind", "")

    @property
    def name(self) -> str:
        return (self.doc.get("metadata") or {}).get("name", "")

    def where(self) -> str:
        return f"{rel(self.path)} ({self.kind} {self.name or '?'})"


def load_manifests(c: Checks) -> tuple[list[Manifest], dict | None, dict[Path, int]]:
    """Every document in deploy/*.yaml; the kustomization separately."""
    manifests: list[Manifest] = []
    kustomization = None
    doc_counts: dict[Path, int] = {}
    files = sorted(p for p in DEPLOY.iterdir() if p.suffix in (".yaml", ".yml"))
    c.check(bool(files), "deploy/ contains YAML files")
    for path in files:
        try:
            docs = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
        except yaml.YAMLError as error:
            c.fail(f"{rel(path)} is valid YAML: {error}")
            continue
        c.check(
            all(isinstance(d, dict) for d in docs),
            f"{rel(path)}: every YAML document is a mapping",
        )
        docs = [d for d in docs if isinstance(d, dict)]
        doc_counts[path] = len(docs)
        if path.stem == "kustomization":
            kustomization = docs[0] if docs else {}
            continue
        for doc in docs:
            m = Manifest(path, doc)
            c.check(
                bool(doc.get("apiVersion")) and bool(m.kind) and bool(m.name),
                f"{rel(path)}: every document has apiVersion, kind and metadata.name",
            )
            c.check(
                "namespace" not in (doc.get("metadata") or {}),
                f"{m.where()} sets no metadata.namespace (the manifests are namespace-agnostic)",
            )
            manifests.append(m)
    return manifests, kustomization, doc_counts


def check_kustomization(c: Checks, kustomization: dict | None) -> None:
    if not c.check(kustomization is not None, "deploy/kustomization.yaml exists"):
        return
    listed = kustomization.get("resources") or []
    c.check(
        len(listed) == len(set(listed)),
        f"deploy/kustomization.yaml lists each resource once (lists {listed})",
    )
    on_disk = {
        p.name
        for p in DEPLOY.iterdir()
        if p.suffix in (".yaml", ".yml") and p.stem != "kustomization"
    }
    unlisted = sorted(on_disk - set(listed))
    missing = sorted(set(listed) - on_disk)
    c.check(
        not unlisted,
        f"deploy/kustomization.yaml lists every YAML file in deploy/ (not listed: {unlisted})",
    )
    c.check(
        not missing,
        f"every resource in deploy/kustomization.yaml exists in deploy/ (missing: {missing})",
    )


def only(c: Checks, manifests: list[Manifest], kind: str) -> Manifest | None:
    found = [m for m in manifests if m.kind == kind]
    if c.check(len(found) == 1, f"deploy/ has exactly one {kind} (found {len(found)})"):
        return found[0]
    return None


def named_ports(container: dict) -> dict[str, int]:
    return {
        p["name"]: p.get("containerPort")
        for p in container.get("ports") or []
        if isinstance(p, dict) and "name" in p
    }


def check_probe(c: Checks, where: str, kind: str, probe: dict | None, ports: dict[str, int],
                required: bool) -> None:
    if probe is None:
        if required:
            c.fail(f"{where}: has a {kind}")
        return
    http = probe.get("httpGet") or {}
    c.check(
        http.get("path") == HEALTH_PATH,
        f"{where}: {kind} is an httpGet on path {HEALTH_PATH} (is {http.get('path')!r})",
    )
    port = http.get("port")
    c.check(
        isinstance(port, str) and port in ports,
        f"{where}: {kind} uses a named container port that exists "
        f"(port {port!r}, container ports {sorted(ports)})",
    )


def probe_patience(probe: dict) -> int:
    """Seconds of failures before the probe gives up (Kubernetes defaults)."""
    return probe.get("periodSeconds", 10) * probe.get("failureThreshold", 3)


def effective(pod_ctx: dict, container_ctx: dict, key: str):
    """A securityContext field: the container's value wins over the pod's."""
    if key in container_ctx:
        return container_ctx[key]
    return pod_ctx.get(key)


@dataclass
class DeploymentFacts:
    name: str
    pod_labels: dict
    ports: dict[str, int]
    run_as_user: int | None
    sets_replicas: bool
    container_port: int | None = None


def check_deployment(c: Checks, m: Manifest) -> DeploymentFacts | None:
    where = m.where()
    spec = m.doc.get("spec") or {}
    template = spec.get("template") or {}
    pod_labels = (template.get("metadata") or {}).get("labels") or {}
    selector = (spec.get("selector") or {}).get("matchLabels") or {}
    c.check(bool(pod_labels), f"{where}: pod template has labels")
    c.check(
        pod_labels.get("app.kubernetes.io/name") == "closecodes",
        f"{where}: pod template is labelled app.kubernetes.io/name: closecodes",
    )
    c.check(
        bool(selector) and all(pod_labels.get(k) == v for k, v in selector.items()),
        f"{where}: spec.selector.matchLabels {selector} matches the pod template labels {pod_labels}",
    )
    strategy = spec.get("strategy") or {}
    rolling = strategy.get("rollingUpdate") or {}
    c.check(
        strategy.get("type", "RollingUpdate") == "RollingUpdate"
        and rolling.get("maxUnavailable") in (0, "0%"),
        f"{where}: rolling update with maxUnavailable 0, so rollouts never lower capacity",
    )

    pod = template.get("spec") or {}
    containers = pod.get("containers") or []
    if not c.check(len(containers) >= 1, f"{where}: pod has a container"):
        return None
    container = next((x for x in containers if x.get("name") == "closecodes"), containers[0])
    cwhere = f"{where} container {container.get('name')!r}"
    ports = named_ports(container)
    c.check(bool(ports), f"{cwhere}: declares at least one named port (has {ports})")

    check_probe(c, cwhere, "readinessProbe", container.get("readinessProbe"), ports, True)
    check_probe(c, cwhere, "livenessProbe", container.get("livenessProbe"), ports, True)
    check_probe(c, cwhere, "startupProbe", container.get("startupProbe"), ports, False)
    readiness, liveness = container.get("readinessProbe"), container.get("livenessProbe")
    if readiness and liveness:
        c.check(
            probe_patience(liveness) > probe_patience(readiness),
            f"{cwhere}: livenessProbe is less aggressive than readinessProbe "
            f"({probe_patience(liveness)} s vs {probe_patience(readiness)} s of failures), "
            "so a slow pod leaves the endpoints before it is restarted",
        )

    pre_stop = (container.get("lifecycle") or {}).get("preStop")
    pre_stop_seconds = 0
    if c.check(pre_stop is not None, f"{cwhere}: has a lifecycle.preStop hook (lets load balancers drain before SIGTERM)"):
        c.check(
            "exec" not in pre_stop,
            f"{cwhere}: preStop is not an exec hook (the distroless image has no shell or sleep binary; "
            "use the native `sleep` action)",
        )
        sleep = pre_stop.get("sleep") or {}
        pre_stop_seconds = sleep.get("seconds", 0)
        c.check(
            isinstance(pre_stop_seconds, int) and pre_stop_seconds > 0,
            f"{cwhere}: preStop sleeps a positive number of seconds (sleep.seconds is {sleep.get('seconds')!r})",
        )
    grace = pod.get("terminationGracePeriodSeconds", 30)
    c.check(
        isinstance(grace, int) and isinstance(pre_stop_seconds, int) and grace > pre_stop_seconds,
        f"{where}: terminationGracePeriodSeconds ({grace}) > preStop sleep ({pre_stop_seconds})",
    )
    c.check(
        isinstance(grace, int) and isinstance(pre_stop_seconds, int)
        and grace > pre_stop_seconds + SHUTDOWN_SECONDS,
        f"{where}: terminationGracePeriodSeconds ({grace}) > preStop ({pre_stop_seconds}) + "
        f"graceful shutdown ({SHUTDOWN_SECONDS}), so in-flight requests are not cut off by SIGKILL",
    )

    resources = container.get("resources") or {}
    requests = resources.get("requests") or {}
    limits = resources.get("limits") or {}
    c.check(
        bool(requests.get("cpu")) and bool(requests.get("memory")),
        f"{cwhere}: resources.requests sets cpu and memory (has {requests})",
    )
    c.check(bool(limits.get("memory")), f"{cwhere}: resources.limits sets memory (has {limits})")

    pod_ctx = pod.get("securityContext") or {}
    ctx = container.get("securityContext") or {}
    c.check(
        effective(pod_ctx, ctx, "runAsNonRoot") is True,
        f"{cwhere}: runAsNonRoot is true (pod or container securityContext)",
    )
    run_as_user = effective(pod_ctx, ctx, "runAsUser")
    c.check(
        run_as_user is None or (isinstance(run_as_user, int) and run_as_user != 0),
        f"{cwhere}: runAsUser is not 0 (is {run_as_user!r})",
    )
    c.check(ctx.get("allowPrivilegeEscalation") is False, f"{cwhere}: allowPrivilegeEscalation is false")
    c.check(ctx.get("readOnlyRootFilesystem") is True, f"{cwhere}: readOnlyRootFilesystem is true")
    dropped = (ctx.get("capabilities") or {}).get("drop") or []
    c.check("ALL" in dropped, f"{cwhere}: capabilities drop ALL (drops {dropped})")
    seccomp = (effective(pod_ctx, ctx, "seccompProfile") or {}).get("type")
    c.check(seccomp == "RuntimeDefault", f"{cwhere}: seccompProfile is RuntimeDefault (is {seccomp!r})")

    annotations = (template.get("metadata") or {}).get("annotations") or {}
    if "prometheus.io/port" in annotations:
        scrape_port = str(annotations["prometheus.io/port"])
        c.check(
            scrape_port in {str(p) for p in ports.values()},
            f"{where}: prometheus.io/port annotation ({scrape_port}) is a container port {sorted(ports.values())}",
        )

    return DeploymentFacts(
        name=m.name,
        pod_labels=pod_labels,
        ports=ports,
        run_as_user=run_as_user,
        sets_replicas="replicas" in spec,
    )


def check_service(c: Checks, m: Manifest, d: DeploymentFacts) -> set[str]:
    where = m.where()
    spec = m.doc.get("spec") or {}
    selector = spec.get("selector") or {}
    c.check(
        selector == d.pod_labels,
        f"{where}: selector {selector} equals the Deployment's pod labels {d.pod_labels}",
    )
    ports = spec.get("ports") or []
    c.check(bool(ports), f"{where}: has ports")
    targets = set()
    for port in ports:
        target = port.get("targetPort")
        targets.add(target)
        c.check(
            isinstance(target, str) and target in d.ports,
            f"{where}: port {port.get('port')} targets a named container port of the Deployment "
            f"(targetPort {target!r}, named ports {sorted(d.ports)})",
        )
    return targets


def check_hpa(c: Checks, m: Manifest, d: DeploymentFacts) -> int | None:
    where = m.where()
    c.check(m.doc.get("apiVersion") == "autoscaling/v2", f"{where}: apiVersion is autoscaling/v2")
    spec = m.doc.get("spec") or {}
    target = spec.get("scaleTargetRef") or {}
    c.check(
        target.get("kind") == "Deployment" and target.get("name") == d.name,
        f"{where}: scaleTargetRef is Deployment/{d.name} (is {target.get('kind')}/{target.get('name')})",
    )
    c.check(
        target.get("apiVersion") == "apps/v1",
        f"{where}: scaleTargetRef.apiVersion is apps/v1 (is {target.get('apiVersion')!r})",
    )
    low, high = spec.get("minReplicas", 1), spec.get("maxReplicas")
    c.check(isinstance(low, int) and low >= 2, f"{where}: minReplicas >= 2 (is {low})")
    c.check(
        isinstance(high, int) and isinstance(low, int) and high >= low,
        f"{where}: maxReplicas ({high}) >= minReplicas ({low})",
    )
    cpu = [
        x for x in spec.get("metrics") or []
        if x.get("type") == "Resource" and (x.get("resource") or {}).get("name") == "cpu"
    ]
    c.check(bool(cpu), f"{where}: scales on a cpu Resource metric")
    window = ((spec.get("behavior") or {}).get("scaleDown") or {}).get("stabilizationWindowSeconds")
    c.check(
        isinstance(window, int) and window > 0,
        f"{where}: behavior.scaleDown.stabilizationWindowSeconds is set (is {window!r})",
    )
    c.check(
        not d.sets_replicas,
        f"Deployment {d.name} sets no spec.replicas: the HPA owns the replica count, and a "
        "replicas value would reset it on every `kubectl apply`",
    )
    return low if isinstance(low, int) else None


def check_pdb(c: Checks, m: Manifest, d: DeploymentFacts, min_replicas: int | None) -> None:
    where = m.where()
    c.check(m.doc.get("apiVersion") == "policy/v1", f"{where}: apiVersion is policy/v1")
    spec = m.doc.get("spec") or {}
    selector = spec.get("selector") or {}
    c.check(
        selector.get("matchLabels") == d.pod_labels and not selector.get("matchExpressions"),
        f"{where}: selector.matchLabels {selector.get('matchLabels')} equals the Deployment's "
        f"pod labels {d.pod_labels}",
    )
    has_min, has_max = "minAvailable" in spec, "maxUnavailable" in spec
    c.check(has_min != has_max, f"{where}: sets exactly one of minAvailable and maxUnavailable")
    low = spec.get("minAvailable")
    if isinstance(low, int) and min_replicas is not None:
        c.check(
            low < min_replicas,
            f"{where}: minAvailable ({low}) < the HPA's minReplicas ({min_replicas}), "
            "so a node drain can evict a pod",
        )
    high = spec.get("maxUnavailable")
    if has_max:
        c.check(high not in (0, "0%"), f"{where}: maxUnavailable is not 0 (that would block drains)")


# --------------------------------------------------------------------------
# Dockerfile


@dataclass
class Stage:
    image: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)  # set by ENV, not ARG


def dockerfile_stages(text: str) -> list[Stage]:
    """The stages of a Dockerfile, with continuation lines joined, comments
    dropped and variables from ARG defaults and ENV substituted."""
    logical: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue  # comments, parser directives, and comment lines inside continuations
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        if current.strip():
            logical.append(current.strip())
        current = ""
    if current.strip():
        logical.append(current.strip())

    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    variables: dict[str, str] = {}

    def expand(value: str) -> str:
        return re.sub(
            r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?",
            lambda mm: variables.get(mm.group(1), mm.group(0)),
            value,
        )

    for line in logical:
        keyword, _, rest = line.partition(" ")
        keyword, rest = keyword.upper(), rest.strip()
        if keyword == "FROM":
            words = [w for w in rest.split() if not w.startswith("--")]
            variables = dict(global_args)
            image = expand(words[0]) if words else ""
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(image, name))
            continue
        if keyword == "ARG":
            for item in shlex.split(rest):
                key, eq, value = item.partition("=")
                if eq:
                    (variables if stages else global_args)[key] = expand(value)
                elif key in global_args:
                    variables[key] = global_args[key]
            if not stages:
                continue
        if not stages:
            continue
        if keyword == "ENV":
            items = shlex.split(rest)
            if items and "=" not in items[0]:  # legacy form: ENV KEY value...
                pairs = [(items[0], " ".join(items[1:]))]
            else:
                pairs = [item.partition("=")[::2] for item in items]
            for key, value in pairs:
                variables[key] = stages[-1].env[key] = expand(value)
            stages[-1].instructions.append(("ENV", rest))
            continue
        stages[-1].instructions.append((keyword, expand(rest)))
    return stages


def debian_version(image: str) -> str | None:
    for codename, version in DEBIAN_CODENAMES.items():
        if codename in image:
            return version
    found = re.search(r"debian(\d+)", image)
    return found.group(1) if found else None


@dataclass
class ImageFacts:
    port: int | None
    uid: int | None


def check_dockerfile(c: Checks) -> ImageFacts | None:
    if not c.check(DOCKERFILE.is_file(), "Dockerfile exists at the repository root"):
        return None
    stages = dockerfile_stages(DOCKERFILE.read_text())
    if not c.check(len(stages) >= 2, f"Dockerfile is multi-stage (has {len(stages)} stage(s))"):
        return None
    builder, final = stages[0], stages[-1]
    c.check(
        any(k == "RUN" and "cargo build" in v and "--release" in v and "--locked" in v
            for k, v in builder.instructions),
        "Dockerfile: the first stage runs `cargo build --release --locked`",
    )
    built, runs = debian_version(builder.image), debian_version(final.image)
    c.check(
        built is not None and built == runs,
        f"Dockerfile: build and runtime stages use the same Debian release, so glibc matches "
        f"({builder.image} -> Debian {built}, {final.image} -> Debian {runs})",
    )
    c.check(
        any(k == "COPY" and "--from=" in v for k, v in final.instructions),
        "Dockerfile: the final stage copies the binary from a build stage",
    )
    c.check(
        any(k == "ENTRYPOINT" for k, _ in final.instructions),
        "Dockerfile: the final stage has an ENTRYPOINT",
    )

    users = [v for k, v in final.instructions if k == "USER"]
    user = users[-1] if users else None
    uid_part = (user or "").split(":")[0]
    c.check(
        user is not None and uid_part not in ("", "0", "root"),
        f"Dockerfile: the final stage sets a non-root USER (is {user!r})",
    )
    uid = int(uid_part) if uid_part.isdigit() else None
    if uid is None and uid_part == "nonroot" and "distroless" in final.image:
        uid = 65532  # distroless images define nonroot as 65532

    bind = final.env.get("CLOSECODES_BIND")
    host, _, port_text = (bind or "").rpartition(":")
    c.check(
        host == "0.0.0.0" and port_text.isdigit(),
        f"Dockerfile: the final stage sets CLOSECODES_BIND=0.0.0.0:PORT (is {bind!r})",
    )
    port = int(port_text) if port_text.isdigit() else None
    exposed = set()
    for k, v in final.instructions:
        if k == "EXPOSE":
            for item in v.split():
                number = item.split("/")[0]
                if number.isdigit():
                    exposed.add(int(number))
    c.check(
        port is not None and port in exposed,
        f"Dockerfile: EXPOSE {sorted(exposed)} includes the CLOSECODES_BIND port ({port})",
    )
    return ImageFacts(port=port, uid=uid)


def check_dockerignore(c: Checks) -> None:
    if not c.check(DOCKERIGNORE.is_file(), ".dockerignore exists at the repository root"):
        return
    patterns = {
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for needed in ("target", ".git", ".venv"):
        c.check(
            needed in patterns or f"/{needed}" in patterns,
            f".dockerignore excludes {needed}/ from the build context",
        )
    c.check(
        "**/node_modules" in patterns or "tests" in patterns or "tests/browser/node_modules" in patterns,
        ".dockerignore excludes tests/browser/node_modules/ from the build context",
    )


# --------------------------------------------------------------------------
# kubectl kustomize


def check_kustomize_renders(c: Checks, listed_docs: int) -> None:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        print("skip  kubectl is not installed: not rendering deploy/ with `kubectl kustomize`")
        return
    try:
        result = subprocess.run(
            [kubectl, "kustomize", str(DEPLOY)],
            capture_output=True, text=True, timeout=120,
        )
    except subprocess.TimeoutExpired:
        c.fail("`kubectl kustomize deploy/` finishes within 120 s")
        return
    if not c.check(
        result.returncode == 0,
        f"`kubectl kustomize deploy/` succeeds (exit {result.returncode}: {result.stderr.strip()[:500]})",
    ):
        return
    rendered = [d for d in yaml.safe_load_all(result.stdout) if d is not None]
    c.check(
        len(rendered) == listed_docs,
        f"`kubectl kustomize deploy/` renders every listed document ({len(rendered)} of {listed_docs})",
    )


# --------------------------------------------------------------------------


def main() -> int:
    c = Checks()
    manifests, kustomization, doc_counts = load_manifests(c)
    check_kustomization(c, kustomization)

    image = check_dockerfile(c)
    check_dockerignore(c)

    deployment = only(c, manifests, "Deployment")
    facts = check_deployment(c, deployment) if deployment else None
    if facts:
        c.check(facts.name == "closecodes", f"the Deployment is named closecodes (is {facts.name!r})")
        service = only(c, manifests, "Service")
        if service:
            check_service(c, service, facts)
        hpa = only(c, manifests, "HorizontalPodAutoscaler")
        min_replicas = check_hpa(c, hpa, facts) if hpa else None
        pdb = only(c, manifests, "PodDisruptionBudget")
        if pdb:
            check_pdb(c, pdb, facts, min_replicas)
        if image:
            c.check(
                image.port is not None and image.port in facts.ports.values(),
                f"the image's port ({image.port}) is a containerPort of the Deployment "
                f"({sorted(facts.ports.values())})",
            )
            if image.uid is not None and facts.run_as_user is not None:
                c.check(
                    image.uid == facts.run_as_user,
                    f"the Deployment's runAsUser ({facts.run_as_user}) is the image's USER ({image.uid})",
                )

    if kustomization is not None:
        listed = set(kustomization.get("resources") or [])
        check_kustomize_renders(
            c, sum(n for p, n in doc_counts.items() if p.name in listed)
        )

    print()
    if c.failures:
        print(f"{len(c.failures)} check(s) failed, {c.passed} passed:")
        for message in c.failures:
            print(f"  - {message}")
        return 1
    print(f"all {c.passed} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
