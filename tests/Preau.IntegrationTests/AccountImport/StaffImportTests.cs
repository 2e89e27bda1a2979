using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.AccountImport.Onde;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.AccountImport;

public sealed class StaffImportTests(TestApp app)
{
    [DbFact]
    public async Task Director_ImportsStaffFromTheTemplate_PreviewThenApply()
    {
        var school = await app.NewSchoolAsync();
        using var director = app.NewSession();
        await director.LoginAsync(school.Director.Login, school.Director.Password);
        var url = $"/ecole/{school.School.Id}/import-personnels";
        var template = await director.GetAsync(url + "?handler=Template");
        Assert.Equal("text/csv", template.Content.Headers.ContentType?.MediaType);
        var csv = $"Nom;Prénom;Courriel;Fonction;Directeur;Classes\nLEBLANC{school.Tag};Inès;ines.{school.Tag}@example.org;Enseignant;Non;{school.ClassA.Name}\n"
            + $"NOIR{school.Tag};Aude;;ATSEM;Non;\nGRIS{school.Tag};Paul;;Enseignant;Non;Classe inconnue\n";

        var preview = await director.UploadAsync(url, "form[enctype='multipart/form-data']", [("file", "personnels.csv", Encoding.UTF8.GetBytes(csv))]);
        var text = await UserSession.TextAsync(preview);
        Assert.Contains("Aperçu", text);
        Assert.Contains("ligne 4", text);
        Assert.Contains("Classe inconnue", text);
        Assert.False(await app.WithDbAsync(db => db.Persons.AnyAsync(p => p.LastName == $"LEBLANC{school.Tag}")));

        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await preview.Content.ReadAsStringAsync());
        var applied = await director.Client.PostAsync(url + "?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = doc.QuerySelector("input[name=token]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = doc.QuerySelector("form[action*=Apply] input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);

        var teacher = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.LastName == $"LEBLANC{school.Tag}"));
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == teacher.Id && m.Role == Role.Teacher && m.ScopeId == school.ClassA.Id)));
        var atsem = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.LastName == $"NOIR{school.Tag}"));
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == atsem.Id && m.Role == Role.SchoolStaff && m.ScopeId == school.School.Id)));
        Assert.False(await app.WithDbAsync(db => db.Persons.AnyAsync(p => p.LastName == $"GRIS{school.Tag}")));
    }

    [DbFact]
    public async Task Cli_LegacyTeacherLayout_IsReadByHeaders_AndAReimportWithoutATeacherEndsTheirRole()
    {
        var school = await app.NewSchoolAsync();
        var dir = Directory.CreateTempSubdirectory("preau-staff-");
        var legacy = Path.Combine(dir.FullName, "enseignants.csv");
        await File.WriteAllTextAsync(legacy, $"Civilité;Nom usage;Nom;Prénom;Adresse;CP;Commune;Pays;Courriel;Téléphone domicile;Téléphone portable;Directeur;Classe\r\n"
            + $"MME;;VERT{school.Tag};Lise;;;;;lise.{school.Tag}@example.org;;;oui;{school.ClassB.Name}\r\n"
            + $"M.;;BLEU{school.Tag};Rémi;;;;;;;;non;{school.ClassA.Name}\r\n", Encoding.Latin1);
        var output = new StringWriter();

        Assert.Equal(0, await OndeImportCommand.RunStaffAsync(app.Services, ["import", "staff", "--school", school.School.Uai, "--file", legacy, "--json"], output, new StringWriter()));
        using (var json = JsonDocument.Parse(output.ToString()))
        {
            Assert.Equal(2, json.RootElement.GetProperty("staff").GetProperty("created").GetInt32());
        }
        var lise = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.LastName == $"VERT{school.Tag}"));
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == lise.Id && m.Role == Role.Director && m.ScopeId == school.School.Id)));

        await File.WriteAllTextAsync(legacy, $"Civilité;Nom usage;Nom;Prénom;Adresse;CP;Commune;Pays;Courriel;Téléphone domicile;Téléphone portable;Directeur;Classe\r\n"
            + $"MME;;VERT{school.Tag};Lise;;;;;lise.{school.Tag}@example.org;;;oui;{school.ClassB.Name}\r\n", Encoding.Latin1);
        Assert.Equal(0, await OndeImportCommand.RunStaffAsync(app.Services, ["import", "staff", "--school", school.School.Uai, "--file", legacy], new StringWriter(), new StringWriter()));

        var remi = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.LastName == $"BLEU{school.Tag}"));
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == remi.Id)));
        Assert.NotNull(remi.LeftOn);
        // Hand-made roles (the test school's own teachers) are untouched.
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == school.TeacherA.Id)));
        dir.Delete(recursive: true);
    }
}
