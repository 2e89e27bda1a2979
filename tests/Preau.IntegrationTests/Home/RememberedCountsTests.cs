using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Homework;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Home.Newness;
using Preau.Web.Platform.Telemetry;

namespace Preau.IntegrationTests.Home;

/// <summary>
/// The home page's « new » counts are remembered while nothing they read changed in the person's spaces (ADR 0040):
/// every write is seen at the next visit, and only then is the statement run again. Alone, after the other tests,
/// so that no other test's writes make the counts be taken again between two visits.
/// </summary>
[Collection(RememberedCountsCollection.Name)]
public sealed class RememberedCountsTests(TestApp app)
{
    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    /// <summary>Opens the home page and says the count on a tile of the child's space, and whether the counts were taken again.</summary>
    private static async Task<(string? Count, bool Counted)> HomeAsync(UserSession who, string service)
    {
        var counted = new List<bool>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PreauMeter.Name && instrument.Name == "preau.home.new_counts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "remembered")
                {
                    lock (counted)
                    {
                        counted.Add(!(bool)tag.Value!);
                    }
                }
            }
        });
        listener.Start();
        var (status, home) = await who.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        listener.Dispose();
        var card = home.QuerySelectorAll("li.space").First(c => c.TextContent.Contains("EleveA", StringComparison.Ordinal));
        Assert.Single(counted);
        return (card.QuerySelector($"a.service[data-service={service}] .count")?.TextContent.Trim(), counted[0]);
    }

    // Until written (once a second), a visit hides everything of its service, however recent (NewSinceLastVisit).
    private Task FlushVisitsAsync() => app.WithDbAsync(db => app.Services.GetRequiredService<VisitMarks>().FlushAsync(db));

    [DbFact]
    public async Task Counts_AreTakenAgain_OnlyAfterAChangeInThePersonsSpaces_AndShowEveryChangeAtOnce()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var blog = await NewSinceLastVisitTests.PublishAsync(teacher, s.ClassA.Id, $"Le potager {s.Tag}");
        using var parent = await SignInAsync(s.GuardianA);
        Assert.Equal(("1 nouvel article", true), await HomeAsync(parent, "blog"));
        Assert.Equal(("1 nouvel article", false), await HomeAsync(parent, "blog"));

        // Another class's article: told for that class only, so the family of class A keeps its counts.
        var activity = app.Services.GetRequiredService<SpaceActivity>();
        using var teacherB = await SignInAsync(s.TeacherB);
        await NewSinceLastVisitTests.PublishAsync(teacherB, s.ClassB.Id, $"Chez les voisins {s.Tag}");
        Assert.Equal(("1 nouvel article", false), await HomeAsync(parent, "blog"));

        // Homework in the child's class (saved with its class): counted again, shown at once.
        await HomeworkTests.WriteAsync(app, teacher, s.ClassA.Id, $"Lire la page 3 {s.Tag}");
        Assert.Equal(("1 nouveauté", true), await HomeAsync(parent, "cahier-de-textes"));

        // The parent opens the blog: what was new there is seen, the rest holds — without counting again.
        Assert.Equal(HttpStatusCode.Redirect, (await parent.GetAsync($"/classe/{s.ClassA.Id}/blog")).StatusCode);
        Assert.Equal((null, false), await HomeAsync(parent, "blog"));
        Assert.Equal(("1 nouveauté", false), await HomeAsync(parent, "cahier-de-textes"));
        await FlushVisitsAsync();

        // A new article, then deleted (a bulk delete, whose space is not known: told everywhere): gone at once.
        await NewSinceLastVisitTests.PublishAsync(teacher, s.ClassA.Id, $"La kermesse {s.Tag}");
        Assert.Equal(("1 nouvel article", true), await HomeAsync(parent, "blog"));
        var id = await app.WithDbAsync(db => db.BlogArticles.Where(a => a.Title == $"La kermesse {s.Tag}").Select(a => a.Id).SingleAsync());
        var before = activity.Now;
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"{blog}/ecrire/{id}", [], "form.danger-zone")).StatusCode);
        Assert.True(activity.Now > before);
        Assert.Equal((null, true), await HomeAsync(parent, "blog"));
    }

    [DbFact]
    public async Task EveryKindTheCountsRead_IsPlacedInItsSpace()
    {
        var routes = await app.WithDbAsync(db => Task.FromResult(app.Services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()
            .OfType<SpaceActivityInterceptor>().Single().Describe(db.Model)));
        var described = string.Join(", ", routes.OrderBy(r => r.Key.Name).Select(r => $"{r.Key.Name}: {r.Value}"));
        // A kind placed nowhere would make each of its writes take every person's counts again: a new module's part of
        // the counts names its space (ClassId, ScopeId, SpaceId) or what it belongs to.
        Assert.DoesNotContain("everywhere", described);
        Assert.Contains("BlogArticle: BlogId → Blog", described);
        Assert.Contains("PhotoTag: PhotoId → Photo", described);
        Assert.Contains("ForumPost: TopicId → ForumTopic", described);
        Assert.Contains("Person: referred", described);
    }

    [DbFact]
    public async Task AWriteCommittedAfterTheCountsWereTaken_IsShownAtTheNextVisit()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var first = await HomeworkTests.WriteAsync(app, teacher, s.ClassA.Id, $"Lire la page 3 {s.Tag}");
        using var parent = await SignInAsync(s.GuardianA);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync($"/classe/{s.ClassA.Id}/cahier-de-textes")).StatusCode);
        Assert.Equal((null, true), await HomeAsync(parent, "cahier-de-textes"));
        await FlushVisitsAsync();

        // Saved inside a transaction: the parent's home page is counted between the save and the commit, without it.
        await app.WithDbAsync(async db =>
        {
            var entry = await db.HomeworkEntries.AsNoTracking().SingleAsync(e => e.Id == first);
            await using var transaction = await db.Database.BeginTransactionAsync();
            entry.Id = Guid.NewGuid();
            entry.Work = $"Apprendre la poésie {s.Tag}";
            entry.CreatedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.HomeworkEntries.Add(entry);
            await db.SaveChangesAsync();
            Assert.Equal((null, true), await HomeAsync(parent, "cahier-de-textes"));
            await transaction.CommitAsync();
        });
        Assert.Equal(("1 nouveauté", true), await HomeAsync(parent, "cahier-de-textes"));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RememberedCountsCollection
{
    public const string Name = "RememberedCounts";
}
