using JasperFx.CodeGeneration;
using Microsoft.Extensions.Configuration;
using Monolith.Host;

namespace Monolith.IntegrationTests;

/// <summary>Messaging:TypeLoadMode, and why Static needs every module (ADR 12).</summary>
public sealed class WolverineCodeGenerationTests
{
    [Theory]
    [InlineData(null, 4, TypeLoadMode.Dynamic)]
    [InlineData("Static", 4, TypeLoadMode.Static)]
    [InlineData("Static", 3, TypeLoadMode.Dynamic)]
    [InlineData("Auto", 1, TypeLoadMode.Auto)]
    [InlineData("Dynamic", 4, TypeLoadMode.Dynamic)]
    public void Static_applies_only_to_a_process_running_every_module(string? configured, int enabledModules, TypeLoadMode expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:TypeLoadMode"] = configured })
            .Build();

        Assert.Equal(expected, WolverineCodeGeneration.Mode(configuration, enabledModules, knownModules: 4));
    }
}
