using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Embeddings.LocalModel;
using OpenAI;

namespace Monolith.Modules.Embeddings.Models;

/// <summary>Every configured model by name; built once per process (the local model loads on first use).</summary>
internal sealed class EmbeddingModels : IDisposable
{
    private readonly Dictionary<string, EmbeddingModel> _byName = new(StringComparer.Ordinal);
    private readonly Lazy<MiniLmEmbedder>? _localModel;
    private readonly Lazy<DynamicBatcher>? _localBatcher;
    private readonly List<UpstreamTransport> _transports = [];

    public EmbeddingModels(IOptions<EmbeddingsOptions> options)
    {
        var settings = options.Value;
        if (settings.EnableLocalModel)
        {
            _localModel = new Lazy<MiniLmEmbedder>(() => new MiniLmEmbedder(settings.LocalModelSpinning));
            _localBatcher = new Lazy<DynamicBatcher>(() => new DynamicBatcher(texts => _localModel.Value.Embed(texts), settings.Limits.MaxDynamicBatch));
            _byName[MiniLmEmbedder.ModelId] = new EmbeddingModel
            {
                Name = MiniLmEmbedder.ModelId,
                Dimensions = MiniLmEmbedder.Dimensions,
                MaxTokens = MiniLmEmbedder.MaxTokens,
                OwnedBy = "sentence-transformers (local)",
                Generator = new LocalEmbeddingGenerator(_localBatcher),
                CountTokens = text => _localModel.Value.CountTokens(text),
                CountPieces = text => _localModel.Value.CountPieces(text),
                MaxTokensPerText = MiniLmEmbedder.MaxTokens - 2, // [CLS] and [SEP]
            };
        }

        foreach (var (name, remote) in settings.Models)
        {
            _byName[name] = Remote(name, remote, settings.Limits.MaxInputsPerRequest);
        }

        var defaultName = settings.DefaultModel ?? (settings.EnableLocalModel ? MiniLmEmbedder.ModelId : settings.Models.Keys.FirstOrDefault());
        Default = defaultName is not null && _byName.TryGetValue(defaultName, out var model)
            ? model
            : throw new InvalidOperationException($"Embeddings:DefaultModel '{defaultName}' is not a configured model. Configured: {string.Join(", ", _byName.Keys)}.");
    }

    public EmbeddingModel Default { get; }

    public IReadOnlyCollection<EmbeddingModel> All => _byName.Values;

    /// <summary>The named model, or the default when <paramref name="name"/> is null or empty.</summary>
    public EmbeddingModel? Find(string? name) =>
        string.IsNullOrEmpty(name) ? Default : _byName.GetValueOrDefault(name);

    public void Dispose()
    {
        if (_localBatcher is { IsValueCreated: true })
        {
            _localBatcher.Value.Dispose();
        }

        if (_localModel is { IsValueCreated: true })
        {
            _localModel.Value.Dispose();
        }

        foreach (var model in _byName.Values)
        {
            model.Generator.Dispose();
        }

        foreach (var transport in _transports)
        {
            transport.Dispose();
        }
    }

    private EmbeddingModel Remote(string name, RemoteModelOptions remote, int maxInputs)
    {
        if (!Uri.TryCreate(remote.BaseUrl, UriKind.Absolute, out var endpoint) || remote.Dimensions <= 0 || remote.MaxResponseBytes <= 0)
        {
            throw new InvalidOperationException($"Embeddings:Models:{name} needs an absolute BaseUrl, Dimensions > 0 and, if set, MaxResponseBytes > 0.");
        }

        var transport = new UpstreamTransport(remote.MaxResponseBytes ?? remote.DefaultMaxResponseBytes(maxInputs));
        _transports.Add(transport);
        // Base URL, key and model come from configuration only, never from a request (no SSRF).
        var client = new OpenAIClient(new ApiKeyCredential(remote.ApiKey ?? "none"), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = TimeSpan.FromSeconds(remote.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(remote.MaxRetries),
            Transport = transport,
        });
        return new EmbeddingModel
        {
            Name = name,
            Dimensions = remote.Dimensions,
            MaxTokens = remote.MaxTokens,
            MaxTokensPerText = remote.MaxTokens,
            OwnedBy = endpoint.Host,
            SupportsDimensions = remote.SupportsDimensions,
            QueryPrefix = remote.QueryPrefix,
            DocumentPrefix = remote.DocumentPrefix,
            // No default dimensions: the adapter would send them with every request, and models without the
            // parameter (text-embedding-ada-002, most Ollama/vLLM models) reject it. Only a requested size is sent.
            Generator = client.GetEmbeddingClient(remote.Model ?? name).AsIEmbeddingGenerator(),
        };
    }
}
