using System.Diagnostics;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests.Deployment;

/// <summary>deploy/kubernetes renders with <c>kubectl kustomize</c> into the objects each shape needs.</summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public async Task The_monolith_overlay_is_one_deployment_of_every_module_behind_a_service_and_an_ingress()
    {
        var objects = await RenderAsync("overlays/monolith");

        Assert.Equal(["ConfigMap monolith-settings", "Deployment monolith-api", "Ingress monolith", "Secret monolith-secrets", "Service monolith-api"], Names(objects));
        Assert.Contains("value: Users,Embeddings,Search,Chat", Object(objects, "Deployment monolith-api"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_split_overlay_runs_two_autoscaled_search_replicas_behind_the_gateway()
    {
        var objects = await RenderAsync("overlays/split");

        Assert.Equal(
            ["ConfigMap monolith-settings", "Deployment monolith-api", "Deployment monolith-search", "HorizontalPodAutoscaler monolith-search",
             "Ingress monolith", "Secret monolith-secrets", "Service monolith-api", "Service monolith-search"],
            Names(objects));
        var api = Object(objects, "Deployment monolith-api");
        Assert.Contains("value: Users,Chat", api, StringComparison.Ordinal);
        Assert.Contains("value: http://monolith-search:8080", api, StringComparison.Ordinal);
        var search = Object(objects, "Deployment monolith-search");
        Assert.Contains("replicas: 2", search, StringComparison.Ordinal);
        Assert.Contains("value: Embeddings,Search", search, StringComparison.Ordinal);
        Assert.Contains("path: /health/ready", search, StringComparison.Ordinal);
        Assert.Contains("terminationGracePeriodSeconds: 60", search, StringComparison.Ordinal); // the drain fits (ADR 25)
        Assert.Contains("Shutdown__DrainSeconds: \"15\"", Object(objects, "ConfigMap monolith-settings"), StringComparison.Ordinal);
        Assert.Contains("clusterIP: None", Object(objects, "Service monolith-search"), StringComparison.Ordinal);
        Assert.Contains("name: cpu", Object(objects, "HorizontalPodAutoscaler monolith-search"), StringComparison.Ordinal);
    }

    private static List<string> Names(Dictionary<string, string> objects) => objects.Keys.Order(StringComparer.Ordinal).ToList();

    private static string Object(Dictionary<string, string> objects, string name) =>
        objects.TryGetValue(name, out var text) ? text : throw new InvalidOperationException($"{name} was not rendered.");

    /// <summary>The rendered objects by "Kind name" (top-level kind and metadata.name of each YAML document).</summary>
    private static async Task<Dictionary<string, string>> RenderAsync(string overlay)
    {
        var directory = Path.Combine(Path.GetDirectoryName(HostProcess.HostDll())!, "..", "..", "..", "..", "..", "deploy", "kubernetes", overlay);
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Path.GetFullPath(directory));
        using var kubectl = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var output = kubectl.StandardOutput.ReadToEndAsync();
        var errors = kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        Assert.True(kubectl.ExitCode == 0, $"kubectl kustomize {overlay} failed: {await errors}");

        return (await output).Split("\n---\n").ToDictionary(document =>
        {
            var lines = document.Split('\n');
            var kind = lines.First(line => line.StartsWith("kind: ", StringComparison.Ordinal))["kind: ".Length..];
            var metadata = Array.FindIndex(lines, line => line == "metadata:");
            var name = lines.Skip(metadata + 1).TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal))
                .First(line => line.StartsWith("  name: ", StringComparison.Ordinal))["  name: ".Length..];
            return $"{kind} {name}";
        });
    }
}
