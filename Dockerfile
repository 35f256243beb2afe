# The platform as one container image (ADR 12). Two targets over one runtime stage (runtime-base):
#
#   docker build -t monolith .                                  target "runtime" (the default, last stage)
#     the SDK stage restores, pre-generates Wolverine's handler code and publishes (needs mcr.microsoft.com
#     and nuget.org)
#
#   podman build --format docker --target published \
#       --build-arg RUNTIME_IMAGE=localhost/monolith-base:<version> -t monolith .
#     copies artifacts/publish, published on this machine the same way (scripts/container-lib.sh,
#     container_publish); with a locally made base this needs no registry (scripts/container-test.sh)
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# TARGETARCH (amd64, arm64: set by BuildKit): publish ONNX Runtime's native library for that one platform.
ARG TARGETARCH
RUN dotnet restore src/Host/Monolith.Host.csproj -a "$TARGETARCH"
# "codegen write" boots the host just far enough to find every module's handlers and writes their code
# into src/Host/Internal/Generated (no database needed); the publish compiles it in, and
# Messaging__TypeLoadMode=Static below loads it instead of compiling with Roslyn at run time.
RUN cd src/Host && dotnet run -c Release --no-restore --no-launch-profile -- codegen write
RUN dotnet publish src/Host/Monolith.Host.csproj -c Release --no-restore -a "$TARGETARCH" --self-contained false \
      -o /app -p:IncludeWolverineGeneratedCode=true -p:UseAppHost=false \
      -p:SatelliteResourceLanguages=en -p:PublishDocumentationFiles=false

FROM ${RUNTIME_IMAGE} AS runtime-base
WORKDIR /app
# DataPath holds generated secrets: the JWT signing key, unless Auth__SigningKey is set. Owned by the
# non-root user "app" (APP_UID, 1654 in the official images and in scripts' local base), kept on a volume.
RUN mkdir /data && chown "$APP_UID:$APP_UID" /data
VOLUME /data
# Everything else comes from the environment: ConnectionStrings__Postgres, Modules__Enabled__0, Auth__SigningKey, ...
# (README "Configuration"). ASPNETCORE_HTTP_PORTS, set by the official image, would only be overridden by URLS.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DataPath=/data \
    Messaging__TypeLoadMode=Static
EXPOSE 8080
USER $APP_UID
# The host binary probes its own /health/ready (the image may have no curl). start-period covers the
# first start's migrations.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["dotnet", "/app/Monolith.Host.dll", "--health"]
ENTRYPOINT ["dotnet", "/app/Monolith.Host.dll"]

# The application published on the build machine (artifacts/publish): no SDK image needed.
FROM runtime-base AS published
COPY artifacts/publish/ ./

# The default target: the application from the SDK stage. The two targets differ only in where /app
# comes from (owned by root either way: the non-root user can read it, not change it).
FROM runtime-base AS runtime
COPY --from=build /app/ ./
