using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Chat;

/// <summary>A document on one topic.</summary>
public sealed record TopicDocument(string Title, string Text);

/// <summary>
/// Four documents on distinct topics that share no content word with each other's questions, so an extractive
/// answer to <see cref="BeeQuestion"/> can only quote <see cref="Bees"/>, and <see cref="OffTopicQuestion"/> shares
/// a word with none of them.
/// </summary>
public static class ChatDocuments
{
    public const string BeeQuestion = "How do honey bees tell other bees where flowers are?";
    public const string BeeQuote = "Honey bees communicate the location of flowers through the waggle dance.";
    public const string OffTopicQuestion = "Which programming language did Guido van Rossum create?";

    public static readonly TopicDocument Saturn = new(
        "Saturn's rings",
        "Saturn's rings are made mostly of water ice and rock particles. The rings span hundreds of thousands of kilometres " +
        "but are only about ten metres thick. Galileo first observed them in 1610 through a small telescope.");

    public static readonly TopicDocument Sourdough = new(
        "Sourdough baking",
        "Sourdough bread rises thanks to wild yeast and lactic acid bacteria living in the starter. Bakers feed the starter " +
        "with flour and water every day. A long cold fermentation gives the crust its tangy taste.");

    public static readonly TopicDocument Bees = new(
        "Honey bee communication",
        BeeQuote + " The angle of the dance against the vertical shows the direction of the food relative to the sun. " +
        "Worker bees live about six weeks in summer.");

    public static readonly TopicDocument Railway = new(
        "Trans-Siberian Railway",
        "The Trans-Siberian Railway connects Moscow with Vladivostok across 9,289 kilometres. Construction began in 1891 " +
        "and the main line was completed in 1916. The journey takes about seven days without stops.");

    public static readonly IReadOnlyList<TopicDocument> All = [Saturn, Sourdough, Bees, Railway];
}

/// <summary>A user with an API key, a client authenticated with it, and an indexed collection of <see cref="ChatDocuments.All"/>.</summary>
public sealed class ChatLibrary : IDisposable
{
    private ChatLibrary(TestUser user, string apiKey, HttpClient client, Guid collectionId, IReadOnlyList<Guid> documentIds)
    {
        User = user;
        ApiKey = apiKey;
        Client = client;
        CollectionId = collectionId;
        DocumentIds = documentIds;
    }

    public TestUser User { get; }

    public string ApiKey { get; }

    public HttpClient Client { get; }

    public Guid CollectionId { get; }

    public IReadOnlyList<Guid> DocumentIds { get; }

    public static async Task<ChatLibrary> CreateAsync(MonolithFactory factory)
    {
        var (user, apiKey, client) = await factory.NewApiKeyClientAsync();
        var (collectionId, documentIds) = await client.CreateIndexedCollectionAsync(ChatDocuments.All);
        return new ChatLibrary(user, apiKey, client, collectionId, documentIds);
    }

    public Guid DocumentId(TopicDocument document) => DocumentIds[ChatDocuments.All.ToList().IndexOf(document)];

    public void Dispose() => Client.Dispose();
}
