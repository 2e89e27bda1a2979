using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.Notifications;
using Preau.Web.Modules.Home.Newness;
using Preau.Web.Modules.LiaisonBook;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.LiaisonBook;

public sealed class LiaisonBookTests(TestApp app)
{
    private static async Task<UserSession> SignInAsync(TestApp app, TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    /// <summary>A guardian (with an e-mail) of the given pupil.</summary>
    private static async Task<TestAccount> AddGuardianAsync(TestApp app, Guid pupilId, Relationship relationship = Relationship.Father)
    {
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var guardian = people.Adult("Parent", email: true);
        people.Links.Add(new GuardianLink { GuardianId = guardian.Id, PupilId = pupilId, Relationship = relationship });
        await app.WithDbAsync(people.SaveAsync);
        return guardian;
    }

    internal static async Task<Guid> WriteNoteAsync(TestApp app, UserSession teacher, Guid classId, string title, params (string, string)[] extra)
    {
        var response = await teacher.SubmitAsync($"/classe/{classId}/liaison/nouvelle",
            [("Input.Title", title), ("Input.Body", "Texte secret " + title), .. extra]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.LiaisonNotes.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());
    }

    [DbFact]
    public async Task Teacher_WritesNote_GuardianSignsFromTheClassPage_TeacherSeesTheCount()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var noteId = await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Sortie {school.Tag}");

        var (_, list) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/liaison");
        Assert.Contains("0 / 1 signés", UserSession.Text(list));
        Assert.Contains("1 signature manquante", UserSession.Text((await teacher.GetPageAsync("/")).Document));

        using var parent = await SignInAsync(app, school.GuardianA);
        var (_, home) = await parent.GetPageAsync("/");
        var link = home.QuerySelector("a.service[data-service=liaison]");
        Assert.NotNull(link);
        Assert.Contains("1 mot à signer", link.TextContent);
        var classPage = link.GetAttribute("href")!;
        Assert.Equal($"/classe/{school.ClassA.Id}/liaison", classPage);

        var signed = await parent.SubmitAsync(classPage, [], "form.sign-form");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.StartsWith(classPage, signed.Headers.Location!.OriginalString);
        var (_, after) = await parent.GetPageAsync(classPage);
        Assert.Contains("Vu et signé par vous", UserSession.Text(after));
        Assert.Null(after.QuerySelector("form.sign-form"));
        Assert.Null((await parent.GetPageAsync("/")).Document.QuerySelector("a.service[data-service=liaison] .count"));

        var (_, detail) = await teacher.GetPageAsync($"/liaison/{noteId}");
        Assert.Contains("1 / 1 signés", UserSession.Text(detail));
        Assert.Contains("ParentA", UserSession.Text(detail));
        Assert.Contains("1 / 1 signés", UserSession.Text((await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/liaison")).Document));
        var ack = await app.WithDbAsync(db => db.LiaisonAcknowledgements.SingleAsync(a => a.NoteId == noteId));
        Assert.Equal(school.GuardianA.Id, ack.GuardianId);
        Assert.Equal(school.PupilA.Id, ack.PupilId);
    }

    [DbFact]
    public async Task Reminder_ReachesGuardiansWhoHaveNotSigned_WithoutTheNoteText_AndIsAudited()
    {
        var school = await app.NewSchoolAsync();
        var second = await AddGuardianAsync(app, school.PupilA.Id);
        using var teacher = await SignInAsync(app, school.TeacherA);
        var title = $"Piscine {school.Tag}";
        var noteId = await WriteNoteAsync(app, teacher, school.ClassA.Id, title, ("Input.RequiresBothGuardians", "true"));
        using var parent = await SignInAsync(app, school.GuardianA);
        await parent.SubmitAsync($"/liaison/{noteId}", [], "form.sign-form");

        var reminded = await teacher.SubmitAsync($"/liaison/{noteId}", [], "#remind-form");

        Assert.Equal(HttpStatusCode.Redirect, reminded.StatusCode);
        Assert.Contains("Un responsable a été relancé", UserSession.Text((await teacher.GetPageAsync($"/liaison/{noteId}")).Document));
        // The reminder goes through the notifications outbox: a dispatch pass sends it (the background loop is off in tests).
        await app.DispatchUntilDoneAsync(second.Id, school.GuardianA.Id);
        static bool IsReminder(MimeKit.MimeMessage m) => (m.Subject ?? "").Contains("attend votre signature");
        var mail = Assert.Single(app.MailsTo(second.Email!), IsReminder);
        Assert.Contains($"/liaison/{noteId}", mail.TextBody);
        Assert.DoesNotContain("Texte secret", mail.TextBody);
        Assert.DoesNotContain(title, mail.TextBody + mail.Subject);
        Assert.DoesNotContain(app.MailsTo(school.GuardianA.Email!), IsReminder);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "liaison.reminder" && e.TargetId == noteId)));
    }

