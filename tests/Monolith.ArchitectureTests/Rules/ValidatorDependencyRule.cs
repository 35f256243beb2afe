using Microsoft.Extensions.Options;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>
/// Rule 10: validators are singletons (built once: FluentValidation compiles the rules when one is constructed), so a
/// validator's constructor takes only what lives as long as the process: options and the clock. A DbContext or any
/// other scoped service would be captured by the first request and shared by every later one.
/// </summary>
public static class ValidatorDependencyRule
{
    /// <summary>Input: the module's types.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<Type> types) =>
        types.Where(Conventions.IsValidator)
            .SelectMany(validator => validator.GetConstructors()
                .SelectMany(constructor => constructor.GetParameters())
                .Where(parameter => !LivesAsLongAsTheProcess(parameter.ParameterType))
                .Select(parameter => $"{validator.FullName} takes {parameter.ParameterType.Name} {parameter.Name}: validators are singletons, so they take only options or TimeProvider"))
            .ToList();

    private static bool LivesAsLongAsTheProcess(Type type) =>
        type == typeof(TimeProvider)
        || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IOptions<>) || type.GetGenericTypeDefinition() == typeof(IOptionsMonitor<>)));
}
