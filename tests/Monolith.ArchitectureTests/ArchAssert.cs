using Xunit.Sdk;

namespace Monolith.ArchitectureTests;

internal static class ArchAssert
{
    public static void NoViolations(IReadOnlyList<string> violations)
    {
        if (violations.Count > 0)
        {
            throw new XunitException($"{violations.Count} architecture violation(s):{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", violations));
        }
    }

    /// <summary>A rule run on a deliberate violation reports exactly that, nothing more and nothing less.</summary>
    public static void ExactlyViolations(IReadOnlyList<string> actual, params string[] expected)
    {
        var sortedActual = actual.Order(StringComparer.Ordinal).ToList();
        var sortedExpected = expected.Order(StringComparer.Ordinal).ToList();
        if (!sortedActual.SequenceEqual(sortedExpected, StringComparer.Ordinal))
        {
            throw new XunitException("The rule reported other violations than expected." + Environment.NewLine +
                "Expected:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", sortedExpected) + Environment.NewLine +
                "Actual:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", sortedActual));
        }
    }
}
