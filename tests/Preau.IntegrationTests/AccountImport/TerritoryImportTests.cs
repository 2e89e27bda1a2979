using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.AccountImport.Admin;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.AccountImport;

public sealed class TerritoryImportTests(TestApp app)
{
    [DbFact]
    public async Task Admin_ImportsSeveralSchoolsAtOnce_WithProgress_AndBadFilesAreNamed()
    {
        var admin = await app.NewAdminAsync();
        var one = await app.NewSchoolAsync();
        var two = await app.NewSchoolAsync();
        (string, string, byte[]) Pupils(TestSchool s) => ("files", $"{s.School.Uai}-eleves.csv",
            Encoding.UTF8.GetBytes($"Nom élève;Prénom élève;Date naissance;Niveau;Libellé classe\nTERR{s.Tag};Lou;2019-01-02;CE1;CE1\n"));
        (string, string, byte[]) Guardians(TestSchool s) => ("files", $"{s.School.Uai}-responsables.csv",
            Encoding.UTF8.GetBytes($"Nom responsable;Prénom responsable;Nom de famille enfant;Prénom enfant;Classes enfants\nTERR{s.Tag};Max;TERR{s.Tag};Lou;CE1\n"));
        using var session = app.NewSession();
        await session.LoginAsync(admin.Login, admin.Password, admin.AuthenticatorKey);

        var preview = await session.UploadAsync("/admin/import", "main form", [Pupils(one), Guardians(one), Pupils(two), ("files", "0000000A-eleves.csv", [1])]);
        var text = await UserSession.TextAsync(preview);
        Assert.Contains(one.School.Name, text);
        Assert.Contains("fichier des responsables manquant", text);
        Assert.Contains("aucune école n'a ce code UAI", text);
        Assert.False(await app.WithDbAsync(db => db.Persons.AnyAsync(p => p.LastName == $"TERR{one.Tag}")));

        var form = new MultipartFormDataContent();
        var (_, page) = await session.GetPageAsync("/admin/import");
        form.Add(new StringContent(page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        form.Add(new StringContent("true"), "apply");
        foreach (var (name, file, bytes) in new[] { Pupils(one), Guardians(one), Pupils(two), Guardians(two) })
        {
            form.Add(new ByteArrayContent(bytes), name, file);
        }
        var started = await session.Client.PostAsync("/admin/import", form);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var jobUrl = started.Headers.Location!.OriginalString;

        // The job runs in the background; its page refreshes itself until it is done.
        var job = app.Services.GetRequiredService<ImportJobs>().Find(Guid.Parse(jobUrl.Split('=')[1]), admin.Id)!;
        await job.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        var body = await UserSession.TextAsync(await session.GetAsync(jobUrl));
        Assert.Contains("Import terminé", body);
        Assert.Contains("2 / 2", body);
        foreach (var s in new[] { one, two })
        {
            Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.Role == Role.Pupil && db.Persons.Any(p => p.Id == m.PersonId && p.LastName == $"TERR{s.Tag}"))));
        }

        var journal = await UserSession.TextAsync(await session.GetAsync("/admin/journal?action=import.onde"));
        Assert.Contains("import.onde", journal);
        Assert.Contains(admin.Login, journal);

        using var director = app.NewSession();
        await director.LoginAsync(one.Director.Login, one.Director.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/admin/import")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync("/admin/journal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/admin/import?job=" + Guid.NewGuid())).StatusCode);
    }
}
