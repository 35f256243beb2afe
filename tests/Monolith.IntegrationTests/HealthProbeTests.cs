using System.Diagnostics;
using System.Globalization;
using Monolith.Host;
using Monolith.IntegrationTests.Infrastructure;
using Monolith.IntegrationTests.Search;

namespace Monolith.IntegrationTests;

/// <summary><c>Monolith.Host.dll --health</c>, the container image's HEALTHCHECK, run as the image runs it.</summary>
[Collection(HostCollection.Name)]
public sealed class HealthProbeTests(HostFixture host)
{
    [Fact]
    public async Task Exits_0_when_the_host_is_ready()
    {
        var address = host.Factory.CreateClient().BaseAddress!;

        var (exitCode, output) = await RunProbeAsync(address.GetLeftPart(UriPartial.Authority));

        Assert.Equal(0, exitCode);
        Assert.Contains("/health/ready: 200", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_1_when_nothing_listens()
    {
        var (exitCode, _) = await RunProbeAsync(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HostProcess.FreePort()}"));

        Assert.Equal(1, exitCode);
    }

    [Theory]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/health/ready")]
    [InlineData("http://*:9000;http://127.0.0.1:9001", "http://127.0.0.1:9000/health/ready")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/health/ready")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/health/ready")]
    [InlineData("http://127.0.0.1:5123/", "http://127.0.0.1:5123/health/ready")]
    [InlineData(null, "http://127.0.0.1:8080/health/ready")]
    public void Probes_the_first_url_over_loopback(string? urls, string expected) =>
        Assert.Equal(new Uri(expected), HealthProbe.ReadyUri(urls));

    private static async Task<(int ExitCode, string Output)> RunProbeAsync(string urls)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(HostProcess.HostDll());
        start.ArgumentList.Add("--health");
        start.Environment["ASPNETCORE_URLS"] = urls;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, output);
    }
}
