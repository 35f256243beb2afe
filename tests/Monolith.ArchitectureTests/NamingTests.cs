using Monolith.ArchitectureTests.Rules;

namespace Monolith.ArchitectureTests;

/// <summary>Rule 8: handlers, validators, endpoints and consumers are named for what they are.</summary>
public sealed class NamingTests
{
    private const string Fixtures = "Monolith.ArchitectureTests.Fixtures.Naming";

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Module_types_follow_the_naming_conventions(string module)
    {
        ArchAssert.NoViolations(NamingRule.Violations(ModuleCatalog.Get(module).Implementation.GetTypes()));
    }

    [Fact]
    public void Reports_misnamed_public_or_unsealed_handlers_validators_endpoints_and_consumers()
    {
        ArchAssert.ExactlyViolations(
            NamingRule.Violations(Conventions.TypesIn(typeof(NamingTests).Assembly, Fixtures)),
            $"{Fixtures}.PingProcessor is a MediatR request handler, so its name ends with Handler",
            $"{Fixtures}.InheritedPingProcessor is a MediatR request handler, so its name ends with Handler",
            $"{Fixtures}.PublicPingHandler is a public MediatR request handler: handlers are internal",
            $"{Fixtures}.UnsealedPingHandler is an unsealed MediatR request handler: handlers are sealed",
            $"{Fixtures}.PingRules is a FluentValidation validator, so its name ends with Validator",
            $"{Fixtures}.PingRoutes is an endpoint class (static, Map(IEndpointRouteBuilder)), so its name ends with Endpoint",
            $"{Fixtures}.PongHandler is a Wolverine handler, so its name ends with Consumer",
            $"{Fixtures}.PongHandler is a *Handler and an IWolverineHandler: *Handler belongs to MediatR, Wolverine's are *Consumer");
    }
}
