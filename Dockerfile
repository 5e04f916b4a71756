# syntax=docker/dockerfile:1
#
# closecodes as a container image. The dataset, the assets and the templates are
# compiled into the binary, so the final image holds one file: the binary.
#
#   docker build -t closecodes .
#   docker run --rm -p 8080:8080 -e CLOSECODES_PUBLIC_URL=http://localhost:8080 closecodes
#
# Needs BuildKit (the default builder since Docker 23) for the cache mounts.
# For reproducible builds, pin both base images by digest (image:tag@sha256:…).

# ---------------------------------------------------------------------------
# Build stage: the Rust toolchain the project is developed with, on the same
# Debian release (bookworm = Debian 12) as the runtime image below, so the
# binary never asks for a newer glibc than the runtime has.
FROM rust:1.95-slim-bookworm AS builder

WORKDIR /build

# Only what the build reads: the manifest and lock file, the build script, the
# code, and the folders compiled into the binary (include_dir! and askama).
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
COPY data ./data
COPY static ./static
COPY templates ./templates

# The crate registry, git checkouts and target/ live in BuildKit cache mounts:
# a rebuild after a code change downloads nothing and recompiles only this
# crate. A cache mount is not part of the image, so the binary is copied out
# of target/ in the same step.
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,target=/build/target,sharing=locked \
    cargo build --release --locked \
    && install -D -m 0755 target/release/closecodes /out/closecodes

# ---------------------------------------------------------------------------
# Runtime stage: distroless "cc" has glibc and libgcc_s, exactly what the
# binary links dynamically (`ldd`: libc.so.6, libm.so.6, libgcc_s.so.1), plus
# CA certificates and tzdata, and no shell or package manager. The :nonroot
# tag defines the user nonroot, uid/gid 65532.
FROM gcr.io/distroless/cc-debian12:nonroot

# Optional, e.g. --build-arg SOURCE_URL=https://github.com/… --build-arg REVISION=$(git rev-parse HEAD)
ARG SOURCE_URL=""
ARG REVISION=""
LABEL org.opencontainers.image.title="closecodes" \
      org.opencontainers.image.description="The reference for WebSocket close codes: website, JSON API and live test endpoint" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.revision="${REVISION}"

# Owned by root and not writable by the user that runs it.
COPY --from=builder /out/closecodes /usr/local/bin/closecodes

# The distroless "nonroot" user, written as numbers: Kubernetes' runAsNonRoot
# can only verify a numeric user.
USER 65532:65532

# The binary listens on 127.0.0.1 by default, which is unreachable from outside
# a container. Everything else (CLOSECODES_PUBLIC_URL, CLOSECODES_LOG_FORMAT,
# CLOSECODES_WS_*, RUST_LOG) is set at `docker run -e` or in the pod spec.
ENV CLOSECODES_BIND=0.0.0.0:8080
EXPOSE 8080

# No HEALTHCHECK: the image has no shell or curl to run one. Orchestrators probe
# GET /healthz themselves (see deploy/deployment.yaml).
#
# The binary runs as PID 1 and handles SIGTERM itself: it stops accepting, sends
# WebSocket close 1012 to open sockets, lets in-flight requests finish, exits 0.
# Without a subcommand it serves; `docker run --rm closecodes lookup 1006` also works.
ENTRYPOINT ["/usr/local/bin/closecodes"]
