namespace Monolith.Modules.Embeddings;

/// <summary>Configuration section <c>Embeddings</c>.</summary>
internal sealed class EmbeddingsOptions
{
    /// <summary>Model used when a request names none. Default: the local all-MiniLM-L6-v2.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Serve the embedded local model (on by default; it needs no network).</summary>
    public bool EnableLocalModel { get; set; } = true;

    /// <summary>OpenAI-compatible models by the name clients use (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio...).</summary>
    public Dictionary<string, RemoteModelOptions> Models { get; set; } = new(StringComparer.Ordinal);

    public EmbeddingLimits Limits { get; set; } = new();

    /// <summary>Keep every embedding in <c>embeddings.cache</c> and serve repeats from it (off: always run the model, e.g. to benchmark it).</summary>
    public bool Cache { get; set; } = true;

    /// <summary>Search queries' embeddings kept in memory (<see cref="QueryEmbeddingCache"/>) instead of <c>embeddings.cache</c>.</summary>
    public int QueryCacheEntries { get; set; } = 10_000;

    /// <summary>Let the local model's idle ONNX Runtime threads spin instead of sleeping (off: they would take the CPU Kestrel and PostgreSQL need).</summary>
    public bool LocalModelSpinning { get; set; }
}

internal sealed class RemoteModelOptions
{
    /// <summary>Base URL of the OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</summary>
    public string BaseUrl { get; set; } = "";

    public string? ApiKey { get; set; }

    /// <summary>The model id the upstream knows; defaults to the configured name.</summary>
    public string? Model { get; set; }

    /// <summary>Native output dimensions of the model.</summary>
    public int Dimensions { get; set; }

    /// <summary>Whether the upstream can shorten vectors (the <c>dimensions</c> parameter, e.g. text-embedding-3).</summary>
    public bool SupportsDimensions { get; set; }

    public int MaxTokens { get; set; } = 8191;

    /// <summary>Prepended to query / document texts for asymmetric models (e5: "query: ", "passage: ").</summary>
    public string? QueryPrefix { get; set; }

    public string? DocumentPrefix { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries (with exponential backoff) of rate-limited, failed or timed-out upstream calls.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// Bytes one upstream answer may have; a longer one is cut off with a 502. Default: room for the largest legitimate
    /// answer, <see cref="EmbeddingLimits.MaxInputsPerRequest"/> vectors of <see cref="Dimensions"/> floats as
    /// pretty-printed JSON (see <see cref="DefaultMaxResponseBytes"/>).
    /// </summary>
    public long? MaxResponseBytes { get; set; }

    /// <summary>
    /// The client asks for base64 (about 5.3 bytes a float), but compatible servers may ignore that and send JSON
    /// numbers: <c>-0.0123456789</c> plus a comma, a newline and indentation as OpenAI prints them is up to ~24 bytes a
    /// float. Plus 1 MiB for the envelope, the per-vector members and usage. For 2,048 inputs of text-embedding-3-large
    /// (3,072 dimensions) that is 145 MiB; of a 1,536-dimension model 73 MiB; of a 768-dimension one 37 MiB.
    /// </summary>
    public long DefaultMaxResponseBytes(int maxInputs) => ((long)maxInputs * Dimensions * 24) + (1024 * 1024);
}

internal sealed class EmbeddingLimits
{
    public int MaxInputsPerRequest { get; set; } = 2048;

    public int MaxCharactersPerInput { get; set; } = 32_768;

    /// <summary>Body limit of POST /v1/embeddings (larger than the platform default: 2,048 inputs).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Texts combined into one local inference run when concurrent requests queue up.</summary>
    public int MaxDynamicBatch { get; set; } = 64;
}
