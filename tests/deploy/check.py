#!/usr/bin/env python3
"""Checks of the container image recipe and the Kubernetes manifests.

Reads Dockerfile, .dockerignore and every YAML file in deploy/, and checks that
they agree with each other and with how the binary behaves (port, /healthz,
graceful shutdown, non-root user). For the lab router (every request of one
lab run to the same pod) it checks that the HTTPRoute, the router's nginx
configuration and the Services agree, then runs that configuration in the
local nginx (/usr/sbin/nginx; .ci/run installs nginx-light) with local
backends on 127.0.0.1 in place of the pods: all URL forms of a run reach one
backend, runs spread, and removing or adding a backend moves only the runs
that must move. Skipped, with a warning, only where nginx is not installed.
Renders deploy/ with `kubectl kustomize` when kubectl is installed. Exits 1 if
any check fails.

    python3 -m venv /tmp/deployvenv
    /tmp/deployvenv/bin/pip install -r tests/deploy/requirements.txt
    /tmp/deployvenv/bin/python tests/deploy/check.py
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import random
import re
import shlex
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

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
    generated = []
    for generator in kustomization.get("configMapGenerator") or []:
        for item in generator.get("files") or []:
            generated.append(str(item).rpartition("=")[2])
    c.check(
        all((DEPLOY / f).is_file() for f in generated),
        f"every configMapGenerator file in deploy/kustomization.yaml exists ({generated})",
    )
    others = sorted(
        p.name for p in DEPLOY.iterdir()
        if p.is_file() and p.suffix not in (".yaml", ".yml", ".md") and p.name not in generated
    )
    c.check(
        not others,
        f"deploy/kustomization.yaml uses every other file in deploy/ in a configMapGenerator "
        f"(unused: {others})",
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


def check_hardening(c: Checks, cwhere: str, pod: dict, container: dict):
    """Resources and the security context of one container; its runAsUser."""
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
    return run_as_user


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

    run_as_user = check_hardening(c, cwhere, pod, container)

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
# The lab router (lab-router.yaml, lab-router.nginx.conf, service-pods.yaml,
# httproute.yaml): every request of one lab run reaches the same pod.

ROUTER = "closecodes-lab-router"
HEADLESS = "closecodes-pods"
MAIN_SERVICE = "closecodes"
# nginx >= 1.27.3: `resolve` and `service=` on upstream servers in open source.
NGINX_MIN = (1, 27, 3)
# The binary's default CLOSECODES_WS_IDLE_TIMEOUT (src/configuration.rs).
WS_IDLE_SECONDS = 120
RUN_ALPHABET = string.ascii_letters + string.digits + "_-"
RUNS = 50
TIMEOUT = 5.0

# Every URL form of one run; {run} is the run id, {case} a case, {n} a number.
# `~` stands for the run's parameter among others (before and after it), so
# the forms are checked with the parameter in every position.
LAB_FORMS = {
    "socket": "/ws/lab/{case}?~run={run}",
    "autobahn runCase": "/ws/lab/autobahn/runCase?case={n}&~agent={run}",
    "autobahn runCase (agent first)": "/ws/lab/autobahn/runCase?~agent={run}&case={n}",
    "autobahn getCaseStatus": "/ws/lab/autobahn/getCaseStatus?case={n}&~agent={run}",
    "autobahn updateReports": "/ws/lab/autobahn/updateReports?~agent={run}",
    "JSON report": "/api/v1/lab/runs/{run}",
    "report page": "/lab/runs/{run}",
    "report page (vi)": "/vi/lab/runs/{run}",
}
# Lab requests that carry no run: any pod.
RUNLESS_FORMS = ["/ws/lab/autobahn/getCaseCount", "/ws/lab/autobahn/getCaseInfo?case={n}"]
# Paths that are not the lab's: the Gateway sends them to the normal Service.
NOT_LAB_PATHS = [
    "/", "/healthz", "/metrics", "/websocket/1000", "/vi/websocket/1009", "/ws/echo",
    "/api/v1/families", "/lab", "/vi/lab", "/api/v1/lab", "/ws/labs", "/lab/runsx/abc",
    "/vi/lab/runsx", "/ws/laboratory/x",
]


def by_name(c: Checks, manifests: list[Manifest], kind: str, name: str) -> Manifest | None:
    found = [m for m in manifests if m.kind == kind and m.name == name]
    if c.check(len(found) == 1, f"deploy/ has one {kind} named {name} (found {len(found)})"):
        return found[0]
    return None


def selects(selector: dict, labels: dict) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def pod_spec(m: Manifest) -> tuple[dict, dict]:
    template = (m.doc.get("spec") or {}).get("template") or {}
    return (template.get("metadata") or {}).get("labels") or {}, template.get("spec") or {}


# ---- nginx configuration: a small parser, enough to read the router's file.


@dataclass
class Directive:
    name: str
    args: list[str]
    block: list["Directive"] | None = None

    def find(self, name: str) -> list["Directive"]:
        return [d for d in self.block or [] if d.name == name]


def nginx_tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens: kind is 'word' or one of '{', '}', ';'."""
    tokens, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif ch in "{};":
            tokens.append((ch, ch))
            i += 1
        elif ch in "\"'":
            j, out = i + 1, []
            while j < n and text[j] != ch:
                if text[j] == "\\" and j + 1 < n:
                    out.append(text[j + 1] if text[j + 1] in "\"'\\" else text[j:j + 2])
                    j += 2
                    continue
                out.append(text[j])
                j += 1
            if j >= n:
                raise ValueError("unterminated quote")
            tokens.append(("word", "".join(out)))
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "{};\"'":
                if text.startswith("${", j) and "}" in text[j:]:
                    j = text.index("}", j)  # ${name}: a variable, not a block
                j += 1
            tokens.append(("word", text[i:j]))
            i = j
    return tokens


