using System.Net;
using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Platform;

public sealed class StaticAssetTests(TestApp app)
{
    [DbFact]
    public async Task StylesAndScriptsOfASignedInPage_AreLinkedByContentHash_AndKeptAYear_UnversionedOnesAreNot()
    {
        var school = await app.NewSchoolAsync();
        using var parent = app.NewSession();
        await parent.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        var (status, home) = await parent.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        var assets = home.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.Contains(assets, a => a.StartsWith("/css/site.css?v=", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/lib/signalr/signalr.min.js?v=", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.Contains("?v=", asset);
            using var response = await parent.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        }

        using var unversioned = await parent.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, unversioned.StatusCode);
        Assert.Null(unversioned.Headers.CacheControl);
        Assert.NotNull(unversioned.Headers.ETag);
    }
}
