using System.Net;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Platform;

public sealed class HealthTests(TestApp app)
{
    [DbFact]
    public async Task Healthz_WhenDatabaseAnswers_Returns200()
    {
        using var session = app.NewSession();
        var response = await session.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [DbFact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        using var session = app.NewSession();
        var response = await session.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/v1/me", await response.Content.ReadAsStringAsync());
    }

    [DbFact]
    public async Task LegalPages_AreReachableWithoutSigningIn()
    {
        using var session = app.NewSession();
        foreach (var path in new[] { "/mentions-legales", "/donnees-personnelles", "/accessibilite" })
        {
            var (status, doc) = await session.GetPageAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.NotEmpty(doc.QuerySelector("h1")!.TextContent);
        }
    }

    [DbFact]
    public async Task LanguageSwitch_ShowsTheShellInEnglish()
    {
        using var session = app.NewSession();
        await session.SubmitAsync("/connexion", [new("culture", "en"), new("returnUrl", "/connexion")], "footer form");
        var (_, doc) = await session.GetPageAsync("/connexion");
        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Sign in", doc.QuerySelector("main")!.TextContent);
        // The error pages too.
        var (status, missing) = await session.GetPageAsync("/erreur/404");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, status);
        Assert.Contains("Page not found", missing.QuerySelector("main")!.TextContent);
        Assert.Contains("This page does not exist", missing.QuerySelector("main")!.TextContent);
    }
}
