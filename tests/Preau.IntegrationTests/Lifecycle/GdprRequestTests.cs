using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Accounts.Data;

namespace Preau.IntegrationTests.Lifecycle;

/// <summary>The administrators' register of GDPR requests: recorded from a person's sheet, answered, an erasure carried out.</summary>
public sealed class GdprRequestTests(TestApp app)
{
    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    private static async Task<Guid> RecordAsync(UserSession admin, Guid personId, GdprRequestKind kind, string requester)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        using var response = await admin.SubmitAsync($"/admin/rgpd?personne={personId}",
            [new("Input.Kind", kind.ToString()), new("Input.Requester", requester), new("Input.ReceivedOn", today)], "#gdpr-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString["/admin/rgpd/".Length..]);
    }

    [DbFact]
    public async Task PersonWithoutAccount_HasTheLinkOnTheirSheet_AndTheirRequestIsRecorded()
    {
        var tag = SchoolBuilder.NewTag();
        var person = new Preau.Web.Modules.People.Data.Person { FirstName = "Sans", LastName = "Compte" + tag, CreatedAt = DateTime.UtcNow };
        await app.WithDbAsync(async db =>
        {
            db.Persons.Add(person);
            await db.SaveChangesAsync();
        });
        var admin = await app.NewAdminAsync();
        using var session = await SignInAsync(admin);

        var (status, sheet) = await session.GetPageAsync($"/personne/{person.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Cette personne n'a pas de compte.", UserSession.Text(sheet));
        Assert.Equal($"/admin/rgpd?personne={person.Id}", sheet.QuerySelector("#gdpr-request")!.GetAttribute("href"));
        var id = await RecordAsync(session, person.Id, GdprRequestKind.Access, "lui-même, au guichet " + tag);
        var (_, request) = await session.GetPageAsync($"/admin/rgpd/{id}");
        Assert.Contains("Compte" + tag, UserSession.Text(request));
    }

    [DbFact]
    public async Task AccessRequest_IsRecordedFromTheSheet_AnsweredWithTheirFile_ThenClosed_AndOnlyAdministratorsReachIt()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var session = await SignInAsync(admin);
        var (_, sheet) = await session.GetPageAsync($"/personne/{school.PupilA.Id}");
        Assert.Equal($"/admin/rgpd?personne={school.PupilA.Id}", sheet.QuerySelector("#gdpr-request")!.GetAttribute("href"));

        // A request without who asked is refused, with the form kept.
        var refused = await session.SubmitAsync($"/admin/rgpd?personne={school.PupilA.Id}", [new("Input.Kind", "Access"), new("Input.Requester", ""), new("Input.ReceivedOn", "2026-12-01")], "#gdpr-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Indiquez qui demande", await UserSession.TextAsync(refused));

        var id = await RecordAsync(session, school.PupilA.Id, GdprRequestKind.Access, "sa mère, par courrier " + school.Tag);
        var (_, register) = await session.GetPageAsync("/admin/rgpd");
        var row = register.QuerySelectorAll("#gdpr-requests tr.gdpr-row").Single(r => r.TextContent.Contains(school.Tag, StringComparison.Ordinal));
        Assert.Contains("Accès à ses données", row.TextContent);
        Assert.Contains("En cours", row.TextContent);

        // The person's file, downloaded on their behalf, audited as such.
        using var file = await session.GetAsync($"/admin/rgpd/{id}?handler=export");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var json = JsonDocument.Parse(await file.Content.ReadAsStringAsync());
        Assert.Equal("EleveA", json.RootElement.GetProperty("Identity").GetProperty("LastName").GetString());
        Assert.True(json.RootElement.GetProperty("Content").TryGetProperty("Messages", out _));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "person.data-exported-for" && e.TargetId == school.PupilA.Id && e.ActorId == admin.Id)));

        var noAnswer = await session.SubmitAsync($"/admin/rgpd/{id}", [new("answer", "")], "#close-form");
        Assert.Contains("Écrivez la réponse apportée", await UserSession.TextAsync(noAnswer));
        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync($"/admin/rgpd/{id}", [new("answer", "Fichier envoyé par courrier le 7 décembre.")], "#close-form")).StatusCode);
        var (_, closed) = await session.GetPageAsync($"/admin/rgpd/{id}");
        Assert.StartsWith("Close le", closed.QuerySelector("#gdpr-status")!.TextContent.Trim());
        Assert.Null(closed.QuerySelector("#close-form"));

        // Directors and teachers: no link on the sheet, 403 on the register and the request.
        using var director = await SignInAsync(school.Director);
        var (_, directorSheet) = await director.GetPageAsync($"/personne/{school.PupilA.Id}");
        Assert.Null(directorSheet.QuerySelector("#gdpr-request"));
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/admin/rgpd")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync($"/admin/rgpd/{id}?handler=export")).StatusCode);
    }

    [DbFact]
    public async Task ErasureRequest_AsksFirst_ThenErasesThePersonAtOnce()
    {
        var school = await app.NewSchoolAsync();
        var admin = await app.NewAdminAsync();
        using var session = await SignInAsync(admin);
        var id = await RecordAsync(session, school.PupilB.Id, GdprRequestKind.Erasure, "son père, par courriel");

        // The first click only asks.
        using var asked = await session.SubmitAsync($"/admin/rgpd/{id}", [], "#erase-form");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await UserSession.DocumentAsync(asked);
        Assert.Contains($"Confirmez-vous l'effacement des données de Test{school.Tag} EleveB", UserSession.Text(question));
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == school.PupilB.Id)));

        using var erased = await session.SubmitFormAsync(question, $"/admin/rgpd/{id}", [], "#erase-form");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.Id == school.PupilB.Id));
            Assert.False(await db.Memberships.AnyAsync(m => m.PersonId == school.PupilB.Id));
            var person = await db.Persons.SingleAsync(p => p.Id == school.PupilB.Id);
            Assert.Equal("Ancien utilisateur", person.DisplayName);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "gdpr.erasure" && e.TargetId == school.PupilB.Id));
            // The others are untouched.
            Assert.True(await db.Users.AnyAsync(u => u.Id == school.PupilA.Id));
        });
        var (_, page) = await session.GetPageAsync($"/admin/rgpd/{id}");
        Assert.Null(page.QuerySelector("#erase-form"));
        Assert.Null(page.QuerySelector("#gdpr-export"));
        Assert.NotNull(page.QuerySelector("#close-form"));
    }
}
