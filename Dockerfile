# s1check in a container: the static release binary (.ci/build-release) on Ubuntu 24.04, run as a
# user that is not root, with s1check as the entrypoint and /plans as the working folder.
#
#   docker build -t s1check .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/plans" s1check check Plans --junit Reports/junit.xml
#
# (-u makes the reports yours; the image's own user, s1check, is used when it is left out.) CI builds and
# runs this image (.github/workflows/s1check.yml, .gitlab-ci.yml, job "container-image").

FROM swift:6.3-noble AS build
WORKDIR /src
# Package.swift names the test targets' folders, so Tests/ comes too (under 1 MB).
COPY Package.swift ./
COPY Sources ./Sources
# Sources/s1check/Schemas/ links to these (the schemas `s1check schema` prints are built in).
COPY Plans/schemas ./Plans/schemas
COPY Tests ./Tests
COPY .ci/build-release ./.ci/build-release
RUN .ci/build-release --out /dist && install -m 0755 /dist/s1check-*-linux-"$(uname -m)" /s1check

FROM ubuntu:24.04
# The binary needs only glibc, libstdc++ and libgcc, which the base image has.
RUN groupadd --system --gid 10001 s1check \
    && useradd --system --uid 10001 --gid 10001 --home-dir /plans --shell /usr/sbin/nologin s1check \
    && mkdir /plans && chown 10001:10001 /plans
COPY --from=build /s1check /usr/local/bin/s1check
# The user s1check, by number, so a runtime that must see a user that is not root (runAsNonRoot) can.
USER 10001:10001
WORKDIR /plans
LABEL org.opencontainers.image.title="s1check" \
      org.opencontainers.image.description="Checks SMETS1 test plans against the TBRD v1.24 baseline"
ENTRYPOINT ["s1check"]
CMD ["--help"]
