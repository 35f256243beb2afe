using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 9: handlers (and their requests, validators and endpoints) live in Features.&lt;UseCase&gt;.</summary>
public sealed class FeatureFolderTests
{
    private const string Fixtures = "Monolith.ArchitectureTests.Fixtures.FeatureFolders";

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Module_use_cases_live_in_feature_folders(string module)
    {
        var assemblies = ModuleCatalog.Get(module);

        ArchAssert.NoViolations(FeatureFolderRule.Violations(assemblies.RootNamespace, assemblies.Implementation.GetTypes()));
    }

    [Fact]
    public void Reports_handlers_outside_a_use_case_folder_or_apart_from_their_request()
    {
        ArchAssert.ExactlyViolations(
            FeatureFolderRule.Violations(Fixtures, Conventions.TypesIn(typeof(FeatureFolderTests).Assembly, Fixtures)),
            $"{Fixtures}.Handlers.LayeredHandler is in {Fixtures}.Handlers, not in a feature folder {Fixtures}.Features.<UseCase>",
            $"{Fixtures}.Features.UnfiledHandler is in {Fixtures}.Features, not in a feature folder {Fixtures}.Features.<UseCase>",
            $"{Fixtures}.Features.Ping.PongHandler handles {Fixtures}.Features.Pong.PongRequest from another folder: a use case's request and handler sit together");
    }
}
