using Wolverine;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>
/// Rule 8: names say what a type is, and each handler belongs to one dispatcher. MediatR handlers are
/// internal sealed *Handler, validators *Validator, endpoint classes *Endpoint, Wolverine handlers
/// *Consumer, and no *Handler is a Wolverine handler. Kinds are recognised by interface or base class
/// (inherited ones included), so a mis-named type cannot slip past by its name.
/// </summary>
public static class NamingRule
{
    /// <summary>Input: the module's types.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<Type> types)
    {
        var violations = new List<string>();
        foreach (var type in types.Where(type => !Conventions.IsCompilerGenerated(type)))
        {
            if (Conventions.IsRequestHandler(type))
            {
                Require(type, "Handler", "a MediatR request handler", violations);
                if (type.IsVisible)
                {
                    violations.Add($"{type.FullName} is a public MediatR request handler: handlers are internal");
                }

                if (!type.IsSealed)
                {
                    violations.Add($"{type.FullName} is an unsealed MediatR request handler: handlers are sealed");
                }
            }

            if (Conventions.IsValidator(type))
            {
                Require(type, "Validator", "a FluentValidation validator", violations);
            }

            if (Conventions.IsEndpoint(type))
            {
                Require(type, "Endpoint", "an endpoint class (static, Map(IEndpointRouteBuilder))", violations);
            }

            if (Conventions.IsWolverineHandler(type))
            {
                Require(type, "Consumer", "a Wolverine handler", violations);
            }

            if (type.Name.EndsWith("Handler", StringComparison.Ordinal) && type.IsAssignableTo(typeof(IWolverineHandler)))
            {
                violations.Add($"{type.FullName} is a *Handler and an IWolverineHandler: *Handler belongs to MediatR, Wolverine's are *Consumer");
            }
        }

        return violations;
    }

    private static void Require(Type type, string suffix, string kind, List<string> violations)
    {
        if (!type.Name.EndsWith(suffix, StringComparison.Ordinal))
        {
            violations.Add($"{type.FullName} is {kind}, so its name ends with {suffix}");
        }
    }
}
