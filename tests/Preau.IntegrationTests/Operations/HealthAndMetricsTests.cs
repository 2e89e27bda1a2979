using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Operations;

public sealed class HealthAndMetricsTests(TestApp app)
{
    private WebApplicationFactory<Program> WithMetrics(string? allowedNetwork = null) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Preau:Metrics:Enabled", "true");
        if (allowedNetwork is not null)
        {
            b.UseSetting("Preau:Metrics:AllowedNetworks:0", allowedNetwork);
        }
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    });

    private static Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string from)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(RemoteAddressFromHeader.Header, from);
        return client.SendAsync(request);
    }

    [DbFact]
    public async Task Healthz_And_Readyz_AnswerOk_WhenTheDatabaseIsUp()
    {
        using var session = app.NewSession();
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/readyz")).StatusCode);
    }

    [DbFact]
    public async Task Metrics_FromLoopback_ExposePreauMetrics_AndAreRefusedFromAnyOtherAddress()
    {
        await using var factory = WithMetrics();
        using var client = factory.CreateClient();
        var school = await app.NewSchoolAsync();
        using var session = new UserSession(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await session.LoginAsync(school.TeacherA.Login, "mauvais mot de passe");
        await session.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);

        var refused = await ScrapeAsync(client, "203.0.113.7");
        var allowed = await ScrapeAsync(client, "127.0.0.1");

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("preau_", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var text = await allowed.Content.ReadAsStringAsync();
        Assert.Contains("preau_db_commands_total", text);
        Assert.Contains("preau_logins_total{", text);
        Assert.Contains("result=\"BadCredentials\"", text);
        Assert.Contains("preau_outbox_pending", text);
        Assert.Contains("preau_outbox_lag_seconds", text);
        Assert.Contains("preau_thumbnails_pending", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        // .NET's own meter: memory and collections, to size an instance.
        Assert.Contains("dotnet_process_memory_working_set_bytes", text);
        Assert.Contains("dotnet_gc_last_collection_memory_committed_size_bytes", text);
    }

    [DbFact]
    public async Task Metrics_BehindTheProxy_AreRefusedToTheRemoteClientItReports_AndForwardedHeadersFromStrangersAreIgnored()
    {
        await using var factory = WithMetrics();
        using var client = factory.CreateClient();
        async Task<HttpStatusCode> ScrapeThroughAsync(string peer, string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Add(RemoteAddressFromHeader.Header, peer);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await client.SendAsync(request)).StatusCode;
        }

        // nginx on loopback reports a remote client: refused, although the connection itself is local.
        Assert.Equal(HttpStatusCode.NotFound, await ScrapeThroughAsync("127.0.0.1", "203.0.113.7"));
        // A client writing its own header, then nginx adding the real address: only the last hop counts.
        Assert.Equal(HttpStatusCode.NotFound, await ScrapeThroughAsync("127.0.0.1", "127.0.0.1, 203.0.113.7"));
        // A remote machine that is not a known proxy cannot claim to be local.
        Assert.Equal(HttpStatusCode.NotFound, await ScrapeThroughAsync("203.0.113.8", "127.0.0.1"));
        // The scraper on the same host, through the proxy or not.
        Assert.Equal(HttpStatusCode.OK, await ScrapeThroughAsync("127.0.0.1", "127.0.0.1"));
    }

    [DbFact]
    public async Task Metrics_FromAConfiguredNetwork_AreAllowed_AndOffByDefault()
    {
        await using var factory = WithMetrics("10.20.0.0/16");
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync(client, "10.20.3.4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync(client, "10.21.3.4")).StatusCode);

        using var session = app.NewSession();
        Assert.NotEqual(HttpStatusCode.OK, (await session.GetAsync("/metrics")).StatusCode);
    }

    [DbFact]
    public async Task OperationsPages_AreForbiddenToSchoolPeople_AndShownToTheAdministrator()
    {
        var school = await app.NewSchoolAsync();
        foreach (var who in new[] { school.Director, school.TeacherA, school.GuardianA, school.Agent })
        {
            using var session = app.NewSession();
            await session.LoginAsync(who.Login, who.Password);
            foreach (var path in new[] { "/admin/sante", "/admin/sauvegardes" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(path)).StatusCode);
            }
            // Refused whichever check comes first (antiforgery or authorization): no backup starts.
            Assert.Contains((await session.Client.PostAsync("/admin/sauvegardes", new FormUrlEncodedContent([]))).StatusCode,
                new[] { HttpStatusCode.Forbidden, HttpStatusCode.BadRequest });
        }

        var admin = await app.NewAdminAsync();
        using var adminSession = app.NewSession();
        await adminSession.LoginAsync(admin.Login, admin.Password, admin.AuthenticatorKey);
        var (status, health) = await adminSession.GetPageAsync("/admin/sante");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Joignable", health.QuerySelector("[data-health=database]")!.TextContent);
        Assert.Contains("Aucune", UserSession.Text(health)); // No pending migration.
    }

    [DbFact]
    public async Task BackupNow_StartsABackupInTheBackground_AndTheJournalShowsItsSize()
    {
        var admin = await app.NewAdminAsync();
        using var session = app.NewSession();
        await session.LoginAsync(admin.Login, admin.Password, admin.AuthenticatorKey);

        var started = await session.SubmitAsync("/admin/sauvegardes", [], "main form[method=post]");

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        string text;
        do
        {
            await Task.Delay(300);
            text = UserSession.Text((await session.GetPageAsync("/admin/sauvegardes")).Document);
        }
        while (!text.Contains("Réussie") && !text.Contains("Échec") && DateTime.UtcNow < deadline);
        Assert.Contains("Réussie (preau-", text);
        Assert.Contains("manuelle", text);
        Assert.Matches(@"\d+(,\d)? (Kio|Mio)", text);
    }
}
