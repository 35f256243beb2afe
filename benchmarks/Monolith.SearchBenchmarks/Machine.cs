using System.Globalization;

namespace Monolith.SearchBenchmarks;

/// <summary>What the machine is and how busy it is, from /proc (Linux).</summary>
internal static class Machine
{
    public static string CpuModel() =>
        ProcLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    public static double MemoryGiB() => KiB("/proc/meminfo", "MemTotal:") / 1024.0 / 1024.0;

    /// <summary>1-minute load average: how many runnable processes shared the cores.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    public static TimeSpan OwnCpuTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Resident set size of a process in MiB (VmRSS), and its peak so far (VmHWM).</summary>
    public static (double Rss, double Peak) ProcessMemoryMiB(int pid)
    {
        var status = $"/proc/{pid}/status";
        return (KiB(status, "VmRSS:") / 1024.0, KiB(status, "VmHWM:") / 1024.0);
    }

    private static long KiB(string path, string key)
    {
        var line = ProcLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string[] ProcLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
