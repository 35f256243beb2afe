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

    /// <summary>Distinct texts: how many <see cref="Short"/> and <see cref="Long"/> can give without repeating one.</summary>
    public static int DistinctCount => Sentences.Length * Sentences.Length;

    /// <summary>
    /// Short texts, all different (the module embeds each distinct text of a request once, so repeats would
    /// give the HTTP column less work than the raw ones): the first half of one sentence and the second half of another.
    /// </summary>
    public static string[] Short(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Sentence(i % DistinctCount))];

    /// <summary>Paragraphs of 19 of the short texts each, all different.</summary>
    public static string[] Long(int count) =>
        [.. Enumerable.Range(0, count).Select(Paragraph)];

    /// <summary>Sentence <c>i</c> pairs the head of sentence i mod n with the tail of sentence (i / n + i) mod n: distinct for i &lt; n².</summary>
    private static string Sentence(int i)
    {
        var head = Sentences[i % Sentences.Length].Split(' ');
        var tail = Sentences[((i / Sentences.Length) + i) % Sentences.Length].Split(' ');
        return string.Join(' ', head[..(head.Length / 2)].Concat(tail[(tail.Length / 2)..]));
    }

    private static string Paragraph(int index)
    {
        var paragraph = new StringBuilder();
        for (var k = 0; k < 19; k++)
        {
            paragraph.Append(Sentence(((index * 19) + k) % DistinctCount)).Append(' ');
        }

        return paragraph.ToString().TrimEnd();
    }
}