    [DbFact]
    public async Task BothGuardiansRule_NoteStaysUnsignedUntilTheSecondSigns_OtherwiseOneIsEnough()
    {
        var school = await app.NewSchoolAsync();
        var second = await AddGuardianAsync(app, school.PupilA.Id);
        using var teacher = await SignInAsync(app, school.TeacherA);
        var both = await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Deux {school.Tag}", ("Input.RequiresBothGuardians", "true"));
        var one = await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Un {school.Tag}");
        using var mother = await SignInAsync(app, school.GuardianA);
        using var father = await SignInAsync(app, second);

        await mother.SubmitAsync($"/liaison/{both}", [], "form.sign-form");
        await mother.SubmitAsync($"/liaison/{one}", [], "form.sign-form");
        Assert.Contains("0 / 1 signés", UserSession.Text((await teacher.GetPageAsync($"/liaison/{both}")).Document));
        Assert.Contains("1 / 1 signés", UserSession.Text((await teacher.GetPageAsync($"/liaison/{one}")).Document));
        // The class's page counts in the database by the same rule as the note's page (which counts from the board).
        var (_, classPage) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/liaison");
        Assert.Contains("0 / 1 signés", classPage.QuerySelector($"#note-{both}")!.TextContent);
        Assert.Contains("1 / 1 signés", classPage.QuerySelector($"#note-{one}")!.TextContent);
        // The home page's count (counted by the database, not from the board) still knows the first needs the second guardian.
        Assert.Contains("1 signature manquante", UserSession.Text((await teacher.GetPageAsync("/")).Document));
        // The father still has the first to sign, not the second.
        Assert.NotNull((await father.GetPageAsync($"/liaison/{both}")).Document.QuerySelector("form.sign-form"));
        Assert.Null((await father.GetPageAsync($"/liaison/{one}")).Document.QuerySelector("form.sign-form"));
        Assert.Contains("1 mot à signer", UserSession.Text((await father.GetPageAsync("/")).Document));
        // The mother signed both: the first still awaits the father, but not her.
        Assert.DoesNotContain("à signer", UserSession.Text((await mother.GetPageAsync("/")).Document));

        await father.SubmitAsync($"/liaison/{both}", [], "form.sign-form");
        Assert.Contains("1 / 1 signés", UserSession.Text((await teacher.GetPageAsync($"/liaison/{both}")).Document));
    }

