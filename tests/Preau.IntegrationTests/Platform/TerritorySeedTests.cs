using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Platform.Bench;

namespace Preau.IntegrationTests.Platform;

public sealed partial class TerritorySeedTests
{
    [GeneratedRegex("<img src=\"/fichiers/([^\"]+)\"")]
    private static partial Regex Thumbnail();

    [GeneratedRegex("href=\"/albums/([0-9a-f-]{36})\"")]
    private static partial Regex AlbumLink();

    // `seed territory` sets every account's password and fills the usage tables: it gets a database of its own.
    [DbFact]
    public async Task SeedTerritory_OfOneSchool_GivesFamiliesAYearOfEveryEveningPage_AndRolledUpStatistics()
    {
        await using var app = new TestApp();
        await app.InitializeAsync();
        var users = Path.Combine(Path.GetTempPath(), $"preau-territory-{Guid.NewGuid():N}.csv");
        var output = new StringWriter();

        var code = await TerritorySeed.RunAsync(app.Services, ["seed", "territory", "--schools", "1", "--usage-days", "7", "--users-out", users], output);

        Assert.Equal(0, code);
        Assert.Contains("Territoire prêt", output.ToString());
        var parent = File.ReadLines(users).Select(l => l.Split(';')).First(p => p[0] == "parent");
        var teacher = File.ReadLines(users).Select(l => l.Split(';')).First(p => p[0] == "teacher");
        File.Delete(users);
        await app.WithDbAsync(async db =>
        {
            // On PostgreSQL the load ends as any bulk load should: vacuumed and analysed before the evening's traffic.
            Assert.Equal(db.Database.IsNpgsql(), output.ToString().Contains("VACUUM ANALYZE", StringComparison.Ordinal));
            if (db.Database.IsNpgsql())
            {
                // The filled tables only: an empty table vacuumed would be planned as empty (a whole-table read on every
                // page once the evening fills it), one never vacuumed (reltuples -1) as a few pages.
                var estimates = await db.Database.SqlQueryRaw<TableEstimate>(
                    "SELECT relname AS \"Table\", reltuples::float8 AS \"Rows\" FROM pg_class WHERE relname IN ('people_persons', 'notifications_items')").ToDictionaryAsync(e => e.Table, e => e.Rows);
                Assert.Equal(await db.Persons.CountAsync(), (int)estimates["people_persons"]);
                Assert.Equal(-1, estimates["notifications_items"]);
            }
            Assert.True(await db.HomeworkEntries.CountAsync() > 100);
            Assert.True(await db.BlogArticles.CountAsync() > 10);
            Assert.Equal(await db.AlbumPhotos.CountAsync() * 3, await db.FilesStored.CountAsync(f => f.Purpose == "albums.photo"));
            Assert.True(await db.TownHallRequests.CountAsync() > 0);
            Assert.True(await db.HelpdeskTickets.CountAsync() > 0);
            Assert.True(await db.Set<UsageAggregate>().CountAsync() > 0);
            // Rolled up through yesterday: the app does not start by rebuilding the seeded days.
            var state = await db.Set<UsageRollupState>().SingleAsync();
            Assert.Equal(Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System).AddDays(-1), state.LastDay);
        });

        // A family of the territory signs in with the seeded password and finds each page of the evening's scenario.
        using var family = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await family.LoginAsync(parent[1], TerritorySeed.Password)).StatusCode);
        var classId = parent[2].Split('|')[0];
        var (status, homework) = await family.GetPageAsync($"/classe/{classId}/cahier-de-textes");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("À faire pour", UserSession.Text(homework));
        var blog = await family.GetAsync($"/classe/{classId}/blog");
        Assert.Equal(HttpStatusCode.Redirect, blog.StatusCode);
        var (blogStatus, articles) = await family.GetPageAsync(blog.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, blogStatus);
        Assert.NotEmpty(articles.QuerySelectorAll("article"));
        var albums = await (await family.GetAsync($"/classe/{classId}/albums")).Content.ReadAsStringAsync();
        var album = await (await family.GetAsync($"/albums/{AlbumLink().Match(albums).Groups[1].Value}")).Content.ReadAsStringAsync();
        var thumbnail = await family.GetAsync($"/fichiers/{Thumbnail().Match(album).Groups[1].Value}");
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);

        // Its teacher has the class's subjects for a new entry of the cahier de textes.
        using var staff = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await staff.LoginAsync(teacher[1], TerritorySeed.Password)).StatusCode);
        var (formStatus, form) = await staff.GetPageAsync($"/classe/{teacher[2]}/cahier-de-textes/nouveau");
        Assert.Equal(HttpStatusCode.OK, formStatus);
        Assert.True(form.QuerySelectorAll("#Input_SubjectId option").Length >= 5);
    }

    private sealed record TableEstimate(string Table, double Rows);
}