def nginx_parse(text: str) -> Directive:
    tokens = nginx_tokens(text)
    position = 0

    def block(depth: int) -> list[Directive]:
        nonlocal position
        out: list[Directive] = []
        words: list[str] = []
        while position < len(tokens):
            kind, value = tokens[position]
            position += 1
            if kind == "word":
                words.append(value)
            elif kind == ";":
                if not words:
                    raise ValueError("empty directive")
                out.append(Directive(words[0], words[1:]))
                words = []
            elif kind == "{":
                if not words:
                    raise ValueError("block without a name")
                out.append(Directive(words[0], words[1:], block(depth + 1)))
                words = []
            else:  # "}"
                if depth == 0 or words:
                    raise ValueError("unbalanced '}'")
                return out
        if depth or words:
            raise ValueError("unexpected end of file")
        return out

    return Directive("main", [], block(0))


def seconds(value: str) -> int | None:
    found = re.fullmatch(r"(\d+)(ms|s|m|h)?", value or "")
    if not found:
        return None
    return int(found.group(1)) * {"ms": 0, "s": 1, None: 1, "m": 60, "h": 3600}[found.group(2)]


def nginx_location(server: Directive, path: str) -> Directive | None:
    """The location nginx picks for `path` among exact and prefix locations
    (the router uses no regex locations; check_router asserts that)."""
    best, best_len = None, -1
    for loc in server.find("location"):
        if loc.args[:1] == ["="] and len(loc.args) == 2:
            if loc.args[1] == path:
                return loc
        elif len(loc.args) == 1 and path.startswith(loc.args[0]) and len(loc.args[0]) > best_len:
            best, best_len = loc, len(loc.args[0])
    return best


# ---- Gateway API: which backend an HTTPRoute picks for a path.


def route_backends(route: dict, path: str) -> list[dict] | None:
    """The backendRefs of the rule that wins for `path`: an Exact match over
    any prefix, then the longest PathPrefix (matched whole segment by whole
    segment), as the Gateway API specifies."""
    best, best_rank = None, None
    for rule in (route.get("spec") or {}).get("rules") or []:
        for match in rule.get("matches") or [{}]:
            spec = match.get("path") or {}
            kind, value = spec.get("type", "PathPrefix"), spec.get("value", "/")
            if kind == "Exact":
                hit, rank = path == value, (1, len(value))
            elif kind == "PathPrefix":
                stem = value.rstrip("/")
                hit = stem == "" or path == stem or path.startswith(stem + "/")
                rank = (0, len(stem))
            else:
                continue
            if hit and (best_rank is None or rank > best_rank):
                best, best_rank = rule.get("backendRefs") or [], rank
    return best


def sample_path(form: str, run: str = "R1-x_y", case: str = "1.2.3", n: int = 7) -> str:
    return form.replace("~", "").format(run=run, case=case, n=n).split("?")[0]


def service_port_numbers(m: Manifest) -> set[int]:
    return {p.get("port") for p in (m.doc.get("spec") or {}).get("ports") or []}


def check_httproute(c: Checks, manifests: list[Manifest], route: Manifest,
                    public_url: str | None) -> list[str]:
    """Static checks of httproute.yaml; returns the lab path prefixes."""
    where = route.where()
    doc = route.doc
    c.check(
        doc.get("apiVersion") == "gateway.networking.k8s.io/v1",
        f"{where}: apiVersion is gateway.networking.k8s.io/v1 (is {doc.get('apiVersion')!r})",
    )
    spec = doc.get("spec") or {}
    parents = spec.get("parentRefs") or []
    c.check(
        bool(parents) and all(p.get("name") for p in parents)
        and all(p.get("kind", "Gateway") == "Gateway" for p in parents),
        f"{where}: parentRefs names a Gateway (the cluster's; a placeholder set in an overlay)",
    )
    host = urlsplit(public_url or "").hostname
    c.check(
        spec.get("hostnames") in (None, [host]),
        f"{where}: hostnames {spec.get('hostnames')} is the host of CLOSECODES_PUBLIC_URL ({host!r})",
    )
    services = {m.name: m for m in manifests if m.kind == "Service"}
    for rule in spec.get("rules") or []:
        for ref in rule.get("backendRefs") or []:
            name, port = ref.get("name"), ref.get("port")
            c.check(
                ref.get("kind", "Service") == "Service" and ref.get("group", "") == ""
                and "namespace" not in ref and name in services
                and port in service_port_numbers(services[name]),
                f"{where}: backendRef {name}:{port} is a port of a Service in deploy/",
            )

    def goes_to(path: str) -> list[str]:
        return sorted(r.get("name") for r in route_backends(doc, path) or [])

    for label, form in LAB_FORMS.items():
        path = sample_path(form)
        c.check(goes_to(path) == [ROUTER], f"{where}: the lab's {label} ({path}) goes to {ROUTER} (goes to {goes_to(path)})")
    for form in RUNLESS_FORMS:
        path = sample_path(form)
        c.check(goes_to(path) == [ROUTER], f"{where}: {path} goes to {ROUTER} (goes to {goes_to(path)})")
    for path in NOT_LAB_PATHS:
        c.check(goes_to(path) == [MAIN_SERVICE], f"{where}: {path} goes to {MAIN_SERVICE} (goes to {goes_to(path)})")

    prefixes = []
    for rule in spec.get("rules") or []:
        if [r.get("name") for r in rule.get("backendRefs") or []] == [ROUTER]:
            for match in rule.get("matches") or []:
                prefixes.append((match.get("path") or {}).get("value", "/").rstrip("/") or "/")
    return prefixes


