using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;

namespace Preau.IntegrationTests.News;

/// <summary>
/// News for the whole territory reaches every person of the shared test database, other tests' families included, whose
/// unread counts those tests check: these tests run alone, and leave neither the item nor its notifications behind.
/// </summary>
[Collection(TerritoryWideCollection.Name)]
public sealed class TerritoryNewsTests(TestApp app)
{
    [DbFact]
    public async Task TerritoryNews_ByAnAdministrator_ReachesEveryone()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var adminSession = await app.SignedInAsync(admin);
        var title = $"Maintenance {school.Tag}";
        var published = await adminSession.SubmitAsync("/actualites/nouvelle", ("Input.Scope", "Territory"), ("Input.Title", title), ("Input.Body", "Texte de l'actualité."));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var id = await app.WithDbAsync(db => db.NewsItems.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());
        try
        {
            using var pupil = await app.SignedInAsync(school.PupilA);
            Assert.Contains(title, UserSession.Text((await pupil.GetPageAsync("/actualites")).Document));
            using var advisor = await app.SignedInAsync(school.Advisor);
            Assert.Contains(title, UserSession.Text((await advisor.GetPageAsync("/actualites")).Document));
            using var parent = await app.SignedInAsync(school.GuardianA);
            Assert.Contains("Département", UserSession.Text((await parent.GetPageAsync($"/actualites/{id}")).Document));
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                var items = db.NotificationItems.Where(i => i.Url == $"/actualites/{id}").Select(i => i.Id);
                await db.NotificationOutbox.Where(o => items.Contains(o.ItemId)).ExecuteDeleteAsync();
                await db.NotificationItems.Where(i => i.Url == $"/actualites/{id}").ExecuteDeleteAsync();
                await db.NewsItems.Where(n => n.Id == id).ExecuteDeleteAsync();
                await Preau.Web.Platform.Auth.AccessStamp.BumpAsync(db);
            });
        }
    }
}

/// <summary>Tests whose data reaches every person of the test database run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TerritoryWideCollection
{
    public const string Name = "TerritoryWide";
}