    [DbFact]
    public async Task ClassPage_RunsTheSameFewQueries_HoweverManyNotesSignaturesAndFamilies()
    {
        // A family's page when its notes are taken from the database, not remembered: as if something changed each time.
        async Task<int> TakenAsync(UserSession who, string url)
        {
            var fewest = int.MaxValue;
            for (var attempt = 0; attempt < 5; attempt++)
            {
                app.Services.GetRequiredService<SpaceActivity>().ChangedEverywhere(LiaisonQueries.FamilyBoard.Name);
                fewest = Math.Min(fewest, await who.QueryCountOnceAsync(url));
            }
            return fewest;
        }

        var school = await app.NewSchoolAsync();
        await AddGuardianAsync(app, school.PupilA.Id);
        using var teacher = await SignInAsync(app, school.TeacherA);
        using var parent = await SignInAsync(app, school.GuardianA);
        var page = $"/classe/{school.ClassA.Id}/liaison";
        var first = await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Premier {school.Tag}");

        // Staff: the account check, the class's school year (may they write?), the notes' count, a page of notes, their
        // signature counts (by the database), the attachments' space; the menu's unread count comes with the account
        // check (ADR 0022).
        Assert.Equal(6, await teacher.QueryCountAsync(page));
        // A family: the account check (with the menu's unread count), the notes with their classes, the children's
        // guardians, their signatures; the children come with the person's access. Then, while nothing changes for the
        // family, only the account check (ADR 0041).
        Assert.Equal(4, await TakenAsync(parent, page));
        Assert.Equal(1, await parent.QueryCountAsync(page));

        for (var i = 0; i < 11; i++)
        {
            (string, string)[] extra = i switch
            {
                3 => [("Input.Recipients", "eleves"), ("Input.PupilIds", school.PupilA.Id.ToString())],
                4 => [("Input.RequiresBothGuardians", "true")],
                _ => [],
            };
            await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Mot {i} {school.Tag}", extra);
        }
        await parent.SubmitAsync($"/liaison/{first}", [], "form.sign-form");

        Assert.Equal(6, await teacher.QueryCountAsync(page));
        Assert.Equal(6, await teacher.QueryCountAsync(page + "?p=2"));
        // One more for the family now that a note went to chosen pupils: which of those are their children's.
        Assert.Equal(5, await TakenAsync(parent, page));
        Assert.Equal(1, await parent.QueryCountAsync(page));
        var (_, second) = await teacher.GetPageAsync(page + "?p=2");
        Assert.Contains("1 / 1 signés", second.QuerySelector($"#note-{first}")!.TextContent);
        // The family's notes are paged the same way: ten, then the first one, signed, on the second page.
        Assert.Equal(10, (await parent.GetPageAsync(page)).Document.QuerySelectorAll("article.liaison-note").Length);
        var (_, familySecond) = await parent.GetPageAsync(page + "?p=2");
        Assert.Equal(2, familySecond.QuerySelectorAll("article.liaison-note").Length);
        Assert.Contains("Vu et signé par vous", familySecond.QuerySelector($"#note-{first}")!.TextContent);
    }