@dataclass
class RouterConf:
    text: str
    upstream: str
    variable: str
    listen_port: int


def check_router(c: Checks, manifests: list[Manifest], kustomization: dict,
                 app: Manifest, prefixes: list[str]) -> RouterConf | None:
    """Static checks of the router Deployment, Service, PDB, its nginx
    configuration and the headless Service it resolves."""
    deployment = by_name(c, manifests, "Deployment", ROUTER)
    service = by_name(c, manifests, "Service", ROUTER)
    headless = by_name(c, manifests, "Service", HEADLESS)
    pdb = by_name(c, manifests, "PodDisruptionBudget", ROUTER)
    if not deployment:
        return None
    app_labels, _ = pod_spec(app)
    labels, pod = pod_spec(deployment)
    where = deployment.where()
    spec = deployment.doc.get("spec") or {}
    c.check(
        selects((spec.get("selector") or {}).get("matchLabels") or {}, labels),
        f"{where}: spec.selector.matchLabels matches the pod template labels {labels}",
    )
    for m in manifests:
        selector = (m.doc.get("spec") or {}).get("selector") or {}
        selector = selector.get("matchLabels", selector) if m.kind != "Service" else selector
        if m.kind in ("Service", "Deployment", "PodDisruptionBudget") and m.name != ROUTER \
                and isinstance(selector, dict):
            c.check(
                not selects(selector, labels),
                f"{m.where()}: selector {selector} does not select the router's pods {labels}",
            )
    replicas = spec.get("replicas")
    c.check(isinstance(replicas, int) and replicas >= 2, f"{where}: replicas >= 2 (is {replicas!r})")
    c.check(
        ((spec.get("strategy") or {}).get("rollingUpdate") or {}).get("maxUnavailable") in (0, "0%"),
        f"{where}: rolling update with maxUnavailable 0",
    )
    containers = pod.get("containers") or []
    if not c.check(len(containers) == 1, f"{where}: pod has one container"):
        return None
    container = containers[0]
    cwhere = f"{where} container {container.get('name')!r}"
    check_hardening(c, cwhere, pod, container)
    c.check(pod.get("automountServiceAccountToken") is False, f"{where}: automountServiceAccountToken is false")
    ports = named_ports(container)
    check_probe(c, cwhere, "readinessProbe", container.get("readinessProbe"), ports, True)
    check_probe(c, cwhere, "livenessProbe", container.get("livenessProbe"), ports, True)

    # The image: the official nginx, new enough for `resolve` and `service=`.
    image = container.get("image", "")
    entries = [i for i in kustomization.get("images") or [] if i.get("name") == image]
    tag = str(entries[0].get("newTag", "")) if entries else image.partition(":")[2]
    version = tuple(int(x) for x in re.findall(r"\d+", tag.split("-")[0])[:3])
    c.check(
        image.split(":")[0].split("/")[-1] == "nginx" and bool(entries),
        f"{cwhere}: image is nginx, set by an `images:` entry in kustomization.yaml (image {image!r})",
    )
    if not (entries and entries[0].get("digest")):
        c.check(
            len(version) >= 2 and version + (99,) * (3 - len(version)) >= NGINX_MIN,
            f"{cwhere}: nginx tag {tag!r} is >= {'.'.join(map(str, NGINX_MIN))} "
            "(open-source nginx resolves upstream servers with `resolve` since then)",
        )

    # The configuration: the generated ConfigMap, mounted where the command reads it.
    generators = {g.get("name"): g for g in kustomization.get("configMapGenerator") or []}
    volumes = {v.get("name"): v for v in pod.get("volumes") or []}
    mounts = {m.get("name"): m for m in container.get("volumeMounts") or []}
    config_volumes = [n for n, v in volumes.items() if "configMap" in v]
    if not c.check(len(config_volumes) == 1, f"{where}: mounts one ConfigMap volume (has {config_volumes})"):
        return None
    config_name = volumes[config_volumes[0]]["configMap"].get("name")
    generator = generators.get(config_name)
    if not c.check(
        generator is not None,
        f"{where}: its ConfigMap {config_name!r} is made by kustomization.yaml's configMapGenerator "
        f"(generators: {sorted(generators)})",
    ):
        return None
    files = {}
    for item in generator.get("files") or []:
        key, eq, path = str(item).partition("=")
        files[key if eq else Path(key).name] = path if eq else key
    mount = mounts.get(config_volumes[0]) or {}
    command = " ".join(container.get("command") or []) + " " + " ".join(container.get("args") or [])
    reads = re.search(r"<\s*(\S+)", command)
    read_path = reads.group(1) if reads else ""
    key = read_path.removeprefix(str(mount.get("mountPath", "")).rstrip("/") + "/")
    c.check(
        bool(mount.get("mountPath")) and read_path.startswith(mount.get("mountPath", "") + "/") and key in files,
        f"{cwhere}: the command reads the template from the ConfigMap's mount "
        f"(reads {read_path!r}; mounted at {mount.get('mountPath')!r}; keys {sorted(files)})",
    )
    if key not in files or not (DEPLOY / files[key]).is_file():
        c.fail(f"the router's nginx configuration file exists in deploy/ (key {key!r})")
        return None
    conf_path = DEPLOY / files[key]
    text = conf_path.read_text()
    cwhere_conf = rel(conf_path)

    # envsubst: every ${VAR} of the template is listed, and set in the container.
    placeholders = set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", text))
    envsubst = re.search(r"envsubst\s+'([^']*)'", command)
    listed = set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", envsubst.group(1))) if envsubst else set()
    env = {e.get("name"): e for e in container.get("env") or []}
    c.check(
        bool(envsubst) and listed == placeholders,
        f"{cwhere}: envsubst fills in exactly the template's placeholders, leaving nginx's "
        f"$variables alone (lists {sorted(listed)}, template has {sorted(placeholders)})",
    )
    c.check(
        placeholders <= set(env),
        f"{cwhere}: every placeholder is an env var of the container (missing {sorted(placeholders - set(env))})",
    )
    ns = ((env.get("POD_NAMESPACE") or {}).get("valueFrom") or {}).get("fieldRef") or {}
    c.check(
        ns.get("fieldPath") == "metadata.namespace",
        f"{cwhere}: POD_NAMESPACE comes from the downward API (metadata.namespace)",
    )
    writes = re.search(r">\s*(\S+)", command)
    runs = re.search(r"exec nginx\b.*?-c\s+(\S+)", command)
    written = writes.group(1) if writes else ""
    c.check(
        bool(runs) and runs.group(1) == written,
        f"{cwhere}: nginx runs the file envsubst writes ({written!r})",
    )
    empty_dirs = [str(mounts[n].get("mountPath", "")).rstrip("/") + "/"
                  for n, v in volumes.items() if "emptyDir" in v and n in mounts]

    def writable(path: str) -> bool:
        return any(path.startswith(d) for d in empty_dirs)

    c.check(writable(written), f"{cwhere}: {written} is on an emptyDir (the root filesystem is read-only)")
    c.check(
        writable("/var/cache/nginx/"),
        f"{cwhere}: /var/cache/nginx (the image's temp directories) is an emptyDir (has {empty_dirs})",
    )

    try:
        conf = nginx_parse(text)
    except ValueError as error:
        c.fail(f"{cwhere_conf} parses as nginx configuration: {error}")
        return None
    c.check(conf.find("daemon") and conf.find("daemon")[0].args == ["off"],
            f"{cwhere_conf}: daemon off (nginx stays PID 1 and gets the stop signal)")
    pid = conf.find("pid")
    c.check(bool(pid) and writable(pid[0].args[0]), f"{cwhere_conf}: the pid file is on an emptyDir")
    c.check(not conf.find("user"), f"{cwhere_conf}: sets no `user` (nginx runs as non-root)")
    shutdown = seconds((conf.find("worker_shutdown_timeout") or [Directive("", ["0"])])[0].args[0])
    grace = pod.get("terminationGracePeriodSeconds", 30)
    pre_stop = (((container.get("lifecycle") or {}).get("preStop") or {}).get("sleep") or {}).get("seconds", 0)
    c.check(
        bool(shutdown) and isinstance(grace, int) and grace > pre_stop + shutdown,
        f"{where}: terminationGracePeriodSeconds ({grace}) > preStop ({pre_stop}) + nginx's "
        f"worker_shutdown_timeout ({shutdown}), so open WebSockets are closed before SIGKILL",
    )
    http = conf.find("http")
    if not c.check(len(http) == 1, f"{cwhere_conf}: has one http block"):
        return None
    http = http[0]
    c.check(bool(http.find("resolver")), f"{cwhere_conf}: sets a resolver (nginx resolves `resolve` servers itself)")
    c.check(
        any("kube-dns.kube-system" in a for r in http.find("resolver") for a in r.args),
        f"{cwhere_conf}: the resolver is the cluster DNS (kube-dns.kube-system)",
    )

    # The upstream: a consistent hash on the variable the map sets.
    upstreams = http.find("upstream")
    if not c.check(len(upstreams) == 1, f"{cwhere_conf}: has one upstream"):
        return None
    upstream = upstreams[0]
    hashes = upstream.find("hash")
    variable = hashes[0].args[0] if hashes and hashes[0].args else ""
    c.check(
        len(hashes) == 1 and hashes[0].args[1:] == ["consistent"],
        f"{cwhere_conf}: upstream {upstream.args[0]} uses `hash ... consistent` (has {[h.args for h in hashes]})",
    )
    maps = [m for m in http.find("map") if len(m.args) == 2 and m.args[1] == variable]
    c.check(
        len(maps) == 1,
        f"{cwhere_conf}: the hash key {variable!r} is the variable a `map` sets",
    )
    if maps:
        c.check(
            any(d.name == "default" for d in maps[0].block or []),
            f"{cwhere_conf}: the map of {variable} has a default (requests without a run)",
        )
    c.check(bool(upstream.find("zone")), f"{cwhere_conf}: upstream has a shared `zone` (needed by `resolve`)")
    servers = upstream.find("server")
    if c.check(len(servers) == 1, f"{cwhere_conf}: upstream has one server (the headless Service)"):
        args = servers[0].args
        params = set(args[1:])
        host = args[0] if args else ""
        c.check(
            host == f"{HEADLESS}.${{POD_NAMESPACE}}.svc.${{CLUSTER_DOMAIN}}",
            f"{cwhere_conf}: the server is the headless Service {HEADLESS} by its full DNS name (is {host!r})",
        )
        c.check("resolve" in params, f"{cwhere_conf}: the server has `resolve` (follows the pods as they change)")
        service_param = next((p[8:] for p in params if p.startswith("service=")), None)
        c.check(
            service_param is not None,
            f"{cwhere_conf}: the server has `service=` (SRV records: nginx places a server on the hash "
            "ring by its name, so the pods behind one A-record name would share one place and take "
            "a run's requests in turn)",
        )
        weight = next((p[7:] for p in params if p.startswith("weight=")), "1")
        c.check(
            weight != "1",
            f"{cwhere_conf}: the server sets a weight other than 1 (with 1 nginx takes each pod's weight "
            "from its SRV record, 100/n from CoreDNS, and every scale would re-cut the ring)",
        )
        if headless:
            hspec = headless.doc.get("spec") or {}
            hports = {p.get("name"): p for p in hspec.get("ports") or []}
            c.check(hspec.get("clusterIP") == "None", f"{headless.where()}: clusterIP is None (headless)")
            c.check(
                hspec.get("selector") == app_labels,
                f"{headless.where()}: selector equals the closecodes pod labels {app_labels}",
            )
            c.check(
                not hspec.get("publishNotReadyAddresses"),
                f"{headless.where()}: publishes ready pods only",
            )
            _, app_pod = pod_spec(app)
            app_ports = {}
            for cont in app_pod.get("containers") or []:
                app_ports.update(named_ports(cont))
            hp = hports.get(service_param) or {}
            c.check(
                bool(hp) and hp.get("protocol", "TCP") == "TCP" and hp.get("targetPort") in app_ports,
                f"{headless.where()}: has a TCP port named {service_param!r} (the SRV service "
                f"_{service_param}._tcp) targeting a named container port of closecodes "
                f"(ports {sorted(hports)})",
            )
            c.check(
                hp.get("port") == app_ports.get(hp.get("targetPort")),
                f"{headless.where()}: port {hp.get('port')} is the container port it targets",
            )

    # The server block: listens on the container port, proxies the route's prefixes.
    server_blocks = http.find("server")
    if not c.check(len(server_blocks) == 1, f"{cwhere_conf}: has one server block"):
        return None
    server = server_blocks[0]
    listens = server.find("listen")
    listen_port = int(listens[0].args[0]) if len(listens) == 1 and listens[0].args[0].isdigit() else None
    c.check(
        listen_port is not None and listen_port == ports.get("http"),
        f"{cwhere_conf}: listens on the container port `http` ({listen_port} vs {ports.get('http')})",
    )
    if service:
        sports = (service.doc.get("spec") or {}).get("ports") or []
        c.check(
            selects((service.doc.get("spec") or {}).get("selector") or {}, labels),
            f"{service.where()}: selector selects the router's pods {labels}",
        )
        c.check(
            bool(sports) and all(p.get("targetPort") in ports for p in sports),
            f"{service.where()}: targets a named container port of the router ({sorted(ports)})",
        )
    if pdb:
        pspec = pdb.doc.get("spec") or {}
        c.check(
            selects((pspec.get("selector") or {}).get("matchLabels") or {}, labels)
            and not (pspec.get("selector") or {}).get("matchExpressions"),
            f"{pdb.where()}: selector selects the router's pods",
        )
        low = pspec.get("minAvailable")
        c.check(
            isinstance(low, int) and isinstance(replicas, int) and low < replicas,
            f"{pdb.where()}: minAvailable ({low}) < replicas ({replicas}), so a drain can evict one",
        )
    locations = server.find("location")
    c.check(
        all(l.args[:1] == ["="] or len(l.args) == 1 for l in locations),
        f"{cwhere_conf}: uses only exact and prefix locations",
    )
    target = f"http://{upstream.args[0]}"

    def proxies(path: str) -> bool:
        loc = nginx_location(server, path)
        return loc is not None and any(p.args == [target] for p in loc.find("proxy_pass"))

    for prefix in prefixes:
        c.check(
            proxies(prefix) and proxies(prefix + "/x"),
            f"{cwhere_conf}: the HTTPRoute's lab prefix {prefix} is proxied to {target}",
        )
    for label, form in LAB_FORMS.items():
        c.check(proxies(sample_path(form)), f"{cwhere_conf}: the lab's {label} is proxied to {target}")
    health = nginx_location(server, "/healthz")
    c.check(
        health is not None and health.args == ["=", "/healthz"]
        and any(r.args[:1] == ["200"] for r in health.find("return")),
        f"{cwhere_conf}: answers its probe path /healthz itself with 200",
    )
    headers = {d.args[0].lower(): d.args[1:] for d in server.find("proxy_set_header")}
    c.check(server.find("proxy_http_version") and server.find("proxy_http_version")[0].args == ["1.1"],
            f"{cwhere_conf}: proxies with HTTP/1.1 (needed for WebSocket upgrades)")
    c.check(headers.get("upgrade") == ["$http_upgrade"], f"{cwhere_conf}: passes the Upgrade header on")
    connection = (headers.get("connection") or [""])[0]
    c.check(
        any(len(m.args) == 2 and m.args[1] == connection and m.args[0] == "$http_upgrade"
            for m in http.find("map")),
        f"{cwhere_conf}: sets Connection from a map of $http_upgrade ({connection!r})",
    )
    for name in ("host", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"):
        c.check(name in headers, f"{cwhere_conf}: sets the {name} header for the pods")
    ws = nginx_location(server, "/ws/lab/x")
    read = seconds(((ws.find("proxy_read_timeout") if ws else []) or server.find("proxy_read_timeout")
                    or [Directive("", ["60s"])])[0].args[0])
    c.check(
        read is not None and read > WS_IDLE_SECONDS,
        f"{cwhere_conf}: proxy_read_timeout for /ws/lab ({read} s) is longer than the binary's idle "
        f"timeout ({WS_IDLE_SECONDS} s), so the binary, not the router, closes idle sockets",
    )
    if listen_port is None:
        return None
    return RouterConf(text=text, upstream=upstream.args[0], variable=variable, listen_port=listen_port)


# ---- Functional: the real configuration in the local nginx, three backends.


class Backend:
    """A tiny HTTP server on 127.0.0.1 that answers with its own name, the
    request's path and the headers the router set; it completes WebSocket
    handshakes and then echoes one line prefixed with its name."""

    def __init__(self, name: str) -> None:
        self.name = name
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms delayed-ACK stall per answer

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                self.connection.settimeout(TIMEOUT)
                if self.headers.get("Upgrade", "").lower() == "websocket":
                    key = self.headers.get("Sec-WebSocket-Key", "")
                    accept = base64.b64encode(hashlib.sha1(
                        (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
                    self.send_response(101)
                    self.send_header("Upgrade", "websocket")
                    self.send_header("Connection", "Upgrade")
                    self.send_header("Sec-WebSocket-Accept", accept)
                    self.send_header("X-Backend", outer.name)
                    self.send_header("X-Saw-Connection", self.headers.get("Connection", ""))
                    self.end_headers()
                    self.wfile.flush()
                    line = self.rfile.readline(200)
                    self.wfile.write(f"{outer.name} {line.decode(errors='replace')}".encode())
                    self.wfile.flush()
                    self.close_connection = True
                    return
                body = json.dumps({
                    "backend": outer.name,
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                }).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def local_conf(conf: RouterConf, backends: list[Backend], port: int, work: Path,
               nginx_version: str) -> str:
    """The router's configuration with the cluster replaced by this machine:
    the resolve server by one server line per backend, no resolver, listening
    on a loopback port, pid and temp files in `work`. Each replacement must
    match exactly once, so a changed file cannot silently test something else."""
    text = conf.text
    for name, value in (("POD_NAMESPACE", "check"), ("CLUSTER_DOMAIN", "cluster.local")):
        text = text.replace("${" + name + "}", value)

    def once(pattern: str, replace, flags=re.M) -> None:
        nonlocal text
        text, count = re.subn(pattern, replace, text, flags=flags)
        if count != 1:
            raise ValueError(f"expected one match of {pattern!r}, found {count}")

    def servers(found: re.Match) -> str:
        # Keep the server's other parameters (weight, max_fails); drop the
        # ones open-source nginx 1.22 does not have.
        params = [p for p in found.group(2).split() if p != "resolve" and not p.startswith("service=")]
        return "".join(
            f"{found.group(1)}server 127.0.0.1:{b.port} {' '.join(params)};\n" for b in backends
        )

    once(r"^(\s*)server\s+\S+\.svc\.\S+((?:\s+[^;\s]+)*)\s*;\n", servers)
    once(r"^\s*resolver\s[^;]*;\n", "")
    once(rf"^(\s*)listen\s+{conf.listen_port}\s*;", rf"\g<1>listen 127.0.0.1:{port};")
    once(r"^pid\s+[^;]+;", f"pid {work}/nginx.pid;")
    temp = [f"client_body_temp_path {work}/client_body;", f"proxy_temp_path {work}/proxy;",
            f"fastcgi_temp_path {work}/fastcgi;"]
    for module in ("uwsgi", "scgi"):  # nginx-light is built without these
        if f"--without-http_{module}_module" not in nginx_version:
            temp.append(f"{module}_temp_path {work}/{module};")
    once(r"^http\s*\{", "http {\n    " + "\n    ".join(temp))
    return text


class Router:
    """nginx running a configuration, in its own process group."""

    def __init__(self, nginx: str, text: str, port: int, work: Path) -> None:
        self.port = port
        self.conf = work / "nginx.conf"
        self.conf.write_text(text)
        self.log = work / "nginx.log"
        test = subprocess.run(
            [nginx, "-t", "-p", str(work), "-e", "stderr", "-c", str(self.conf)],
            capture_output=True, text=True, timeout=30,
        )
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t failed: {test.stderr.strip()[-1500:]}")
        self.log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            [nginx, "-p", str(work), "-e", "stderr", "-c", str(self.conf)],
            stdin=subprocess.DEVNULL, stdout=self.log_file, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}: {self.tail()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not listen within 10 s: {self.tail()}")
                time.sleep(0.05)

    def tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-1500:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)  # fast shutdown, workers too
                self.process.wait(timeout=5)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=5)
        self.log_file.close()

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict | str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            conn.request("GET", path, headers={"Host": "closecodes.example", **(headers or {})})
            response = conn.getresponse()
            body = response.read().decode(errors="replace")
            if response.getheader("Content-Type") == "application/json":
                return response.status, json.loads(body)
            return response.status, body
        finally:
            conn.close()

    def upgrade(self, path: str) -> tuple[str, dict, str]:
        """A WebSocket handshake through the router, then one line each way.
        Returns the status line, the response headers and the echoed line."""
        key = base64.b64encode(os.urandom(16)).decode()
        with socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT) as s:
            s.sendall((
                f"GET {path} HTTP/1.1\r\nHost: closecodes.example\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode())
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 16384:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            head, _, rest = data.partition(b"\r\n\r\n")
            lines = head.decode(errors="replace").split("\r\n")
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            headers["_key"] = key
            s.sendall(b"through the tunnel\n")
            echoed = rest
            while b"\n" not in echoed and len(echoed) < 16384:
                chunk = s.recv(4096)
                if not chunk:
                    break
                echoed += chunk
            return lines[0], headers, echoed.decode(errors="replace").strip()


def random_run(rng: random.Random, length: int | None = None) -> str:
    return "".join(rng.choice(RUN_ALPHABET) for _ in range(length or rng.randint(1, 64)))


def run_urls(run: str, rng: random.Random) -> dict[str, str]:
    """Every form of one run, with decoy parameters before and after the run's
    own (`xrun=`/`xagent=` end in the same name; `agent=` on a socket and
    `run=` on an Autobahn URL are not the run's parameter there)."""
    urls = {}
    for label, form in LAB_FORMS.items():
        decoy = random_run(rng)
        url = form.format(run=run, case=rng.choice(["1.1.1", "close-1000", "9.7.3"]), n=rng.randint(1, 500))
        if "~" in url:
            before = rng.choice(["", f"xrun={decoy}&", f"xagent={decoy}&", "a=1&"])
            own = "run" if url.split("~")[1].startswith("run=") else "agent"
            wrong = "agent" if own == "run" else "run"
            after = rng.choice(["", f"&{wrong}={decoy}", "&z=", f"&x{wrong}={decoy}", f"&x{own}={decoy}"])
            url = url.replace("~", before) + after
        urls[label] = url
    return urls


def placement(c: Checks, router: Router, runs: dict[str, dict[str, str]], phase: str) -> dict[str, str] | None:
    """Which backend each run lands on; checks that all its forms agree."""
    where: dict[str, str] = {}
    split = []
    for run, urls in runs.items():
        seen = {}
        for label, url in urls.items():
            status, body = router.get(url)
            seen[label] = body.get("backend") if status == 200 and isinstance(body, dict) else f"HTTP {status}"
        if len(set(seen.values())) != 1:
            split.append((run, seen))
        where[run] = next(iter(seen.values()))
    if not c.check(
        not split,
        f"router ({phase}): every URL form of a run reaches the same backend, for {len(runs)} runs "
        f"(split: {split[:2]})",
    ):
        return None
    return where


def check_router_live(c: Checks, conf: RouterConf) -> None:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if nginx is None:
        print("skip  WARNING: nginx is not installed, so the lab router's configuration is NOT run "
              "(install nginx-light, as .ci/run does); only its static checks ran")
        return
    version = subprocess.run([nginx, "-V"], capture_output=True, text=True, timeout=30).stderr
    print(f"info  running the lab router's configuration with {version.splitlines()[0] if version else nginx}")
    seed = int(os.environ.get("DEPLOY_CHECK_SEED", str(int(time.time()))))
    print(f"info  run ids from seed {seed} (DEPLOY_CHECK_SEED={seed} repeats them)")
    rng = random.Random(seed)
    run_ids = {"a", "Z", "0", "-", "_", "A" * 64, "a-b_C9"}
    while len(run_ids) < RUNS:
        run_ids.add(random_run(rng))
    runs = {run: run_urls(run, rng) for run in sorted(run_ids)}

    backends: list[Backend] = []
    router: Router | None = None
    with tempfile.TemporaryDirectory(prefix="closecodes-lab-router-") as work_dir:
        work = Path(work_dir)
        try:
            backends = [Backend(f"pod-{i}") for i in range(4)]
            b0, b1, b2, b3 = backends

            def start(active: list[Backend]) -> Router:
                port = free_port()
                return Router(nginx, local_conf(conf, active, port, work, version), port, work)

            # Three pods.
            router = start([b0, b1, b2])
            first = placement(c, router, runs, "3 pods")
            if first is None:
                return
            spread = {name: list(first.values()).count(name) for name in sorted(set(first.values()))}
            c.check(
                all(name.startswith("pod-") for name in spread) and len(spread) > 1,
                f"router (3 pods): runs spread over more than one pod (runs per pod: {spread})",
            )

            runless = set()
            for i in range(30):
                status, body = router.get(RUNLESS_FORMS[i % 2].format(n=i + 1))
                runless.add(body.get("backend") if status == 200 and isinstance(body, dict) else f"HTTP {status}")
            c.check(
                len(runless) > 1 and all(n.startswith("pod-") for n in runless),
                f"router: lab requests without a run (getCaseCount, getCaseInfo) reach the pods and "
                f"spread over them (reached {sorted(runless)})",
            )

            run = "a-b_C9"
            status_line, headers, echoed = router.upgrade(f"/ws/lab/1.1.1?x=1&run={run}&y=2")
            accept = base64.b64encode(hashlib.sha1(
                (headers["_key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
            c.check(
                " 101 " in status_line + " " and headers.get("upgrade", "").lower() == "websocket"
                and headers.get("sec-websocket-accept") == accept
                and "upgrade" in headers.get("x-saw-connection", "").lower(),
                f"router: a WebSocket handshake passes Upgrade and Connection through and comes back "
                f"as 101 (got {status_line!r}, backend saw Connection {headers.get('x-saw-connection')!r})",
            )
            c.check(
                headers.get("x-backend") == first[run] and echoed == f"{first[run]} through the tunnel",
                f"router: the socket reaches the run's pod ({first[run]}) and the tunnel carries bytes "
                f"both ways (reached {headers.get('x-backend')!r}, echoed {echoed!r})",
            )

            status, body = router.get(
                f"/lab/runs/{run}",
                {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"},
            )
            seen = body.get("headers", {}) if isinstance(body, dict) else {}
            c.check(
                status == 200 and seen.get("x-forwarded-for") == "198.51.100.7, 127.0.0.1"
                and seen.get("x-forwarded-proto") == "https" and seen.get("host") == "closecodes.example"
                and seen.get("x-forwarded-host") == "closecodes.example"
                and "upgrade" not in seen and "upgrade" not in seen.get("connection", "").lower(),
                "router: keeps the Gateway's X-Forwarded-For (appending its peer) and "
                "X-Forwarded-Proto, passes Host and X-Forwarded-Host, and no Upgrade on plain requests "
                f"(backend saw {dict((k, v) for k, v in seen.items() if k.startswith('x-') or k in ('host', 'connection'))})",
            )
            status, body = router.get(f"/lab/runs/{run}")
            seen = body.get("headers", {}) if isinstance(body, dict) else {}
            c.check(
                seen.get("x-forwarded-proto") == "http" and seen.get("x-forwarded-for") == "127.0.0.1",
                f"router: without a Gateway's headers, X-Forwarded-Proto is the router's scheme and "
                f"X-Forwarded-For its peer (saw {seen.get('x-forwarded-proto')!r}, {seen.get('x-forwarded-for')!r})",
            )
            status, body = router.get("/healthz")
            c.check(status == 200 and body == "ok\n", f"router: answers /healthz itself (HTTP {status}, {body!r})")
            status, _ = router.get("/websocket/1000")
            c.check(status == 404, f"router: does not proxy paths that are not the lab's (HTTP {status})")
            router.stop()
            router = None

            # One pod fewer (pod-2 gone): only its runs move.
            router = start([b0, b1])
            second = placement(c, router, runs, "pod-2 removed")
            if second is not None:
                wrong = [r for r in runs if first[r] != b2.name and second[r] != first[r]]
                moved = [r for r in runs if first[r] == b2.name]
                c.check(
                    not wrong and all(second[r] in (b0.name, b1.name) for r in moved),
                    f"router: removing pod-2 moves only its {len(moved)} runs, to the others "
                    f"({len(wrong)} other runs moved: {wrong[:3]})",
                )
            router.stop()
            router = None

            # One pod more (pod-3 added): runs move only to it.
            router = start([b0, b1, b2, b3])
            third = placement(c, router, runs, "pod-3 added")
            if third is not None:
                wrong = [r for r in runs if third[r] not in (first[r], b3.name)]
                moved = [r for r in runs if third[r] == b3.name]
                c.check(
                    not wrong,
                    f"router: adding pod-3 moves {len(moved)} of {len(runs)} runs, all to pod-3 "
                    f"({len(wrong)} moved elsewhere: {wrong[:3]})",
                )
        except (OSError, RuntimeError, ValueError, http.client.HTTPException) as error:
            c.fail(f"router: the configuration runs in the local nginx with local backends ({error})")
            if router is not None:
                print(router.tail())
        finally:
            if router is not None:
                router.stop()
            for backend in backends:
                backend.close()


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
        f"`kubectl kustomize deploy/` renders every listed document and generated ConfigMap "
        f"({len(rendered)} of {listed_docs})",
    )


# --------------------------------------------------------------------------


def main() -> int:
    c = Checks()
    manifests, kustomization, doc_counts = load_manifests(c)
    check_kustomization(c, kustomization)

    image = check_dockerfile(c)
    check_dockerignore(c)

    deployment = by_name(c, manifests, "Deployment", "closecodes")
    facts = check_deployment(c, deployment) if deployment else None
    if facts:
        service = by_name(c, manifests, "Service", MAIN_SERVICE)
        if service:
            check_service(c, service, facts)
        hpa = only(c, manifests, "HorizontalPodAutoscaler")
        min_replicas = check_hpa(c, hpa, facts) if hpa else None
        pdb = by_name(c, manifests, "PodDisruptionBudget", "closecodes")
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

    # The lab router: statically, then its nginx configuration for real.
    router_conf = None
    route = by_name(c, manifests, "HTTPRoute", "closecodes")
    if deployment and route and kustomization is not None:
        _, app_pod = pod_spec(deployment)
        env = {
            e.get("name"): e.get("value")
            for cont in app_pod.get("containers") or [] for e in cont.get("env") or []
        }
        prefixes = check_httproute(c, manifests, route, env.get("CLOSECODES_PUBLIC_URL"))
        router_conf = check_router(c, manifests, kustomization, deployment, prefixes)
    if router_conf is not None:
        check_router_live(c, router_conf)
    else:
        c.fail("the lab router's configuration is read, so it can be run")

    if kustomization is not None:
        listed = set(kustomization.get("resources") or [])
        generated = len(kustomization.get("configMapGenerator") or [])
        check_kustomize_renders(
            c, sum(n for p, n in doc_counts.items() if p.name in listed) + generated
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
