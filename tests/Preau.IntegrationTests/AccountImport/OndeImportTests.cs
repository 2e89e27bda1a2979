using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.AccountImport.Onde;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.AccountImport;

public sealed class OndeImportTests(TestApp app)
{
    private sealed record Expected(int Pupils, int Classes, int Guardians, int Links);

    private static Expected Read(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")));
        var r = doc.RootElement;
        return new Expected(r.GetProperty("pupils").GetInt32(), r.GetProperty("classes").GetInt32(), r.GetProperty("guardians").GetInt32(), r.GetProperty("guardian_pupil_links").GetInt32());
    }

    private static (string, string, byte[])[] Files(string folder) =>
    [
        ("pupils", "eleves.csv", File.ReadAllBytes(Path.Combine(folder, "eleves.csv"))),
        ("guardians", "responsables.csv", File.ReadAllBytes(Path.Combine(folder, "responsables.csv"))),
    ];

    /// <summary>
    /// Both sample schools, through the director's pages: preview first (nothing written), then apply, then
    /// the same files again change nothing. One test, because the samples' pupils are the same people for
    /// every test and would otherwise move between the schools of tests running side by side.
    /// </summary>
    [DbFact]
    public async Task Director_ImportsEachSample_CountsMatchAndReimportChangesNothing()
    {
        foreach (var sample in new[] { "ecole-vesoul-jaures", "ecole-rurale-be1d" })
        {
            var folder = SharedData.OndeFolder(sample);
            var expected = Read(folder);
            var school = await app.NewSchoolAsync();
            using var director = app.NewSession();
            await director.LoginAsync(school.Director.Login, school.Director.Password);
            var url = $"/ecole/{school.School.Id}/import";
            var before = await PupilsOfAsync(school);

            var preview = await director.UploadAsync(url, "form[enctype='multipart/form-data']", Files(folder));
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            var previewText = await UserSession.TextAsync(preview);
            Assert.Contains("Aperçu : rien n'est encore enregistré", previewText);
            Assert.Equal(before, await PupilsOfAsync(school));

            var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await preview.Content.ReadAsStringAsync());
            var token = doc.QuerySelector("input[name=token]")!.GetAttribute("value")!;
            var applied = await director.Client.PostAsync(url + "?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = token,
                ["__RequestVerificationToken"] = doc.QuerySelector("form[action*=Apply] input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            }));
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
            var (status, result) = await director.GetPageAsync(applied.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Import ONDE appliqué", UserSession.Text(result));

            Assert.Equal(before + expected.Pupils, await PupilsOfAsync(school));
            var classIds = await app.WithDbAsync(db => db.Classes.Where(c => c.SchoolId == school.School.Id && c.OndeId != null || c.SchoolId == school.School.Id && c.Name != school.ClassA.Name && c.Name != school.ClassB.Name).Select(c => c.Id).ToListAsync());
            Assert.Equal(expected.Classes, classIds.Count);
            var links = await app.WithDbAsync(db => db.GuardianLinks.Where(l => db.Memberships.Any(m => m.PersonId == l.PupilId && m.Role == Role.Pupil && classIds.Contains(m.ScopeId!.Value))).ToListAsync());
            Assert.Equal(expected.Links, links.Count);
            Assert.Equal(expected.Guardians, links.Select(l => l.GuardianId).Distinct().Count());
            // Hand-made pupils of the school stay.
            Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == school.PupilA.Id && m.ScopeId == school.ClassA.Id)));

            var again = await director.UploadAsync(url, "form[enctype='multipart/form-data']", Files(folder));
            var againText = await UserSession.TextAsync(again);
            var report = await ReportOfLastPreviewAsync(again);
            Assert.Equal(0, report.Pupils.Created + report.Pupils.Updated + report.Pupils.Leaving);
            Assert.Equal(0, report.Guardians.Created + report.Links.Created + report.Classes.Created);
            Assert.Contains("Aperçu", againText);
        }
    }

    [DbFact]
    public async Task Import_ByATeacherOrAnotherSchoolsDirector_IsNotFound()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        foreach (var who in new[] { school.TeacherA, other.Director, school.GuardianA })
        {
            using var session = app.NewSession();
            await session.LoginAsync(who.Login, who.Password);
            var response = await session.GetAsync($"/ecole/{school.School.Id}/import");
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        }
    }

    [DbFact]
    public async Task Import_OfAnUnusableFile_SaysWhyInFrenchAndWritesNothing()
    {
        var school = await app.NewSchoolAsync();
        using var director = app.NewSession();
        await director.LoginAsync(school.Director.Login, school.Director.Password);
        var binary = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3 };

        var response = await director.UploadAsync($"/ecole/{school.School.Id}/import", "form[enctype='multipart/form-data']",
            [("pupils", "eleves.xlsx", binary), ("guardians", "responsables.csv", Encoding.UTF8.GetBytes("Nom responsable;Prénom responsable\n"))]);

        var text = await UserSession.TextAsync(response);
        Assert.Contains("rien n'a été enregistré", text);
        Assert.Contains("élèves", text);
        Assert.Equal(2, await PupilsOfAsync(school));
    }

    [DbFact]
    public async Task Cli_ImportsWithJsonReport_AndRefusesAnUnknownSchool()
    {
        var school = await app.NewSchoolAsync();
        var tag = school.Tag;
        var dir = Directory.CreateTempSubdirectory("preau-onde-");
        var pupils = Path.Combine(dir.FullName, "eleves.csv");
        var guardians = Path.Combine(dir.FullName, "responsables.csv");
        await File.WriteAllTextAsync(pupils, $"""
            Nom élève;Prénom élève;Date naissance;Niveau;Libellé classe;INE
            DURAND{tag};Zoé;12/03/2019;CE1;CE1 Mme X;{tag[..6]}12345
            DURAND{tag};Hugo;2017-01-05;CM1;CM1 M. Y;
            """);
        await File.WriteAllTextAsync(guardians, $"""
            Civilité Responsable;Nom responsable;Prénom responsable;Courriel;Nom de famille enfant;Prénom enfant;Classes enfants
            MME;DURAND{tag};Claire;claire.{tag}@example.org;DURAND{tag};Zoé;CE1 Mme X
            MME;DURAND{tag};Claire;claire.{tag}@example.org;DURAND{tag};Hugo;CM1 M. Y
            """);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await OndeImportCommand.RunAsync(app.Services, ["import", "onde", "--school", school.School.Uai, "--pupils", pupils, "--guardians", guardians, "--json"], output, error);

        Assert.True(code == 0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(2, json.RootElement.GetProperty("pupils").GetProperty("created").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("guardians").GetProperty("created").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("links").GetProperty("created").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("classes").GetProperty("created").GetInt32());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("errors").ValueKind);

        var bad = await OndeImportCommand.RunAsync(app.Services, ["import", "onde", "--school", "0000000A", "--pupils", pupils, "--guardians", guardians], new StringWriter(), error);
        Assert.Equal(2, bad);
        Assert.Contains("Aucune école", error.ToString());
    }

    [DbFact]
    public async Task Reimport_WithoutAPupil_MarksThemLeavingWithTheirGuardian()
    {
        var school = await app.NewSchoolAsync();
        var tag = school.Tag;
        using var dir = new CsvFolder();
        var header = "Nom élève;Prénom élève;Date naissance;Niveau;Libellé classe\n";
        var both = dir.Write("e1.csv", header + $"MARTIN{tag};Léa;01/02/2018;CE2;CE2\nPETIT{tag};Noé;03/04/2018;CE2;CE2\n");
        var one = dir.Write("e2.csv", header + $"MARTIN{tag};Léa;01/02/2018;CE2;CE2\n");
        var guardians = dir.Write("r.csv", $"Nom responsable;Prénom responsable;Nom de famille enfant;Prénom enfant;Classes enfants\nPETIT{tag};Paul;PETIT{tag};Noé;CE2\nMARTIN{tag};Anne;MARTIN{tag};Léa;CE2\n");
        var guardiansOne = dir.Write("r2.csv", $"Nom responsable;Prénom responsable;Nom de famille enfant;Prénom enfant;Classes enfants\nMARTIN{tag};Anne;MARTIN{tag};Léa;CE2\n");
        Assert.Equal(0, await OndeImportCommand.RunAsync(app.Services, ["import", "onde", "--school", school.School.Uai, "--pupils", both, "--guardians", guardians], new StringWriter(), new StringWriter()));

        var output = new StringWriter();
        Assert.Equal(0, await OndeImportCommand.RunAsync(app.Services, ["import", "onde", "--school", school.School.Uai, "--pupils", one, "--guardians", guardiansOne, "--json"], output, new StringWriter()));

        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal(1, json.RootElement.GetProperty("pupils").GetProperty("leaving").GetInt32());
        var left = await app.WithDbAsync(db => db.Persons.Where(p => p.LastName == $"PETIT{tag}").ToListAsync());
        Assert.Equal(2, left.Count);
        Assert.All(left, p => Assert.NotNull(p.LeftOn));
        Assert.All(left, p => Assert.Equal(p.LeftOn!.Value.AddDays(90), p.DeleteOn));
        var stays = await app.WithDbAsync(db => db.Persons.Where(p => p.LastName == $"MARTIN{tag}").ToListAsync());
        Assert.All(stays, p => Assert.Null(p.LeftOn));
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Action == "person.left" && a.TargetId == left[0].Id)));
    }

    [DbFact]
    public async Task TwoChildrenWithTheSameNameAndBirthDate_ButDifferentInes_StayTwoPupilsInTheirOwnSchools()
    {
        var first = await app.NewSchoolAsync();
        var second = await app.NewSchoolAsync();
        var tag = first.Tag;
        var stem = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var dir = new CsvFolder();
        var header = "Nom élève;Prénom élève;Date naissance;INE;Niveau;Libellé classe\n";
        var guardianHeader = "Nom responsable;Prénom responsable;Nom de famille enfant;Prénom enfant;Classes enfants\n";
        var inFirst = dir.Write("a.csv", header + $"DURAND{tag};Jules;05/06/2018;{stem}A;CE2;CE2\n");
        var inSecond = dir.Write("b.csv", header + $"DURAND{tag};Jules;05/06/2018;{stem}B;CE1;CE1\n");
        var guardianA = dir.Write("ra.csv", guardianHeader + $"DURAND{tag};Marie;DURAND{tag};Jules;CE2\n");
        var guardianB = dir.Write("rb.csv", guardianHeader + $"DURAND{tag};Karim;DURAND{tag};Jules;CE1\n");

        Assert.Equal(0, await OndeImportCommand.RunAsync(app.Services, ["import", "onde", "--school", first.School.Uai, "--pupils", inFirst, "--guardians", guardianA], new StringWriter(), new StringWriter()));
        Assert.Equal(0, await OndeImportCommand.RunAsync(app.Services, ["import", "onde", "--school", second.School.Uai, "--pupils", inSecond, "--guardians", guardianB], new StringWriter(), new StringWriter()));

        var pupils = await app.WithDbAsync(db => db.Persons.Where(p => p.LastName == $"DURAND{tag}" && p.Ine != null)
            .Select(p => new
            {
                p.Ine,
                p.LeftOn,
                Schools = db.Memberships.Where(m => m.PersonId == p.Id && m.Role == Role.Pupil)
                    .Join(db.Classes, m => m.ScopeId, c => c.Id, (m, c) => c.SchoolId).ToList(),
            })
            .ToListAsync());
        Assert.Equal(2, pupils.Count);
        Assert.All(pupils, p => Assert.Null(p.LeftOn));
        Assert.Equal([first.School.Id], pupils.Single(p => p.Ine == stem + "A").Schools);
        Assert.Equal([second.School.Id], pupils.Single(p => p.Ine == stem + "B").Schools);
    }

    /// <summary>A temporary folder of CSV files for the command-line import, removed afterwards.</summary>
    private sealed class CsvFolder : IDisposable
    {
        private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("preau-onde-");

        public string Write(string name, string content)
        {
            var path = Path.Combine(_dir.FullName, name);
            File.WriteAllText(path, content);
            return path;
        }

        public void Dispose() => _dir.Delete(recursive: true);
    }

    private Task<int> PupilsOfAsync(TestSchool school) =>
        app.WithDbAsync(db => db.Memberships.CountAsync(m => m.Role == Role.Pupil && db.Classes.Any(c => c.Id == m.ScopeId && c.SchoolId == school.School.Id)));

    private static async Task<ImportReport> ReportOfLastPreviewAsync(HttpResponseMessage preview)
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await preview.Content.ReadAsStringAsync());
        int Cell(int row, int col) => int.Parse(doc.QuerySelectorAll("main table")[0].QuerySelectorAll("tbody tr")[row].QuerySelectorAll("td")[col].TextContent, System.Globalization.CultureInfo.InvariantCulture);
        var report = new ImportReport();
        report.Classes.Created = Cell(0, 0);
        report.Pupils.Created = Cell(1, 0);
        report.Pupils.Updated = Cell(1, 1);
        report.Pupils.Leaving = Cell(1, 3);
        report.Guardians.Created = Cell(2, 0);
        report.Links.Created = Cell(3, 0);
        return report;
    }
}
