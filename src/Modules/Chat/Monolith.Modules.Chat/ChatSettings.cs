namespace Monolith.Modules.Chat;

/// <summary>Configuration section <c>Chat</c>.</summary>
internal sealed class ChatSettings
{
    /// <summary>Model used when a request names none. Default: the built-in extractive answerer.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>OpenAI-compatible chat models by the name clients use (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp, LM Studio).</summary>
    public Dictionary<string, RemoteChatModelOptions> Models { get; set; } = new(StringComparer.Ordinal);

    public RetrievalOptions Retrieval { get; set; } = new();

    public ChatLimits Limits { get; set; } = new();
}

internal sealed class RemoteChatModelOptions
{
    public string BaseUrl { get; set; } = "";
    public string? ApiKey { get; set; }

    /// <summary>The model id the upstream knows; defaults to the configured name.</summary>
    public string? Model { get; set; }

    /// <summary>Context window in tokens: sources and history are trimmed to fit.</summary>
    public int ContextTokens { get; set; } = 8192;

    /// <summary>Tokens kept free for the answer.</summary>
    public int MaxAnswerTokens { get; set; } = 1024;

    /// <summary>False for an upstream that cannot call tools: requests with <c>tools</c> are then refused (400), not relayed.</summary>
    public bool SupportsTools { get; set; } = true;

    public int TimeoutSeconds { get; set; } = 120;
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// Bytes one upstream answer may have, streamed or not; a longer one is cut off with a 502. 8 MiB: a streamed
    /// chunk in OpenAI's format takes about 250 bytes per token, so room for some 32,000 answer tokens, 32 times the
    /// default <see cref="MaxAnswerTokens"/>.
    /// </summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;
}

internal sealed class RetrievalOptions
{
    public int TopK { get; set; } = 6;

    /// <summary>Tokens of retrieved sources put into a prompt at most.</summary>
    public int SourceTokens { get; set; } = 2000;
}

internal sealed class ChatLimits
{
    public int MaxMessageCharacters { get; set; } = 16_000;
    public int MaxSystemPromptCharacters { get; set; } = 8_000;
    public int MaxCollectionsPerConversation { get; set; } = 20;
    public int MaxMessagesPerCompletion { get; set; } = 200;

    /// <summary>Days a stored response (<c>/v1/responses</c> with <c>store</c>) is kept; OpenAI keeps them 30 days.</summary>
    public int StoredResponseDays { get; set; } = 30;
}
