namespace Monolith.Benchmarks;

/// <summary>One batch of texts to embed, as every subject gets it.</summary>
internal sealed record Workload(string Kind, string[] Texts, int Tokens)
{
    public int BatchSize => Texts.Length;
}
