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
    public async Task Presentation_IsPublic_LinkedFromTheSignInPage_WithTheTerritorysFigures()
    {
        var school = await app.NewSchoolAsync();
        using var visitor = app.NewSession();
        var (_, login) = await visitor.GetPageAsync("/connexion");
        Assert.NotNull(login.QuerySelector("a[href='/presentation']"));
        Assert.NotNull(login.QuerySelector("a[href='/vitrine']"));

        var (status, page) = await visitor.GetPageAsync("/presentation");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("Préau, l'espace numérique des écoles", page.QuerySelector("h1")!.TextContent);
        // Other tests add schools meanwhile: the figures are read, not compared with a count taken at another moment.
        var figures = System.Text.RegularExpressions.Regex.Replace(page.QuerySelector("#presentation-figures")!.TextContent, @"\s+", " ").Trim();
        var match = System.Text.RegularExpressions.Regex.Match(figures, @"^(\d+) écoles? de (\d+) communes? (et collectivités|ou collectivité) y travaillent aujourd'hui\.$");
        Assert.True(match.Success, figures);
        Assert.True(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.NotNull(page.QuerySelector("main a[href='/vitrine']"));
        Assert.NotNull(page.QuerySelector("main a[href='/connexion']"));
        Assert.DoesNotContain(school.School.Name, UserSession.Text(page));
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
