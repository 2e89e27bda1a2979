using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Accounts.Audit;
using Preau.Web.Modules.Accounts.Data;

namespace Preau.IntegrationTests.Platform;

public sealed class ResilienceTests(TestApp app)
{
    [DbFact]
    public async Task Readyz_WhenTheDatabaseDoesNotAnswer_Returns503ProblemDetails_WhileHealthzStaysUp()
    {
#if POSTGRES
        const string unreachable = "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=none;Timeout=2";
#else
        const string unreachable = "Data Source=/nonexistent-folder/preau.db";
#endif
        await using var broken = app.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Preau", unreachable));
        using var client = broken.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Base de données injoignable", await response.Content.ReadAsStringAsync());
        // Liveness never depends on the database: restarting the app would not bring PostgreSQL back.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [DbFact]
    public async Task ForgottenPassword_TooManyRequestsFromOneAddress_AreRateLimited()
    {
        await using var strict = app.WithWebHostBuilder(b => b.UseSetting("Preau:Security:LoginAttemptsPerMinute", "3"));
        using var session = new UserSession(strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        for (var i = 0; i < 3; i++)
        {
            var asked = await session.SubmitAsync("/compte/mot-de-passe-oublie", ("LoginOrEmail", "personne.inconnue"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, asked.StatusCode);
        }

        var refused = await session.SubmitAsync("/compte/mot-de-passe-oublie", ("LoginOrEmail", "personne.inconnue"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Contains("Trop de tentatives", await UserSession.TextAsync(refused));
    }

    [DbFact]
    public async Task LoginEvents_OlderThanOneYear_ArePurged()
    {
        var adult = await app.NewAdultAsync();
        await app.WithDbAsync(async db =>
        {
            db.LoginEvents.AddRange(
                new LoginEvent { At = DateTime.UtcNow.AddDays(-400), UserId = adult.Id, Outcome = LoginOutcome.Success },
                new LoginEvent { At = DateTime.UtcNow.AddDays(-300), UserId = adult.Id, Outcome = LoginOutcome.Success });
            await db.SaveChangesAsync();
        });

        await LoginEventRetention.PurgeAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, CancellationToken.None);

        var left = await app.WithDbAsync(db => Task.FromResult(db.LoginEvents.Where(e => e.UserId == adult.Id).Select(e => e.At).ToList()));
        var kept = Assert.Single(left);
        Assert.True(kept > DateTime.UtcNow.AddDays(-365));
    }
}
