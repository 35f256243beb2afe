using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Application;
using OpenAI;

namespace Monolith.Modules.Chat.Models;

/// <summary>The built-in extractive answerer plus every configured OpenAI-compatible chat model, by name.</summary>
internal sealed class ChatModels : IDisposable
{
    private readonly Dictionary<string, ChatModel> _byName = new(StringComparer.Ordinal);
    private readonly List<UpstreamTransport> _transports = [];

    public ChatModels(IOptions<ChatSettings> options)
    {
        var settings = options.Value;
        _byName[ExtractiveChatClient.ModelId] = new ChatModel
        {
            Name = ExtractiveChatClient.ModelId,
            OwnedBy = "monolith (extractive, not an LLM)",
            Client = new ExtractiveChatClient(),
            ContextTokens = 1_000_000,
            MaxAnswerTokens = 512,
        };

        foreach (var (name, remote) in settings.Models)
        {
            if (!Uri.TryCreate(remote.BaseUrl, UriKind.Absolute, out var endpoint) || remote.MaxResponseBytes <= 0)
            {
                throw new InvalidOperationException($"Chat:Models:{name} needs an absolute BaseUrl and MaxResponseBytes > 0.");
            }

            var transport = new UpstreamTransport(remote.MaxResponseBytes);
            _transports.Add(transport);

            // Base URL, key and model come from configuration only, never from a request (no SSRF).
            var client = new OpenAIClient(new ApiKeyCredential(remote.ApiKey ?? "none"), new OpenAIClientOptions
            {
                Endpoint = endpoint,
                NetworkTimeout = TimeSpan.FromSeconds(remote.TimeoutSeconds),
                RetryPolicy = new ClientRetryPolicy(remote.MaxRetries),
                Transport = transport,
            });
            var upstream = client.GetChatClient(remote.Model ?? name);
            _byName[name] = new ChatModel
            {
                Name = name,
                OwnedBy = endpoint.Host,
                Client = upstream.AsIChatClient(),
                Upstream = new UpstreamChat(upstream, remote.Model ?? name, remote.SupportsTools),
                ContextTokens = remote.ContextTokens,
                MaxAnswerTokens = remote.MaxAnswerTokens,
            };
        }

        var defaultName = settings.DefaultModel ?? ExtractiveChatClient.ModelId;
        Default = _byName.TryGetValue(defaultName, out var model)
            ? model
            : throw new InvalidOperationException($"Chat:DefaultModel '{defaultName}' is not a configured model. Configured: {string.Join(", ", _byName.Keys)}.");
    }

    public ChatModel Default { get; }

    public IReadOnlyCollection<ChatModel> All => _byName.Values;

    public ChatModel? Find(string? name) => string.IsNullOrEmpty(name) ? Default : _byName.GetValueOrDefault(name);

    public void Dispose()
    {
        foreach (var model in _byName.Values)
        {
            model.Client.Dispose();
        }

        foreach (var transport in _transports)
        {
            transport.Dispose();
        }
    }
}
