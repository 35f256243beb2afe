using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monolith.BuildingBlocks.Quotas;
using Wolverine;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>How a test host differs from the defaults.</summary>
public sealed record TestHostOptions
{
    /// <summary>Failed logins per client address before its logins are refused; high, as every test logs in from 127.0.0.1.</summary>
    public int LoginAddressFailures { get; init; } = 1_000_000;

    /// <summary>Registrations per client address and hour; high, as every test registers from 127.0.0.1.</summary>
    public int RegistrationPermitLimit { get; init; } = 1_000_000;

    /// <summary>Requests per user (or per address when anonymous) and minute; high so tests measure behaviour, not throttling.</summary>
    public int RequestPermitLimit { get; init; } = 1_000_000;

    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>Adds this assembly's <see cref="UserEventsRecorder"/> as a subscriber of the Users events.</summary>
    public bool RecordUserEvents { get; init; }

    /// <summary>The hosting environment; test hosts run as Development unless told otherwise.</summary>
    public string? Environment { get; init; }

    /// <summary>Receives every log entry of the host, in addition to the console.</summary>
    public ILoggerProvider? LoggerProvider { get; init; }

    /// <summary>The clock the quotas count by (windows, Retry-After, reset headers); the system's when null.</summary>
    public TimeProvider? QuotaClock { get; init; }

    /// <summary>Further configuration ("Section:Key" → value), applied after the defaults above.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The real host on a real loopback port (Kestrel, not TestServer), over its own database and
/// data folder, both removed on dispose.
/// </summary>
public sealed class MonolithFactory : WebApplicationFactory<Program>
{
    // Hosts start one at a time: Wolverine keeps some process-wide static state (message naming) that it sets up while starting.
    private static readonly SemaphoreSlim StartLock = new(1, 1);

    private readonly TestHostOptions _options;
    private readonly string _dataPath;

    private MonolithFactory(TestDatabase database, TestHostOptions options)
    {
        Database = database;
        _options = options;
        _dataPath = Path.Combine(Path.GetTempPath(), $"monolith-test-{Guid.NewGuid():N}");
        AdminEmail = $"admin-{Guid.NewGuid():N}@example.test";
        UseKestrel(0); // port 0: the OS picks a free port
    }

    public TestDatabase Database { get; }

    /// <summary>The email configured as admin (Users:AdminEmails:0).</summary>
    public string AdminEmail { get; }

    public string SigningKeyPath => Path.Combine(_dataPath, "jwt-signing.key");

    public static async Task<MonolithFactory> StartAsync(TestHostOptions? options = null)
    {
        var database = await TestDatabase.CreateAsync();
        var factory = new MonolithFactory(database, options ?? new TestHostOptions());
        await StartLock.WaitAsync();
        try
        {
            factory.StartServer();
            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
        finally
        {
            StartLock.Release();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Loopback only, port chosen by the OS (UseKestrel(0) above); never the default 8080.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("ConnectionStrings:Postgres", Database.ConnectionString);
        builder.UseSetting("DataPath", _dataPath);
        builder.UseSetting("Messaging:RabbitMq", ""); // every module in process: never the developer's broker
        builder.UseSetting("Shutdown:DrainSeconds", "0"); // nothing routes to a test host by its readiness
        builder.UseSetting("RateLimits:Login:AddressFailures", _options.LoginAddressFailures.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:Registration:PermitLimit", _options.RegistrationPermitLimit.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:Requests:PermitLimit", _options.RequestPermitLimit.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Users:AdminEmails:0", AdminEmail);
        if (_options.MaxRequestBodyBytes is { } maxBody)
        {
            builder.UseSetting("Limits:MaxRequestBodyBytes", maxBody.ToString(CultureInfo.InvariantCulture));
        }

        if (_options.Environment is { } environment)
        {
            builder.UseEnvironment(environment);
        }

        foreach (var (key, value) in _options.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RunWolverineInSoloMode();
            if (_options.QuotaClock is { } quotaClock)
            {
                services.AddKeyedSingleton(QuotaCounters.ClockKey, quotaClock);
            }

            if (_options.LoggerProvider is { } loggerProvider)
            {
                services.AddSingleton(loggerProvider);
            }

            if (_options.RecordUserEvents)
            {
                services.ConfigureWolverine(wolverine => wolverine.Discovery.IncludeAssembly(typeof(UserEventsRecorder).Assembly));
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await Database.DisposeAsync();
            if (Directory.Exists(_dataPath))
            {
                Directory.Delete(_dataPath, recursive: true);
            }
        }
    }
}
