using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;

[assembly: AssemblyFixture(typeof(Preau.IntegrationTests.Infrastructure.TestApp))]

namespace Preau.IntegrationTests.Infrastructure;

/// <summary>
/// One application and one database for the whole test assembly (SQLite file, or a fresh PostgreSQL
/// database in the Postgres twin project), a real SMTP server on loopback for mail. Tests never share
/// data: each builds its own school with <see cref="SchoolBuilder"/>.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdultPassword = "Mot-de-passe-Test-2026";
    public const string PupilPassword = "lune42";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "preau-tests-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase _database = TestDatabase.Create();
    private readonly SmtpSink _smtp = new();

    public string AdultHash { get; private set; } = "";
    public string PupilHash { get; private set; } = "";
    public Guid CurrentYearId { get; private set; }
    public IReadOnlyCollection<MimeMessage> Mails => _smtp.Messages;
    public LogSink Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        await _smtp.StartAsync();
        await _database.CreateAsync();
        await DatabaseSetup.MigrateAsync(Services);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<PreauUser>>();
        AdultHash = hasher.HashPassword(new PreauUser(), AdultPassword);
        PupilHash = hasher.HashPassword(new PreauUser { IsPupil = true }, PupilPassword);
        var year = DemoSeeder.CurrentYear(Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System));
        db.SchoolYears.Add(year);
        db.Territory.Add(new TerritoryInfo { Name = "Département de test", Code = "99" });
        db.Charters.AddRange(
            new Charter { Audience = CharterAudience.Adult, Version = 1, Text = DemoSeeder.AdultCharter, PublishedAt = DateTime.UtcNow },
            new Charter { Audience = CharterAudience.Child, Version = 1, Text = DemoSeeder.ChildCharter, PublishedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        CurrentYearId = year.Id;
    }

    /// <summary>A new, empty deployment (a database without any table, an empty data folder): a restore target.</summary>
    public async Task InitializeEmptyAsync()
    {
        Directory.CreateDirectory(_dataDir);
        await _smtp.StartAsync();
        await _database.CreateAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
        builder.UseSetting("Preau:DataPath", _dataDir);
        builder.UseSetting("Preau:Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Preau", _database.ConnectionString);
        builder.UseSetting("Preau:Database:AutoMigrate", "false");
        builder.UseSetting("Preau:Demo:SeedOnFirstStart", "false");
        builder.UseSetting("Preau:Diagnostics:ServerTiming", "true");
        builder.UseSetting("Preau:Security:LoginAttemptsPerMinute", "100000");
        // Every test signs in from the same (absent) address, and some fail on purpose.
        builder.UseSetting("Preau:Security:FailedLoginsPerMinute", "100000");
        builder.UseSetting("Preau:Security:SignInsAtOncePerAddress", "1000");
        // Small class quota so that the files tests can exceed it with a few small uploads (each test has its own class).
        builder.UseSetting("Preau:Files:Quotas:Class", "300000");
        builder.UseSetting("Preau:Files:Cleanup", "false");
        // Backups are taken by the tests that need them, never by the daily schedule.
        builder.UseSetting("Preau:Backups:Scheduled", "false");
        builder.UseSetting("Preau:Mail:SmtpHost", "127.0.0.1");
        // Tests run dispatch passes themselves (deterministic); any hour is past the digest hour.
        builder.UseSetting("Preau:Notifications:DispatcherEnabled", "false");
        // Likewise thumbnails: tests run ThumbnailWorker.ProcessOnceAsync passes themselves.
        builder.UseSetting("Preau:Albums:ThumbnailsEnabled", "false");
        builder.UseSetting("Preau:Notifications:DigestHour", "0");
        // Tests announce due news themselves (NewsAnnouncer.AnnounceDueAsync with an explicit time).
        builder.UseSetting("Preau:News:Announcer", "false");
        // Likewise training reminders (TrainingReminders.SendDueAsync with an explicit time).
        builder.UseSetting("Preau:Training:Reminders", "false");
        // Tests roll usage statistics up themselves (UsageRollup.RollupAsync on chosen days).
        builder.UseSetting("Preau:UsageStats:Rollup", "false");
        builder.UseSetting("Preau:Mail:SmtpPort", _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A client that keeps its cookies and does not follow redirects, so tests see where they lead. A server error
    /// writes what the application logged as errors meanwhile to the test's output, so a failure shows its cause.
    /// </summary>
    public UserSession NewSession() =>
        new(CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(), new ServerErrorsToTestOutput(Logs)));

    public async Task<T> WithDbAsync<T>(Func<PreauDbContext, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<PreauDbContext>());
    }

    public Task WithDbAsync(Func<PreauDbContext, Task> action) => WithDbAsync(async db =>
    {
        await action(db);
        return true;
    });

    /// <summary>Waits (bounded) for a mail to reach the SMTP server; mail is sent during the request, so this is immediate in practice.</summary>
    public MimeMessage? MailTo(string address) =>
        _smtp.Messages.LastOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DropAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS: the temp folder is cleaned later.
        }
        GC.SuppressFinalize(this);
    }
}

