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
            .OfType<SpaceActivityInterceptor>().Single().Describe(NewItemsQuery.StatementName, db.Model)));
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

/// <summary>
/// The home page's other statements — a family's notes to sign, the work due, the coming events — are remembered the
/// same way (ADR 0041), each under its own ticks: a write shows at once, and only the statement it concerns runs again.
/// </summary>
[Collection(RememberedCountsCollection.Name)]
public sealed class RememberedHomeStatementsTests(TestApp app)
{
    private const string Liaison = "liaison-to-sign", Homework = "homework-due", Agenda = "agenda-upcoming", FamilyBoard = "liaison-family-board",
        StaffCounts = "liaison-missing", ClassPupils = "liaison-class-pupils";

    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    /// <summary>Runs a request and says, for each remembered statement it asked for, whether it ran (true) or was remembered (false).</summary>
    private static async Task<(T Result, Dictionary<string, bool> Ran)> RanAsync<T>(Func<Task<T>> request)
    {
        var ran = new Dictionary<string, bool>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PreauMeter.Name && instrument.Name == "preau.home.remembered")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? statement = null;
            bool? remembered = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "statement")
                {
                    statement = (string)tag.Value!;
                }
                else if (tag.Key == "remembered")
                {
                    remembered = (bool)tag.Value!;
                }
            }
            lock (ran)
            {
                ran[statement!] = !remembered!.Value;
            }
        });
        listener.Start();
        var result = await request();
        return (result, ran);
    }

    private static async Task<(T Result, bool Ran)> RanAsync<T>(string statement, Func<Task<T>> request)
    {
        var (result, ran) = await RanAsync(request);
        return (result, ran[statement]);
    }

    /// <summary>Opens the home page: its text, and for each statement whether it ran (true) or was remembered (false).</summary>
    private static async Task<(string Text, AngleSharp.Html.Dom.IHtmlDocument Page, Dictionary<string, bool> Ran)> HomeAsync(UserSession who)
    {
        var ((status, home), ran) = await RanAsync(() => who.GetPageAsync("/"));
        Assert.Equal(HttpStatusCode.OK, status);
        return (UserSession.Text(home), home, ran);
    }

    private static async Task AddEventAsync(UserSession teacher, Guid classId, string title, DateOnly day)
    {
        using var link = await teacher.GetAsync($"/classe/{classId}/agenda");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        var agenda = link.Headers.Location!.OriginalString;
        var response = await teacher.SubmitAsync($"{agenda}/evenement",
            [new("Input.Title", title), new("Input.Date", day.ToString("yyyy-MM-dd")), new("Input.StartTime", "10:00"), new("Input.EndTime", "11:00")], "#event-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static string? ToSign(AngleSharp.Html.Dom.IHtmlDocument home) =>
        home.QuerySelector("a.service[data-service=liaison] .count")?.TextContent.Trim();

    [DbFact]
    public async Task NotesWorkAndEvents_AreRemembered_UntilAWriteThatConcernsThem_ThenShownAtOnce()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        var tomorrow = Preau.Web.Platform.Time.ParisDate.Today(app.Services.GetRequiredService<TimeProvider>()).AddDays(1);
        await LiaisonBook.LiaisonBookTests.WriteNoteAsync(app, teacher, s.ClassA.Id, $"Sortie {s.Tag}");
        await HomeworkTests.WriteAsync(app, teacher, s.ClassA.Id, $"Lire la page 3 {s.Tag}");
        await AddEventAsync(teacher, s.ClassA.Id, $"Piscine {s.Tag}", tomorrow);

        using var parent = await SignInAsync(s.GuardianA);
        var (text, page, ran) = await HomeAsync(parent);
        Assert.Equal("1", ToSign(page)?.Split(' ')[0]);
        Assert.Contains($"Lire la page 3 {s.Tag}", text);
        Assert.Contains($"Piscine {s.Tag}", text);
        Assert.Equal(new Dictionary<string, bool> { [Liaison] = true, [Homework] = true, [Agenda] = true }, ran);

        // Nothing changed: nothing runs again, the same page.
        (text, page, ran) = await HomeAsync(parent);
        Assert.Equal("1", ToSign(page)?.Split(' ')[0]);
        Assert.Contains($"Lire la page 3 {s.Tag}", text);
        Assert.Contains($"Piscine {s.Tag}", text);
        Assert.Equal(new Dictionary<string, bool> { [Liaison] = false, [Homework] = false, [Agenda] = false }, ran);

        // Another class's note, homework and event: told for that class and its agenda, this family keeps all three.
        using var teacherB = await SignInAsync(s.TeacherB);
        await LiaisonBook.LiaisonBookTests.WriteNoteAsync(app, teacherB, s.ClassB.Id, $"Chez les voisins {s.Tag}");
        await HomeworkTests.WriteAsync(app, teacherB, s.ClassB.Id, $"Chez les voisins, page 8 {s.Tag}");
        await AddEventAsync(teacherB, s.ClassB.Id, $"Chez les voisins, théâtre {s.Tag}", tomorrow);
        (_, _, ran) = await HomeAsync(parent);
        Assert.Equal(new Dictionary<string, bool> { [Liaison] = false, [Homework] = false, [Agenda] = false }, ran);

        // A second note in the child's class: the notes to sign only are taken again.
        await LiaisonBook.LiaisonBookTests.WriteNoteAsync(app, teacher, s.ClassA.Id, $"Photos de classe {s.Tag}");
        (_, page, ran) = await HomeAsync(parent);
        Assert.Equal("2", ToSign(page)?.Split(' ')[0]);
        Assert.Equal(new Dictionary<string, bool> { [Liaison] = true, [Homework] = false, [Agenda] = false }, ran);

        // The parent signs one (a signature placed by its pupil): one left, at once.
        var signed = await parent.SubmitAsync($"/classe/{s.ClassA.Id}/liaison", [], "form.sign-form");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        (_, page, ran) = await HomeAsync(parent);
        Assert.Equal("1", ToSign(page)?.Split(' ')[0]);
        Assert.True(ran[Liaison]);

        // New work and a new event in the child's class: each shown at once.
        await HomeworkTests.WriteAsync(app, teacher, s.ClassA.Id, $"Apprendre la poésie {s.Tag}");
        (text, _, ran) = await HomeAsync(parent);
        Assert.Contains($"Apprendre la poésie {s.Tag}", text);
        Assert.Equal(new Dictionary<string, bool> { [Liaison] = false, [Homework] = true, [Agenda] = false }, ran);
        await AddEventAsync(teacher, s.ClassA.Id, $"Kermesse {s.Tag}", tomorrow.AddDays(1));
        (text, _, ran) = await HomeAsync(parent);
        Assert.Contains($"Kermesse {s.Tag}", text);
        Assert.Equal(new Dictionary<string, bool> { [Liaison] = false, [Homework] = false, [Agenda] = true }, ran);
    }

    [DbFact]
    public async Task EveryKindTheStatementsRead_IsPlacedWhereTheirResultsAreAskedFor()
    {
        async Task<string> RoutesAsync(string statement)
        {
            var routes = await app.WithDbAsync(db => Task.FromResult(app.Services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()
                .OfType<SpaceActivityInterceptor>().Single().Describe(statement, db.Model)));
            return string.Join(", ", routes.OrderBy(r => r.Key.Name).Select(r => $"{r.Key.Name}: {r.Value}"));
        }

        // A family's notes to sign are asked for their children's classes and their children; a new note is reached
        // through its classes only.
        Assert.Equal("Acknowledgement: PupilId, GuardianLink: PupilId, Membership: ScopeId, Note: referred, NoteClass: ClassId, NoteRecipient: PupilId",
            await RoutesAsync(Liaison));
        // The work due: the pupils' classes and the pupils.
        Assert.Equal("Entry: ClassId, EntryPupil: PupilId, Subject: ClassId", await RoutesAsync(Homework));
        // The coming events: the agendas read.
        Assert.Equal("AgendaEvent: AgendaId", await RoutesAsync(Agenda));
        // A family's page of the class's notes: the class and the children; a guardian's name changed, everywhere (a person
        // is placed nowhere). Not the accounts: every sign-in writes one (Login).
        Assert.Equal("Acknowledgement: PupilId, GuardianLink: PupilId, Note: referred, NoteClass: ClassId, NoteRecipient: PupilId, Person: referred",
            await RoutesAsync(FamilyBoard));
        // A teacher's missing signatures: asked for the classes and their pupils, themselves asked for the classes.
        Assert.Equal("Acknowledgement: PupilId, GuardianLink: PupilId, Membership: ScopeId, Note: referred, NoteClass: ClassId, NoteRecipient: PupilId",
            await RoutesAsync(StaffCounts));
        Assert.Equal("Membership: ScopeId", await RoutesAsync(ClassPupils));
    }

    [DbFact]
    public async Task ATeachersMissingSignatures_AreRemembered_UntilAFamilySignsOrAPupilArrives()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        await LiaisonBook.LiaisonBookTests.WriteNoteAsync(app, teacher, s.ClassA.Id, $"Sortie {s.Tag}");
        static string? Missing(AngleSharp.Html.Dom.IHtmlDocument home) => home.QuerySelector("a.service[data-service=liaison] .count")?.TextContent.Trim();

        var (_, page, ran) = await HomeAsync(teacher);
        Assert.Equal("1 signature manquante", Missing(page));
        Assert.True(ran[StaffCounts]);
        (_, page, ran) = await HomeAsync(teacher);
        Assert.Equal("1 signature manquante", Missing(page));
        Assert.False(ran[StaffCounts]);

        // The family signs: seen at once.
        using var parent = await SignInAsync(s.GuardianA);
        Assert.Equal(HttpStatusCode.Redirect, (await parent.SubmitAsync($"/classe/{s.ClassA.Id}/liaison", [], "form.sign-form")).StatusCode);
        (_, page, ran) = await HomeAsync(teacher);
        Assert.Null(Missing(page));
        Assert.True(ran[StaffCounts]);

        // A pupil arrives in the class (a membership of the class): one more signature missing, at once.
        await app.WithDbAsync(async db =>
        {
            var pupil = new Preau.Web.Modules.People.Data.Person { FirstName = "Nouvel", LastName = $"Élève {s.Tag}" };
            db.Persons.Add(pupil);
            db.Memberships.Add(new Preau.Web.Modules.People.Data.Membership
            {
                PersonId = pupil.Id, Role = Preau.Web.Modules.People.Data.Role.Pupil,
                ScopeType = Preau.Web.Modules.People.Data.ScopeType.Class, ScopeId = s.ClassA.Id,
            });
            await db.SaveChangesAsync();
        });
        (_, page, ran) = await HomeAsync(teacher);
        Assert.Equal("1 signature manquante", Missing(page));
        Assert.True(ran[StaffCounts]);
    }

    [DbFact]
    public async Task AFamilysPageOfTheClassNotes_IsRemembered_UntilTheySignOrTheTeacherWrites()
    {
        var s = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(s.TeacherA);
        await LiaisonBook.LiaisonBookTests.WriteNoteAsync(app, teacher, s.ClassA.Id, $"Sortie {s.Tag}");
        using var parent = await SignInAsync(s.GuardianA);
        var page = $"/classe/{s.ClassA.Id}/liaison";

        async Task<(AngleSharp.Html.Dom.IHtmlDocument Page, bool Ran)> OpenAsync()
        {
            var ran = await RanAsync(FamilyBoard, () => parent.GetPageAsync(page));
            return (ran.Result.Document, ran.Ran);
        }

        var (notes, ran) = await OpenAsync();
        Assert.True(ran);
        Assert.Single(notes.QuerySelectorAll("form.sign-form"));
        (notes, ran) = await OpenAsync();
        Assert.False(ran);
        Assert.Single(notes.QuerySelectorAll("form.sign-form"));

        // Signing is seen at once; so is the teacher's next note.
        Assert.Equal(HttpStatusCode.Redirect, (await parent.SubmitAsync(page, [], "form.sign-form")).StatusCode);
        (notes, ran) = await OpenAsync();
        Assert.True(ran);
        Assert.Empty(notes.QuerySelectorAll("form.sign-form"));
        Assert.Contains("Vu et signé par vous", UserSession.Text(notes));
        await LiaisonBook.LiaisonBookTests.WriteNoteAsync(app, teacher, s.ClassA.Id, $"Photos de classe {s.Tag}");
        (notes, ran) = await OpenAsync();
        Assert.True(ran);
        Assert.Contains($"Photos de classe {s.Tag}", UserSession.Text(notes));
        Assert.Single(notes.QuerySelectorAll("form.sign-form"));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RememberedCountsCollection
{
    public const string Name = "RememberedCounts";
}
