using System.Net;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.IO;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.People;
using Preau.Web.Modules.AccountImport.Letters;

namespace Preau.IntegrationTests.Letters;

public sealed class LettersTests(TestApp app)
{
    private static int PageCount(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        return document.PageCount;
    }

    [DbFact]
    public async Task Teacher_PrintsClassLetters_NewPasswordsFromThePdfWork_OldOnesDoNot()
    {
        var school = await app.NewSchoolAsync();
        // Fresh accounts, as an import makes them: no charter accepted yet.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == school.GuardianA.Id || u.Id == school.PupilA.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.CharterVersionAccepted, 0)));
        using var teacher = await app.SignedInAsync(school.TeacherA);

        var (status, page) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/lettres");
        Assert.Equal(HttpStatusCode.OK, status);
        var pageText = UserSession.Text(page);
        Assert.Contains("seront remplacés", pageText, StringComparison.Ordinal);
        Assert.Contains(school.PupilA.Login, pageText, StringComparison.Ordinal);
        Assert.Contains(school.GuardianA.Login, pageText, StringComparison.Ordinal);
        Assert.DoesNotContain(school.PupilB.Login, pageText, StringComparison.Ordinal);

        using var response = await teacher.SubmitAsync($"/classe/{school.ClassA.Id}/lettres", [], "#print-letters");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"lettres-", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.Equal(2, PageCount(pdf)); // pupil A and guardian A

        var audit = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "letters.printed" && e.TargetId == school.ClassA.Id));
        Assert.Equal("Class", audit.TargetType);
        Assert.Equal(school.TeacherA.Id, audit.ActorId);
        Assert.Equal("2 lettres", audit.Details);
        var guardianUser = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == school.GuardianA.Id));
        Assert.True(guardianUser.MustChangePassword);

        // The old passwords no longer work.
        using (var old = app.NewSession())
        {
            Assert.NotEqual(HttpStatusCode.Redirect, (await old.LoginAsync(school.GuardianA.Login, school.GuardianA.Password)).StatusCode);
            Assert.NotEqual(HttpStatusCode.Redirect, (await old.LoginAsync(school.PupilA.Login, school.PupilA.Password)).StatusCode);
        }

        var text = await PdfText.ReadAsync(pdf);
        if (text is null)
        {
            return;
        }
        Assert.Contains("Garde ce papier à la maison.", text, StringComparison.Ordinal);
        Assert.Contains("EleveA", text, StringComparison.Ordinal); // the child's name on the guardian's letter
        var guardianPassword = PdfText.ValueAfter(text, school.GuardianA.Login, "Mot de passe provisoire");
        var pupilPassword = PdfText.ValueAfter(text, school.PupilA.Login, "Mon mot de passe");
        Assert.Equal(14, guardianPassword.Length);
        // Shown only on the letters: never in the logs.
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(guardianPassword, StringComparison.Ordinal) || l.Contains(pupilPassword, StringComparison.Ordinal));

        using var guardian = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await guardian.LoginAsync(school.GuardianA.Login, guardianPassword)).StatusCode);
        Assert.Equal("/compte/charte", (await guardian.GetAsync("/")).Headers.Location?.OriginalString);
        using var pupil = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await pupil.LoginAsync(school.PupilA.Login, pupilPassword)).StatusCode);
        Assert.Equal("/compte/charte", (await pupil.GetAsync("/")).Headers.Location?.OriginalString);

        // Printed again by default: these accounts have now been used, so only the never-used ones would be printed.
        var (_, again) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/lettres");
        Assert.Contains("comptes déjà utilisés ne sont pas inclus", UserSession.Text(again), StringComparison.Ordinal);
        var (_, all) = await teacher.GetPageAsync($"/classe/{school.ClassA.Id}/lettres?IncludeUsed=true");
        Assert.Contains(school.PupilA.Login, UserSession.Text(all), StringComparison.Ordinal);
    }

    [DbFact]
    public async Task OtherTeacher_Parent_AndForgedPosts_AreRefused()
    {
        var school = await app.NewSchoolAsync();
        using var teacherA = await app.SignedInAsync(school.TeacherA);
        // Without the antiforgery token, even the class's own teacher cannot print.
        Assert.Equal(HttpStatusCode.BadRequest, (await teacherA.Client.PostAsync($"/classe/{school.ClassA.Id}/lettres", new FormUrlEncodedContent([]))).StatusCode);
        using var teacherB = await app.SignedInAsync(school.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/classe/{school.ClassA.Id}/lettres")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.PostWithTokenAsync($"/classe/{school.ClassA.Id}/lettres")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/ecole/{school.School.Id}/lettres")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.PostWithTokenAsync($"/personne/{school.PupilA.Id}/lettre")).StatusCode);

        using var parent = await app.SignedInAsync(school.GuardianA);
        Assert.True(PeopleTestHelpers.IsRefused(await parent.GetAsync($"/classe/{school.ClassA.Id}/lettres")));
        Assert.True(PeopleTestHelpers.IsRefused(await parent.PostWithTokenAsync($"/classe/{school.ClassA.Id}/lettres")));
        Assert.True(PeopleTestHelpers.IsRefused(await parent.PostWithTokenAsync($"/personne/{school.GuardianA.Id}/lettre")));

        // Nothing changed: the original passwords still work, and nothing was audited.
        using var pupil = app.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await pupil.LoginAsync(school.PupilA.Login, school.PupilA.Password)).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "letters.printed" && e.TargetId == school.ClassA.Id)));
    }

    [DbFact]
    public async Task Director_PrintsSchoolLetters_AndOnePersonsLetter()
    {
        var school = await app.NewSchoolAsync();
        using var director = await app.SignedInAsync(school.Director);
        using var response = await director.SubmitAsync($"/ecole/{school.School.Id}/lettres", [], "#print-letters");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, PageCount(await response.Content.ReadAsByteArrayAsync())); // pupils A and B, guardian A

        using var one = await director.SubmitAsync($"/personne/{school.PupilB.Id}", [], "#print-letter");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("application/pdf", one.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, PageCount(await one.Content.ReadAsByteArrayAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "letters.printed" && e.TargetType == "Person" && e.TargetId == school.PupilB.Id)));
    }

    [DbFact]
    public async Task Command_WritesTheSchoolsLetters_AndRefusesABadUai()
    {
        var school = await app.NewSchoolAsync();
        var output = Path.Combine(Path.GetTempPath(), $"preau-letters-{school.Tag}.pdf");
        try
        {
            var errors = new StringWriter();
            var code = await LettersCommand.RunAsync(app.Services, ["--school", school.School.Uai, "--class", school.ClassB.Id.ToString(), "--out", output], errors);
            Assert.Equal(0, code);
            var pdf = await File.ReadAllBytesAsync(output);
            Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
            Assert.Equal(1, PageCount(pdf)); // pupil B has no guardian
            Assert.Contains("1 lettres", errors.ToString(), StringComparison.Ordinal);
            using var old = app.NewSession();
            Assert.NotEqual(HttpStatusCode.Redirect, (await old.LoginAsync(school.PupilB.Login, school.PupilB.Password)).StatusCode);

            var missing = Path.Combine(Path.GetTempPath(), $"preau-letters-{school.Tag}-absent.pdf");
            var badErrors = new StringWriter();
            Assert.NotEqual(0, await LettersCommand.RunAsync(app.Services, ["--school", "0000000X", "--out", missing], badErrors));
            Assert.Contains("Aucune école n'a l'UAI", badErrors.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(missing));

            var noFolder = Path.Combine(Path.GetTempPath(), "preau-no-such-folder-" + school.Tag, "lettres.pdf");
            var folderErrors = new StringWriter();
            Assert.NotEqual(0, await LettersCommand.RunAsync(app.Services, ["--school", school.School.Uai, "--out", noFolder], folderErrors));
            Assert.Contains("n'existe pas", folderErrors.ToString(), StringComparison.Ordinal);
            // Nothing was printed, so pupil A's password is unchanged.
            using var pupilA = app.NewSession();
            Assert.Equal(HttpStatusCode.Redirect, (await pupilA.LoginAsync(school.PupilA.Login, school.PupilA.Password)).StatusCode);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
