namespace Monolith.Benchmarks;

/// <summary>One batch of texts to embed, as every subject gets it. Its texts are distinct: the module embeds each distinct text of a request once.</summary>
internal sealed record Workload(string Kind, string[] Texts, int Tokens)
{
    public string[] Texts { get; } = Texts.Distinct().Count() == Texts.Length
        ? Texts
        : throw new ArgumentException("A workload's texts must be distinct, or (c) would embed fewer than (a) and (b).", nameof(Texts));

    public int BatchSize => Texts.Length;
}
