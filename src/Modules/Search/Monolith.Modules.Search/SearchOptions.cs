namespace Monolith.Modules.Search;

/// <summary>Configuration section <c>Search</c>.</summary>
internal sealed class SearchOptions
{
    public SearchLimits Limits { get; set; } = new();

    public ChunkingOptions Chunking { get; set; } = new();

    public FileLimits Files { get; set; } = new();

    /// <summary>HNSW candidate list size per query (pgvector <c>hnsw.ef_search</c>); higher: better recall, slower.</summary>
    public int EfSearch { get; set; } = 100;

    /// <summary>Reciprocal rank fusion constant for hybrid search: score = Σ 1 / (k + rank).</summary>
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
}

internal sealed class ChunkingOptions
{
    /// <summary>Chunk size in tokens; 0 or more than the model holds means the model's window.</summary>
    public int MaxTokens { get; set; }

    public int OverlapTokens { get; set; } = 32;
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
