namespace Monolith.Benchmarks;

/// <summary>The machine's load average (1, 5, 15 minutes), printed with every figure: it says how busy the machine was.</summary>
internal static class LoadAverage
{
    public static string Now => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";
}
