using System.Net;
using System.Net.Http.Json;
using Monolith.IntegrationTests.Infrastructure;

namespace Monolith.IntegrationTests.Security;

/// <summary>
/// One host with small limits (3 failures per account, 8 per address, 3 registrations per address, a 10 s lockout),
/// trusting 127.0.0.1 as its proxy: each test claims addresses of its own with X-Forwarded-For.
/// </summary>
public sealed class LoginThrottlingTests(LoginThrottlingTests.SmallLimitsHost host) : IClassFixture<LoginThrottlingTests.SmallLimitsHost>
{
    private const int AccountFailures = 3;
    private const int AddressFailures = 8;
    private const int Registrations = 3;
    private const int LockoutSeconds = 10;

    [Fact]
    public async Task After_the_accounts_failures_its_logins_are_429_with_retry_after_even_with_the_right_password()
    {
        var address = NewAddress();
        var user = await RegisterAsync(NewAddress());
        for (var attempt = 1; attempt <= AccountFailures; attempt++)
        {
            using var failed = await LoginAsync(address, user.Email, "wrong password here");
            await Problem.AssertAsync(failed, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var refused = await LoginAsync(NewAddress(), user.Email, user.Password);

        await AssertRefusedAsync(refused);
    }

    [Fact]
    public async Task An_unknown_account_is_refused_after_as_many_failures_with_the_same_answer_as_a_known_one()
    {
        var known = await RegisterAsync(NewAddress());
        var unknown = Api.NewEmail();
        var answers = new List<(string Body, TimeSpan? RetryAfter)>();
        foreach (var email in new[] { known.Email, unknown })
        {
            for (var attempt = 1; attempt <= AccountFailures; attempt++)
            {
                using var failed = await LoginAsync(NewAddress(), email, "wrong password here");
                await Problem.AssertAsync(failed, HttpStatusCode.Unauthorized, "unauthorized");
            }

            using var refused = await LoginAsync(NewAddress(), email, "wrong password here");
            var problem = await AssertRefusedAsync(refused);
            problem.Remove("traceId");
            problem.Remove("instance");
            answers.Add((problem.ToJsonString(), refused.Headers.RetryAfter?.Delta));
        }

        Assert.Equal(answers[0].Body, answers[1].Body);
        Assert.NotNull(answers[1].RetryAfter);
    }

    [Fact]
    public async Task Successful_logins_are_not_counted_and_clear_the_accounts_failures()
    {
        var address = NewAddress();
        var user = await RegisterAsync(NewAddress());

        for (var round = 1; round <= 3; round++)
        {
            for (var attempt = 1; attempt < AccountFailures; attempt++)
            {
                using var failed = await LoginAsync(address, user.Email, "wrong password here");
                await Problem.AssertAsync(failed, HttpStatusCode.Unauthorized, "unauthorized");
            }

            using var succeeded = await LoginAsync(address, user.Email, user.Password);
            Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);
        }
    }

    [Fact]
    public async Task Malformed_login_requests_do_not_count_against_the_account()
    {
        var address = NewAddress();
        var user = await RegisterAsync(NewAddress());

        for (var attempt = 1; attempt <= AccountFailures * 2; attempt++)
        {
            using var malformed = await LoginAsync(address, user.Email, "");
            await Problem.AssertValidationAsync(malformed, "password");
        }

        using var succeeded = await LoginAsync(address, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);
    }

    [Fact]
    public async Task A_team_of_20_behind_one_address_can_all_log_in_within_a_minute_even_when_some_mistype_once()
    {
        var office = NewAddress();
        var team = new List<TestUser>();
        for (var member = 0; member < 20; member++)
        {
            team.Add(await RegisterAsync(NewAddress())); // registered from home
        }

        var started = DateTimeOffset.UtcNow;
        foreach (var member in team.Take(AddressFailures - 1))
        {
            using var mistyped = await LoginAsync(office, member.Email, "wrong password here");
            await Problem.AssertAsync(mistyped, HttpStatusCode.Unauthorized, "unauthorized");
        }

        foreach (var member in team)
        {
            using var login = await LoginAsync(office, member.Email, member.Password);
            Assert.True(login.StatusCode == HttpStatusCode.OK, $"{member.Email}: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        }

        // Not a timing target: the limit is a count, so "within a minute" holds whatever this machine's speed.
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromMinutes(5), "the logins took implausibly long");
    }

    [Fact]
    public async Task Failures_from_one_address_across_many_accounts_lock_out_that_address_only_then_it_resets()
    {
        var sprayer = NewAddress();
        var user = await RegisterAsync(NewAddress());
        for (var attempt = 1; attempt <= AddressFailures; attempt++)
        {
            using var failed = await LoginAsync(sprayer, Api.NewEmail(), "Summer2026!");
            await Problem.AssertAsync(failed, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (var refused = await LoginAsync(sprayer, user.Email, user.Password))
        {
            await AssertRefusedAsync(refused);
        }

        using (var elsewhere = await LoginAsync(NewAddress(), user.Email, user.Password))
        {
            Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(LockoutSeconds + 1));
        using var afterLockout = await LoginAsync(sprayer, user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, afterLockout.StatusCode);
    }

    [Fact]
    public async Task Registrations_are_limited_per_address()
    {
        var address = NewAddress();
        for (var registration = 1; registration <= Registrations; registration++)
        {
            await RegisterAsync(address);
        }

        using (var refused = await RegisterRequestAsync(address, Api.NewEmail()))
        {
            await AssertRefusedAsync(refused);
        }

        await RegisterAsync(NewAddress());
    }

    [Fact]
    public async Task The_counts_are_shared_by_every_process_over_the_database()
    {
        var address = NewAddress();
        var user = await RegisterAsync(NewAddress());
        await using var second = await MonolithFactory.StartAsync(host.Options with
        {
            Settings = new Dictionary<string, string?>(host.Options.Settings) { ["ConnectionStrings:Postgres"] = host.Factory.Database.ConnectionString },
        });
        using var secondClient = second.CreateClient();

        for (var attempt = 1; attempt <= AccountFailures; attempt++)
        {
            using var failed = await LoginAsync(address, user.Email, "wrong password here");
            await Problem.AssertAsync(failed, HttpStatusCode.Unauthorized, "unauthorized");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { email = user.Email, password = user.Password }) };
        request.Headers.Add("X-Forwarded-For", NewAddress());
        using var refused = await secondClient.SendAsync(request);
        await AssertRefusedAsync(refused);
    }

    private HttpClient Client => host.Client;

    private static string NewAddress() => $"198.18.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    private static async Task<System.Text.Json.Nodes.JsonObject> AssertRefusedAsync(HttpResponseMessage response)
    {
        var problem = await Problem.AssertAsync(response, HttpStatusCode.TooManyRequests, "rate-limited", "Too many requests");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        return problem;
    }

    private Task<HttpResponseMessage> LoginAsync(string address, string email, string password) =>
        SendAsync(address, "/api/v1/auth/token", new { email, password });

    private Task<HttpResponseMessage> RegisterRequestAsync(string address, string email) =>
        SendAsync(address, "/api/v1/auth/register", new { email, password = Api.Password, displayName = "Team member" });

    private async Task<TestUser> RegisterAsync(string address)
    {
        var email = Api.NewEmail();
        using var response = await RegisterRequestAsync(address, email);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return new TestUser((await response.ReadJsonAsync())["id"]!.GetValue<Guid>(), email, Api.Password);
    }

    private Task<HttpResponseMessage> SendAsync(string address, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        return Client.SendAsync(request);
    }

    public sealed class SmallLimitsHost : IAsyncLifetime
    {
        private MonolithFactory? _factory;

        public HttpClient Client { get; private set; } = null!;

        public MonolithFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

        public TestHostOptions Options { get; } = new()
        {
            LoginAddressFailures = AddressFailures,
            RegistrationPermitLimit = Registrations,
            Settings = new Dictionary<string, string?>
            {
                ["ForwardedHeaders:TrustedProxies"] = "127.0.0.1",
                ["RateLimits:Login:AccountFailures"] = AccountFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RateLimits:Login:LockoutSeconds"] = LockoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };

        public async Task InitializeAsync()
        {
            _factory = await MonolithFactory.StartAsync(Options);
            Client = _factory.CreateClient();
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }
        }
    }
}
