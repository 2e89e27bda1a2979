using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.AccountImport.Onde;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;

namespace Preau.IntegrationTests.Rollover;

public sealed class MixedClassRolloverTests(TestApp app)
{
    /// <summary>ONDE gives each pupil's level: in a CM1-CM2 class, the CM2 pupils leave and the CM1 pupils move up.</summary>
    [DbFact]
    public async Task Rollover_OfAnImportedCm1Cm2Class_LetsOnlyTheCm2PupilsLeave()
    {
        var school = await app.NewSchoolAsync();
        var tag = school.Tag;
        var dir = Directory.CreateTempSubdirectory("preau-mixed-");
        var pupils = Path.Combine(dir.FullName, "eleves.csv");
        var guardians = Path.Combine(dir.FullName, "responsables.csv");
        await File.WriteAllTextAsync(pupils, $"Nom élève;Prénom élève;Date naissance;Niveau;Libellé classe\nGRAND{tag};Alix;2015-03-01;CM2;CM1-CM2 {tag}\nPETIT{tag};Noa;2016-04-02;CM1;CM1-CM2 {tag}\n");
        await File.WriteAllTextAsync(guardians, $"Nom responsable;Prénom responsable;Nom de famille enfant;Prénom enfant;Classes enfants\nGRAND{tag};Eva;GRAND{tag};Alix;CM1-CM2 {tag}\n");
        Assert.Equal(0, await OndeImportCommand.RunAsync(app.Services, ["import", "onde", "--school", school.School.Uai, "--pupils", pupils, "--guardians", guardians], new StringWriter(), new StringWriter()));
        var label = RolloverTests.FarYear();

        var result = await RolloverTests.RollAsync(app, school.School.Id, label);

        Assert.Null(result.Error);
        var grand = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.LastName == $"GRAND{tag}" && p.FirstName == "Alix"));
        var petit = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.LastName == $"PETIT{tag}"));
        var mother = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.LastName == $"GRAND{tag}" && p.FirstName == "Eva"));
        Assert.NotNull(grand.LeftOn);
        Assert.NotNull(mother.LeftOn);
        Assert.Null(petit.LeftOn);
        var next = await app.WithDbAsync(db => db.Memberships.SingleAsync(m => m.PersonId == petit.Id && db.SchoolYears.Any(y => y.Id == m.SchoolYearId && y.Label == label)));
        Assert.Equal(Levels.Cm2, next.Level);
        Assert.False(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == grand.Id && m.Role == Role.Pupil && db.SchoolYears.Any(y => y.Id == m.SchoolYearId && y.Label == label))));
        dir.Delete(recursive: true);
    }
}
