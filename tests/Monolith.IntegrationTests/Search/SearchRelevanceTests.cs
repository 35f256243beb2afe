using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Search;

/// <summary>
/// Documents on distinct topics and one question per topic, worded differently from the document
/// (each shares at least one content word with it, so keyword search has something to match):
/// the right document comes first in every mode.
/// </summary>
[Collection(SearchHostCollection.Name)]
public sealed class SearchRelevanceTests(SearchHostFixture host)
{
    private static readonly (string Topic, string Text, string Query)[] Topics =
    [
        ("photosynthesis",
            "Photosynthesis lets green plants turn sunlight, water and carbon dioxide into glucose, releasing oxygen as a by-product. Chlorophyll in the leaves absorbs mostly red and blue light.",
            "How do plants make their own food from light?"),
        ("french revolution",
            "The French Revolution began in 1789 when crowds stormed the Bastille in Paris. The monarchy was abolished and King Louis XVI was executed by guillotine in 1793.",
            "When did the people of Paris overthrow their king?"),
        ("tcp handshake",
            "A TCP connection opens with a three-way handshake: the client sends SYN, the server answers SYN-ACK, and the client replies ACK before any data flows.",
            "How does a client set up a connection with a server before sending anything?"),
        ("sourdough",
            "Sourdough bread rises thanks to a starter of wild yeast and lactic acid bacteria. Bakers feed the starter with flour and water and let the dough ferment slowly for a tangy crust.",
            "Baking a loaf with natural yeast instead of the packet kind"),
        ("black holes",
            "A black hole is a region where gravity is so strong that nothing, not even light, can escape once it crosses the event horizon. They form when massive stars collapse.",
            "What remains when a huge star dies and falls in on itself under gravity?"),
        ("vaccines",
            "Vaccines train the immune system by exposing it to a harmless piece of a pathogen, so antibodies are ready when the real infection arrives.",
            "How does vaccination protect the body against infection?"),
        ("aqueducts",
            "Roman engineers built aqueducts that carried water from distant springs into cities along a gentle downhill gradient over many kilometres.",
            "How did ancient Rome supply its cities with fresh water?"),
        ("castling",
            "In chess, castling moves the king two squares toward a rook and places the rook on the other side, sheltering the king and activating the rook.",
            "Which special chess move tucks the king into safety?"),
    ];

    private readonly MonolithFactory _factory = host.Factory;

    [Fact]
    public async Task The_document_on_the_topic_asked_about_comes_first_in_every_mode()
    {
        var (_, client) = await _factory.NewUserClientAsync();
        using var _ = client;
        var collectionId = await client.CreateCollectionIdAsync("topics");
        var documentIds = await client.AddDocumentsAsync(collectionId, Topics.Select(topic => (object)new { text = topic.Text, title = topic.Topic }));
        await client.WaitForIndexedAsync(collectionId, documentIds);

        var misses = new List<string>();
        foreach (var mode in new[] { "vector", "keyword", "hybrid" })
        {
            for (var i = 0; i < Topics.Length; i++)
            {
                var hits = await client.SearchItemsAsync(collectionId, new { query = Topics[i].Query, mode });
                if (hits.Count == 0 || hits[0]["documentId"]!.GetValue<Guid>() != documentIds[i])
                {
                    misses.Add($"{mode} '{Topics[i].Query}' → {(hits.Count == 0 ? "nothing" : hits[0]["title"]!.GetValue<string>())} (expected {Topics[i].Topic})");
                }

                var scores = hits.Select(hit => hit["score"]!.GetValue<double>()).ToList();
                Assert.Equal(scores.OrderDescending(), scores);
            }
        }

        Assert.True(misses.Count == 0, string.Join("; ", misses));
    }
}
