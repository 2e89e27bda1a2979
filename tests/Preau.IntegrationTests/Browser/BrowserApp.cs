using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using static Microsoft.Playwright.Assertions;

namespace Preau.IntegrationTests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}

/// <summary>
/// The real application on Kestrel (loopback, free port) with the demo département on a temporary SQLite
/// file, and one headless Debian Chromium driven by Playwright, shared by all browser tests. Each test opens
/// its own browser context (own cookies).
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "preau-browser-" + Guid.NewGuid().ToString("N"));
    private readonly Infrastructure.SmtpSink _smtp = new();
    private Factory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The application's services (its database), for tests that set up or restore state.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The application was not started.");

    /// <summary>What the application sent by e-mail (a real SMTP server on loopback).</summary>
    internal IReadOnlyCollection<MimeKit.MimeMessage> Mails => _smtp.Messages;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium was not started (see BrowserFactAttribute).");

    public async ValueTask InitializeAsync()
    {
        if (!BrowserFactAttribute.BrowserAvailable && !BrowserFactAttribute.Required)
        {
            // Every browser test is skipped: start nothing.
            return;
        }
        Directory.CreateDirectory(_dataDir);
        await _smtp.StartAsync();
        _factory = new Factory(_dataDir, _smtp.Port);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());

        // WebApplicationFactory stops Program before PreauApp.InitializeAsync: migrate and seed here.
        await DatabaseSetup.MigrateAsync(_factory.Services);
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh context (no cookies) with a page; French, like the schools; with a viewport, a touch phone.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "fr-FR",
            ViewportSize = viewport,
            IsMobile = viewport is not null,
            HasTouch = viewport is not null,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A demo adult signed in (the charter accepted if asked) in a fresh French context; with a viewport, a touch phone.
    /// For new journeys: the older ones each keep their own copy.
    /// </summary>
    public async Task<IPage> SignInDemoAsync(string login, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(DemoSeeder.AdultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        var home = "^" + System.Text.RegularExpressions.Regex.Escape(BaseAddress.ToString()) + "$";
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(home + "|/compte/charte$"));
        if (page.Url.EndsWith("/compte/charte", StringComparison.Ordinal))
        {
            await page.Locator("#accept").CheckAsync();
            await page.Locator("form:has(#accept) button[type=submit]").ClickAsync();
        }
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(home));
        return page;
    }

    /// <summary>An operator signs in: the charter and the two-factor enrolment on a first login, the code afterwards.</summary>
    public async Task<IPage> SignInOperatorAsync(string login)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Identifiant").FillAsync(login);
        await page.GetByLabel("Mot de passe").FillAsync(DemoSeeder.AdultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        var home = "^" + Regex.Escape(BaseAddress.ToString()) + "$";
        await Expect(page).ToHaveURLAsync(new Regex(home + "|/compte/charte$|/compte/double-authentification$|/connexion/code"));
        if (page.Url.Contains("/connexion/code", StringComparison.Ordinal))
        {
            // Another journey enrolled this account already: its stored key gives the code.
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var userId = await db.Users.Where(u => u.UserName == login).Select(u => u.Id).SingleAsync();
            var key = await db.Set<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>()
                .Where(t => t.UserId == userId && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync();
            await page.GetByLabel("Code").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
            await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(home + "|/compte/charte$"));
        }
        if (page.Url.EndsWith("/compte/charte", StringComparison.Ordinal))
        {
            await page.Locator("#accept").CheckAsync();
            await page.Locator("form:has(#accept) button[type=submit]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(home + "|/compte/double-authentification$"));
        }
        if (page.Url.EndsWith("/compte/double-authentification", StringComparison.Ordinal))
        {
            var key = (await page.Locator("#authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            await page.GetByLabel("Code à 6 chiffres").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
            await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(new Regex(home));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _smtp.DisposeAsync();
        try
        {
            if (Directory.Exists(_dataDir))
            {
                Directory.Delete(_dataDir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned later.
        }
    }

    private sealed class Factory(string dataDir, int smtpPort) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Preau:Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Preau", $"Data Source={Path.Combine(dataDir, "preau-browser.db")}");
            builder.UseSetting("Preau:DataPath", dataDir);
            builder.UseSetting("Preau:Demo:SeedOnFirstStart", "true");
            builder.UseSetting("Preau:Security:LoginAttemptsPerMinute", "1000");
            builder.UseSetting("Preau:Security:FailedLoginsPerMinute", "1000");
            builder.UseSetting("Preau:Security:SignInsAtOncePerAddress", "100");
            builder.UseSetting("Preau:Albums:ThumbnailsEnabled", "false");
            builder.UseSetting("Preau:Backups:Scheduled", "false");
            builder.UseSetting("Preau:Mail:SmtpHost", "127.0.0.1");
            builder.UseSetting("Preau:Mail:SmtpPort", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // The outbox is looked at every second, so that a journey sees its e-mail arrive promptly.
            builder.UseSetting("Preau:Notifications:PollSeconds", "1");
        }
    }
}