    [DbFact]
    public async Task PupilArrivingToday_CountsOnTheBoard_FromMidnightInParis_NotFromMidnightUtc()
    {
        var school = await app.NewSchoolAsync();
        // 23:30 UTC is already the next day in Paris (00:30 in winter, 01:30 in summer): the day a new pupil arrives.
        var clock = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(23).AddMinutes(30), TimeSpan.Zero));
        var parisToday = Preau.Web.Platform.Time.ParisDate.Today(clock);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.Date).AddDays(1), parisToday);
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var newcomer = people.Pupil("Arrivee");
        people.Member(newcomer, Role.Pupil, ScopeType.Class, school.ClassA.Id);
        people.Memberships[^1].StartsOn = parisToday;
        await app.WithDbAsync(people.SaveAsync);
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var teacher = new UserSession(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);

        var noteId = await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Rentrée {school.Tag}");

        // The class's access (ADR 0016) and the board agree on the day: the newcomer is addressed with the first pupil.
        Assert.Contains("0 / 2 signés", UserSession.Text((await teacher.GetPageAsync($"/liaison/{noteId}")).Document));
        Assert.Contains("2 signatures manquantes", UserSession.Text((await teacher.GetPageAsync("/")).Document));
    }

    [DbFact]
    public async Task GuardianOfAnotherClass_Gets404_AndCannotSign()
    {
        var school = await app.NewSchoolAsync();
        var guardianB = await AddGuardianAsync(app, school.PupilB.Id);
        using var teacher = await SignInAsync(app, school.TeacherA);
        var noteId = await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Privé {school.Tag}");
        using var teacherB = await SignInAsync(app, school.TeacherB);
        await WriteNoteAsync(app, teacherB, school.ClassB.Id, $"Classe B {school.Tag}");
        using var other = await SignInAsync(app, guardianB);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetPageAsync($"/liaison/{noteId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetPageAsync($"/liaison/{noteId}/impression")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetPageAsync($"/classe/{school.ClassA.Id}/liaison")).Status);
        // Posting a signature with a valid form token from their own class page, aimed at the other class's note.
        var forged = await other.SubmitAsync($"/classe/{school.ClassB.Id}/liaison",
            [new("noteId", noteId.ToString()), new("pupilId", school.PupilA.Id.ToString())], "form.sign-form");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.LiaisonAcknowledgements.AnyAsync(a => a.NoteId == noteId)));
        // Pupils do not see the cahier de liaison, and TeacherB does not see ClassA's.
        using var pupil = await SignInAsync(app, school.PupilA);
        Assert.Equal(HttpStatusCode.NotFound, (await pupil.GetPageAsync($"/classe/{school.ClassA.Id}/liaison")).Status);
        Assert.Null((await pupil.GetPageAsync("/")).Document.QuerySelector("a.service[data-service=liaison]"));
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetPageAsync($"/liaison/{noteId}")).Status);
    }

    [DbFact]
    public async Task NoteToChosenPupils_IsInvisibleToOtherFamilies()
    {
        var school = await app.NewSchoolAsync();
        var pupilA2 = await app.WithDbAsync(async db =>
        {
            var p = new Person { FirstName = "Autre", LastName = "EleveA2" };
            db.Persons.Add(p);
            db.Memberships.Add(new Membership { PersonId = p.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = school.ClassA.Id, SchoolYearId = app.CurrentYearId });
            await db.SaveChangesAsync();
            return p.Id;
        });
        var otherParent = await AddGuardianAsync(app, pupilA2);
        using var teacher = await SignInAsync(app, school.TeacherA);
        var noteId = await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Choisis {school.Tag}",
            ("Input.Recipients", "eleves"), ("Input.PupilIds", school.PupilA.Id.ToString()));

        using var parentA = await SignInAsync(app, school.GuardianA);
        Assert.Contains($"Choisis {school.Tag}", UserSession.Text((await parentA.GetPageAsync($"/classe/{school.ClassA.Id}/liaison")).Document));
        using var other = await SignInAsync(app, otherParent);
        Assert.DoesNotContain($"Choisis {school.Tag}", UserSession.Text((await other.GetPageAsync($"/classe/{school.ClassA.Id}/liaison")).Document));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetPageAsync($"/liaison/{noteId}")).Status);
        Assert.Contains("0 / 1 signés", UserSession.Text((await teacher.GetPageAsync($"/liaison/{noteId}")).Document));
        Assert.Contains("0 / 1 signés", (await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/liaison")).Document.QuerySelector($"#note-{noteId}")!.TextContent);
        // The home pages' counts follow the same addressing: one signature awaited, from the chosen pupil's family only.
        Assert.Contains("1 signature manquante", UserSession.Text((await teacher.GetPageAsync("/")).Document));
        Assert.Contains("1 mot à signer", UserSession.Text((await parentA.GetPageAsync("/")).Document));
        Assert.Null((await other.GetPageAsync("/")).Document.QuerySelector("a.service[data-service=liaison] .count"));
    }

    [DbFact]
    public async Task QuestionAnswer_IsRequiredAndRecorded()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var noteId = await WriteNoteAsync(app, teacher, school.ClassA.Id, $"Question {school.Tag}",
            ("Input.Question", "Participera à la sortie ?"), ("Input.Choices", ""));
        using var parent = await SignInAsync(app, school.GuardianA);

        await parent.SubmitAsync($"/liaison/{noteId}", [], "form.sign-form");
        Assert.False(await app.WithDbAsync(db => db.LiaisonAcknowledgements.AnyAsync(a => a.NoteId == noteId)));
        await parent.SubmitAsync($"/liaison/{noteId}", [new("answer", "Oui")], "form.sign-form");

        var ack = await app.WithDbAsync(db => db.LiaisonAcknowledgements.SingleAsync(a => a.NoteId == noteId));
        Assert.Equal("Oui", ack.Answer);
        var (_, print) = await teacher.GetPageAsync($"/liaison/{noteId}/impression");
        Assert.Contains("Oui", print.QuerySelector("tbody")!.TextContent);
        Assert.Contains("ParentA", print.QuerySelector("tbody")!.TextContent);
    }

    [DbFact]
    public async Task Director_SendsOneNoteToSeveralClasses()
    {
        var school = await app.NewSchoolAsync();
        var guardianB = await AddGuardianAsync(app, school.PupilB.Id);
        using var director = await SignInAsync(app, school.Director);
        var title = $"Kermesse {school.Tag}";

        var sent = await director.SubmitAsync($"/ecole/{school.School.Id}/liaison/nouvelle",
            [new("Input.Title", title), new("Input.Body", "Fête de l'école"), new("Input.ClassIds", school.ClassA.Id.ToString()), new("Input.ClassIds", school.ClassB.Id.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var noteId = await app.WithDbAsync(db => db.LiaisonNotes.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.LiaisonNoteClasses.CountAsync(c => c.NoteId == noteId)));
        using var parentA = await SignInAsync(app, school.GuardianA);
        using var parentB = await SignInAsync(app, guardianB);
        Assert.Contains(title, UserSession.Text((await parentA.GetPageAsync($"/classe/{school.ClassA.Id}/liaison")).Document));
        Assert.Contains(title, UserSession.Text((await parentB.GetPageAsync($"/classe/{school.ClassB.Id}/liaison")).Document));
        Assert.Contains("0 / 2 signés", UserSession.Text((await director.GetPageAsync($"/liaison/{noteId}")).Document));
        using var teacherB = await SignInAsync(app, school.TeacherB);
        Assert.Contains("0 / 1 signés", UserSession.Text((await teacherB.GetPageAsync($"/liaison/{noteId}")).Document));
        // Each class's page counts that class's pupils only.
        Assert.Contains("0 / 1 signés", (await director.GetPageAsync($"/classe/{school.ClassB.Id}/liaison")).Document.QuerySelector($"#note-{noteId}")!.TextContent);
        Assert.Contains("1 signature manquante", UserSession.Text((await teacherB.GetPageAsync("/")).Document));
        Assert.Contains("1 mot à signer", UserSession.Text((await parentB.GetPageAsync("/")).Document));
        // A teacher cannot write to the whole school.
        using var teacherA = await SignInAsync(app, school.TeacherA);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherA.GetPageAsync($"/ecole/{school.School.Id}/liaison/nouvelle")).Status);
    }

    [DbFact]
    public async Task Replies_ArePrivateToTheFamilyAndTheClassTeachers()
    {
        var school = await app.NewSchoolAsync();
        var guardianB = await AddGuardianAsync(app, school.PupilB.Id);
        using var director = await SignInAsync(app, school.Director);
        var title = $"Réunion {school.Tag}";
        await director.SubmitAsync($"/ecole/{school.School.Id}/liaison/nouvelle",
            [new("Input.Title", title), new("Input.Body", "Réunion"), new("Input.ClassIds", school.ClassA.Id.ToString()), new("Input.ClassIds", school.ClassB.Id.ToString())]);
        var noteId = await app.WithDbAsync(db => db.LiaisonNotes.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());
        using var parentA = await SignInAsync(app, school.GuardianA);

        var replied = await parentA.SubmitAsync($"/liaison/{noteId}", [new("text", "Nous serons en retard")], "form.reply-form");

        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        using var teacherA = await SignInAsync(app, school.TeacherA);
        Assert.Contains("Nous serons en retard", UserSession.Text((await teacherA.GetPageAsync($"/liaison/{noteId}")).Document));
        using var teacherB = await SignInAsync(app, school.TeacherB);
        Assert.DoesNotContain("Nous serons en retard", UserSession.Text((await teacherB.GetPageAsync($"/liaison/{noteId}")).Document));
        using var parentB = await SignInAsync(app, guardianB);
        Assert.DoesNotContain("Nous serons en retard", UserSession.Text((await parentB.GetPageAsync($"/liaison/{noteId}")).Document));
        // A parent cannot post a reply for someone else's child.
        var forged = await parentB.SubmitAsync($"/liaison/{noteId}", [new("text", "Intrus"), new("pupilId", school.PupilA.Id.ToString())], "form.reply-form");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }
}
