# Wasend: one image, one executable; the container's command picks the service (api, planner,
# sender, aggregator, sim). Built on the official Swift image, run on slim Debian.
ARG SWIFT_IMAGE=swift:6.2-bookworm

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
        librdkafka-dev libhiredis-dev libcurl4-openssl-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so a source change does not refetch them.
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product wasend --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/wasend" /usr/local/bin/wasend

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
        librdkafka++1 librdkafka1 libhiredis0.14 libcurl4 ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /nonexistent --shell /usr/sbin/nologin wasend
COPY --from=build /usr/local/bin/wasend /usr/local/bin/wasend
USER 10001
ENV WASEND_LOG_FORMAT=json
ENTRYPOINT ["/usr/local/bin/wasend"]
CMD ["--help"]
