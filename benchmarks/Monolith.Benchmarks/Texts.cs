using System.Text;

namespace Monolith.Benchmarks;

/// <summary>Fixed English inputs: short ones of about 13 tokens, long ones of about 200 ([CLS] and [SEP] included).</summary>
internal static class Texts
{
    private static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the lazy dog today.",
        "Vector databases find similar documents very quickly.",
        "A man is eating a piece of bread at noon.",
        "The committee postponed its decision until next month.",
        "Researchers measured how temperature changes enzyme activity.",
        "Please reset your password before the end of the week.",
        "Our new release cuts latency by thirty percent.",
        "She borrowed three books about astronomy from the library.",
        "Heavy rain flooded several streets near the river overnight.",
        "The invoice was paid, but the shipment arrived late.",
        "Translation systems still struggle with idioms and rare words.",
        "He routed all traffic to the healthy nodes again.",
    ];

    public static string[] Short(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Sentences[i % Sentences.Length])];

    public static string[] Long(int count) =>
        [.. Enumerable.Range(0, count).Select(Paragraph)];

    /// <summary>Nineteen sentences in an order that differs per index, about 200 tokens.</summary>
    private static string Paragraph(int index)
    {
        var paragraph = new StringBuilder();
        for (var k = 0; k < 19; k++)
        {
            paragraph.Append(Sentences[(index + (k * 5)) % Sentences.Length]).Append(' ');
        }

        return paragraph.ToString().TrimEnd();
    }
}
