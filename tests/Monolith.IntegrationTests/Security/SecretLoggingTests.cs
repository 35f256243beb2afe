using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Monolith.IntegrationTests.Chat;
using Monolith.IntegrationTests.Embeddings;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>
/// Secrets are never logged: a host logging everything (Trace) runs every flow that handles a secret
/// (registration, login, wrong password, tokens, API keys, upstream provider keys, the signing key from
/// configuration), then every log entry, exceptions included, is searched for each secret it used.
/// </summary>
public sealed class SecretLoggingTests
{
    [Fact]
    public async Task No_password_token_api_key_signing_key_or_provider_key_appears_in_any_log_entry()
    {
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var chatKey = "sk-chat-provider-" + Guid.NewGuid().ToString("N");
        var embeddingsKey = "sk-embeddings-provider-" + Guid.NewGuid().ToString("N");
        const string password = "log-scan password 1234";
        const string wrongPassword = "log-scan wrong password 5678";
        var logs = new CapturingLoggerProvider();
        await using var chatUpstream = await FakeChatUpstream.StartAsync();
        await using var embeddingsUpstream = await FakeOpenAiUpstream.StartAsync();
        await using var factory = await MonolithFactory.StartAsync(new TestHostOptions
        {
            LoggerProvider = logs,
            Settings = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
                ["Logging:LogLevel:Wolverine"] = "Trace",
                ["Logging:LogLevel:JasperFx"] = "Trace",
                ["Auth:SigningKey"] = signingKey,
                ["Chat:Models:fake:BaseUrl"] = chatUpstream.BaseUrl,
                ["Chat:Models:fake:ApiKey"] = chatKey,
                ["Embeddings:Models:fake:BaseUrl"] = embeddingsUpstream.BaseUrl,
                ["Embeddings:Models:fake:ApiKey"] = embeddingsKey,
                ["Embeddings:Models:fake:Dimensions"] = FakeOpenAiUpstream.NativeDimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });

        using var anonymous = factory.CreateClient();
        var email = Api.NewEmail();
        (await anonymous.RegisterAsync(email, password)).Dispose();
        (await anonymous.RequestTokenAsync(email, wrongPassword)).Dispose();
        var token = await anonymous.TokenAsync(new TestUser(Guid.Empty, email, password));
        using var client = factory.CreateClient(token);
        using var created = await client.PostAsJsonAsync("/api/v1/users/me/api-keys", new { name = "scan" });
        var apiKey = (await created.ReadJsonAsync())["key"]!.GetValue<string>();
        using var keyClient = factory.CreateClient(apiKey);
        foreach (var (path, body) in new (string, object)[]
        {
            ("/v1/embeddings", new { model = "fake", input = "hello" }),
            ("/v1/chat/completions", new { model = "fake", messages = new[] { new { role = "user", content = "hello" } } }),
            ("/v1/chat/completions", new { model = "fake", messages = new[] { new { role = "user", content = FakeChatUpstream.ServerErrorMarker } } }),
        })
        {
            using var response = await keyClient.PostAsJsonAsync(path, body);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadGateway, $"{path}: {(int)response.StatusCode}");
        }

        using (var revoked = factory.CreateClient(apiKey[..^2] + "00"))
        {
            (await revoked.GetAsync("/api/v1/users/me")).Dispose();
        }

        using (var tampered = factory.CreateClient(token[..^4] + "AAAA"))
        {
            (await tampered.GetAsync("/api/v1/users/me")).Dispose();
        }

        var entries = logs.Entries;
        Assert.True(entries.Count > 100, $"only {entries.Count} log entries were captured");
        Assert.Contains(entries, entry => entry.Contains("/v1/chat/completions", StringComparison.Ordinal)); // requests are logged at all
        var secrets = new Dictionary<string, string>
        {
            ["password"] = password,
            ["wrong password"] = wrongPassword,
            ["access token"] = token,
            ["access token signature"] = token.Split('.')[2],
            ["API key"] = apiKey,
            ["signing key"] = signingKey,
            ["chat provider key"] = chatKey,
            ["embeddings provider key"] = embeddingsKey,
        };
        foreach (var (name, secret) in secrets)
        {
            var leak = entries.FirstOrDefault(entry => entry.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"the {name} appears in the log: {leak}");
        }
    }
}
