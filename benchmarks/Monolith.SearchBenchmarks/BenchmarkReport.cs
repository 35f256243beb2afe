using System.Globalization;
using System.Text;

namespace Monolith.SearchBenchmarks;

/// <summary>How every benchmark ends its report: the load it ran under, printed, and written where asked.</summary>
internal static class BenchmarkReport
{
    public static async Task PublishAsync(StringBuilder report, string? outputPath)
    {
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Load average after: {Machine.LoadAverage()}");
        Console.WriteLine(report);
        if (outputPath is not null)
        {
            await File.WriteAllTextAsync(outputPath, report.ToString());
        }
    }
}
