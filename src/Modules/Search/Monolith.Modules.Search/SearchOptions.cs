using Monolith.Modules.Search.Retrieval;

namespace Monolith.Modules.Search;

/// <summary>Configuration section <c>Search</c>.</summary>
internal sealed class SearchOptions
{
    public SearchLimits Limits { get; set; } = new();

    public ChunkingOptions Chunking { get; set; } = new();

    public FileLimits Files { get; set; } = new();

    /// <summary>
    /// HNSW candidate list size per query (pgvector <c>hnsw.ef_search</c>); higher: better recall, slower. 400 keeps
    /// recall@10 ≥ 0.95 at 100k chunks (0.955–0.960, where 100 gave 0.84) with pgvector's build defaults; much higher
    /// values make PostgreSQL scan mid-sized collections exactly instead (ADR 0033, ADR 0034, docs/benchmarks.md "HNSW recall").
    /// </summary>
    public int EfSearch { get; set; } = 400;

    public Bm25Options Bm25 { get; set; } = new();

    public HybridOptions Hybrid { get; set; } = new();
}

/// <summary>Keyword search: Okapi BM25 over each collection's own statistics (ADR 0017).</summary>
internal sealed class Bm25Options
{
    /// <summary>Term frequency saturation.</summary>
    public double K1 { get; set; } = 0.9;

    /// <summary>Length normalisation (0: none, 1: full).</summary>
    public double B { get; set; } = 0.4;

    /// <summary>A query reads at most this many postings of each of its terms (the highest frequencies first), so a common word costs no more than a rare one.</summary>
    public int MaxPostingsPerTerm { get; set; } = 2_000;
}

/// <summary>Hybrid search defaults (ADR 0018); a request may override method, weights and candidates.</summary>
internal sealed class HybridOptions
{
    public FusionMethod Fusion { get; set; } = FusionMethod.Rrf;

    public double VectorWeight { get; set; } = 1;

    public double KeywordWeight { get; set; } = 1;

    /// <summary>Chunks taken from each list before fusing (at least topK).</summary>
    public int Candidates { get; set; } = 100;

    /// <summary>Reciprocal rank fusion constant: score = Σ w / (k + rank).</summary>
    public int RrfK { get; set; } = 60;
}

internal sealed class SearchLimits
{
    public int MaxDocumentCharacters { get; set; } = 1_000_000;
    public int MaxBatchDocuments { get; set; } = 100;
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;
    public int MaxMetadataKeys { get; set; } = 32;
    public int MaxMetadataKeyLength { get; set; } = 64;
    public int MaxMetadataValueLength { get; set; } = 512;
    public int MaxQueryCharacters { get; set; } = 4_000;
    public int MaxTopK { get; set; } = 100;
    public int MaxCandidates { get; set; } = 1_000;

    /// <summary>An evaluation run (BEIR's test splits hold 50–1,000 queries; NFCorpus's at most 919 judgments per query).</summary>
    public int MaxEvaluationQueries { get; set; } = 1_000;
    public int MaxJudgmentsPerQuery { get; set; } = 1_000;
}

internal sealed class ChunkingOptions
{
    /// <summary>Chunk size in tokens; 0 or more than the model holds means the model's window.</summary>
    public int MaxTokens { get; set; }

    public int OverlapTokens { get; set; } = 32;

    /// <summary>
    /// The document's title heads the embedded text of every chunk that does not start with it (a chunk header, ADR 0057):
    /// on by default, as BEIR's dense models encode title and text. BM25 already reads the title with every chunk's text.
    /// </summary>
    public bool TitleHeader { get; set; } = true;
}

/// <summary>Configuration section <c>Search:Files</c>: uploads and their extraction.</summary>
internal sealed class FileLimits
{
    public long MaxFileBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>A whole upload request (every file and field); Kestrel answers 413 beyond it.</summary>
    public long MaxRequestBytes { get; set; } = 100 * 1024 * 1024;

    public int MaxFilesPerRequest { get; set; } = 20;

    /// <summary>Each form field other than a file (externalId, title, metadata).</summary>
    public int MaxFieldBytes { get; set; } = 64 * 1024;

    public int MaxExtractedCharacters { get; set; } = 5_000_000;

    /// <summary>Office files are ZIP archives: the sum of their entries' sizes and each entry's compression ratio are bounded.</summary>
    public long MaxExpandedBytes { get; set; } = 256 * 1024 * 1024;

    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Headings, lists, tables and HTML elements nested deeper than this fail the file.</summary>
    public int MaxNestingDepth { get; set; } = 256;

    public int ExtractionTimeoutSeconds { get; set; } = 120;
}
