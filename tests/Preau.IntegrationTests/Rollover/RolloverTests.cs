using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Rollover;
using Preau.Web.Modules.Territory.Data;

namespace Preau.IntegrationTests.Rollover;

/// <summary>
/// Every test rolls its own school over to its own far-future year, so the current year and the other tests'
/// schools never change.
/// </summary>
public sealed class RolloverTests(TestApp app)
{
    // A random start per test process, then one year further at each call: two tests of the same run never pick the
    // same year (two random picks did, now and then, and the second found its year already created).
    private static int _farYear = RandomNumberGenerator.GetInt32(2100, 7000);

    internal static string FarYear()
    {
        var first = Interlocked.Add(ref _farYear, 2);
        return string.Create(CultureInfo.InvariantCulture, $"{first}-{first + 1}");
    }

    internal static async Task<RolloverResult> RollAsync(TestApp app, Guid schoolId, string label, IReadOnlyDictionary<Guid, string>? names = null)
    {
        using var scope = app.Services.CreateScope();
        var rollover = scope.ServiceProvider.GetRequiredService<SchoolRollover>();
        return await rollover.ApplySchoolAsync(await rollover.ResolveAsync(label), schoolId, null, names);
    }

    [DbFact]
    public async Task Apply_CopiesClassesMovesPupilsUpAndCm2PupilsLeave()
    {
        var school = await app.NewSchoolAsync();
        var label = FarYear();
        // A second guardian, of the CM2 pupil only: leaves with the child. Guardian A's child stays: A stays.
        var guardianB = await app.NewAdultAsync();
        await app.WithDbAsync(async db =>
        {
            db.GuardianLinks.Add(new GuardianLink { GuardianId = guardianB.Id, PupilId = school.PupilB.Id, Relationship = Relationship.Father });
            await db.SaveChangesAsync();
        });

        var result = await RollAsync(app, school.School.Id, label);

        Assert.True(result.Applied);
        Assert.Equal(2, result.ClassesCreated);
        Assert.Equal(1, result.PupilsMoved);
        Assert.Equal(1, result.PupilsLeaving);
        await app.WithDbAsync(async db =>
        {
            var year = await db.SchoolYears.SingleAsync(y => y.Label == label);
            Assert.False(year.IsCurrent);
            var current = await db.SchoolYears.SingleAsync(y => y.Id == app.CurrentYearId);
            Assert.True(current.IsCurrent);
            var next = await db.Classes.Where(c => c.SchoolId == school.School.Id && c.SchoolYearId == year.Id).ToListAsync();
            Assert.Equal(2, next.Count);
            var cp = next.Single(c => c.Name == school.ClassA.Name);
            Assert.Equal(Levels.Ce1, cp.Levels);
            Assert.Equal(Levels.Cm2, next.Single(c => c.Name == school.ClassB.Name).Levels);
            // Pupil A moved up (new membership for the new year, the old one kept for the archive).
            var pupilA = await db.Memberships.Where(m => m.PersonId == school.PupilA.Id && m.Role == Role.Pupil).ToListAsync();
            Assert.Equal(2, pupilA.Count);
            Assert.Contains(pupilA, m => m.ScopeId == cp.Id && m.SchoolYearId == year.Id);
            Assert.Contains(pupilA, m => m.ScopeId == school.ClassA.Id);
            // Pupil B (CM2) has no class next year and leaves at the end of this year, and so does their only guardian.
            Assert.Single(await db.Memberships.Where(m => m.PersonId == school.PupilB.Id).ToListAsync());
            var pupilB = await db.Persons.SingleAsync(p => p.Id == school.PupilB.Id);
            Assert.Equal(current.EndsOn, pupilB.LeftOn);
            Assert.Equal(current.EndsOn.AddDays(90), pupilB.DeleteOn);
            Assert.NotNull((await db.Persons.SingleAsync(p => p.Id == guardianB.Id)).LeftOn);
            Assert.Null((await db.Persons.SingleAsync(p => p.Id == school.GuardianA.Id)).LeftOn);
            Assert.Null((await db.Persons.SingleAsync(p => p.Id == school.PupilA.Id)).LeftOn);
            // The director carries over; teachers wait for the director.
            Assert.True(await db.Memberships.AnyAsync(m => m.PersonId == school.Director.Id && m.Role == Role.Director && m.SchoolYearId == year.Id));
            var nextIds = next.Select(c => (Guid?)c.Id).ToList();
            Assert.False(await db.Memberships.AnyAsync(m => m.Role == Role.Teacher && nextIds.Contains(m.ScopeId)));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "rollover.school" && e.TargetId == school.School.Id));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "person.left" && e.TargetId == school.PupilB.Id));
        });
    }

    [DbFact]
    public async Task Apply_Twice_ChangesNothing()
    {
        var school = await app.NewSchoolAsync();
        var label = FarYear();
        await RollAsync(app, school.School.Id, label);
        var before = await app.WithDbAsync(async db => (await db.Memberships.CountAsync(m => m.PersonId == school.PupilA.Id || m.PersonId == school.Director.Id), await db.Classes.CountAsync(c => c.SchoolId == school.School.Id)));

        var again = await RollAsync(app, school.School.Id, label);

        Assert.False(again.Applied);
        Assert.True(again.AlreadyApplied);
        var after = await app.WithDbAsync(async db => (await db.Memberships.CountAsync(m => m.PersonId == school.PupilA.Id || m.PersonId == school.Director.Id), await db.Classes.CountAsync(c => c.SchoolId == school.School.Id)));
        Assert.Equal(before, after);
    }

    [DbFact]
    public async Task Levels_MoveUpOne_AndMaternelleStopsAtGs()
    {
        Assert.Equal(Levels.Ps, SchoolRollover.NextLevels(Levels.Tps, SchoolType.Primaire));
        Assert.Equal(Levels.Ce2 | Levels.Cm1, SchoolRollover.NextLevels(Levels.Ce1 | Levels.Ce2, SchoolType.Elementaire));
        Assert.Equal(Levels.Cm2, SchoolRollover.NextLevels(Levels.Cm1 | Levels.Cm2, SchoolType.Elementaire));
        Assert.Equal(Levels.Cm2, SchoolRollover.NextLevels(Levels.Cm2, SchoolType.Elementaire));
        Assert.True(SchoolRollover.LeavesSchool(Levels.Cm2, SchoolType.Primaire));
        Assert.True(SchoolRollover.LeavesSchool(Levels.Gs, SchoolType.Maternelle));
        Assert.False(SchoolRollover.LeavesSchool(Levels.Gs, SchoolType.Primaire));
        Assert.False(SchoolRollover.LeavesSchool(Levels.Cm1 | Levels.Cm2, SchoolType.Primaire));
        await Task.CompletedTask;
    }

    [DbFact]
    public async Task Director_PreviewsRenamesAppliesAndAssignsTeachers()
    {
        var school = await app.NewSchoolAsync();
        var label = FarYear();
        using var session = app.NewSession();
        await session.LoginAsync(school.Director.Login, school.Director.Password);
        var url = $"/ecole/{school.School.Id}/passage?vers={label}";

        var (status, preview) = await session.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        var text = UserSession.Text(preview);
        Assert.Contains("EleveA", text);
        Assert.Contains("EleveB", text);
        Assert.Contains("CE1", text);
        Assert.False(await app.WithDbAsync(db => db.SchoolYears.AnyAsync(y => y.Label == label)));

        var newName = $"CE1 {school.Tag}";
        var response = await session.SubmitAsync(url, [new($"Names[{school.ClassA.Id}]", newName)], "#rollover-apply");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var renamed = await app.WithDbAsync(db => db.Classes.SingleAsync(c => c.SchoolId == school.School.Id && c.Name == newName));
        Assert.Equal(Levels.Ce1, renamed.Levels);
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m => m.PersonId == school.PupilA.Id && m.ScopeId == renamed.Id)));

        response = await session.SubmitAsync(url, [new($"Teachers[{renamed.Id}]", school.TeacherB.Id.ToString())], "#rollover-teachers");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Memberships.AnyAsync(m =>
            m.PersonId == school.TeacherB.Id && m.Role == Role.Teacher && m.ScopeId == renamed.Id && m.SchoolYearId == renamed.SchoolYearId)));
        // Applying again from the page does nothing more.
        (status, preview) = await session.GetPageAsync(url);
        Assert.Contains("est fait", UserSession.Text(preview));
    }

    [DbFact]
    public async Task OtherDirectorsAndTeachers_Get404()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var session = app.NewSession();
        await session.LoginAsync(other.Director.Login, other.Director.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/ecole/{school.School.Id}/passage")).StatusCode);
        using var teacher = app.NewSession();
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/ecole/{school.School.Id}/passage")).StatusCode);
        using var admin = app.NewSession();
        var account = await app.NewAdminAsync();
        await admin.LoginAsync(account.Login, account.Password, account.AuthenticatorKey);
        var (status, doc) = await admin.GetPageAsync($"/admin/passage?vers={FarYear()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(school.School.Uai, UserSession.Text(doc));
        (status, doc) = await admin.GetPageAsync("/admin/passage?vers=2027-2029");
        Assert.Contains("d'une année à la suivante", UserSession.Text(doc));
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/admin/passage")).StatusCode);
    }

    [DbFact]
    public async Task PastYearClasses_StayReadableButAreNotManaged()
    {
        var school = await app.NewSchoolAsync();
        // A year that ended: its class, with its teacher and pupil, is the archive.
        var first = RandomNumberGenerator.GetInt32(1900, 2000);
        var past = new SchoolYear { Label = $"{first}-{first + 1}", StartsOn = new DateOnly(first, 9, 1), EndsOn = new DateOnly(first + 1, 7, 4) };
        var old = new SchoolClass { SchoolId = school.School.Id, SchoolYearId = past.Id, Name = $"Ancienne {school.Tag}", Levels = Levels.Cp };
        await app.WithDbAsync(async db =>
        {
            db.SchoolYears.Add(past);
            db.Classes.Add(old);
            db.Memberships.AddRange(
                new Membership { PersonId = school.TeacherA.Id, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = old.Id, SchoolYearId = past.Id },
                new Membership { PersonId = school.PupilA.Id, Role = Role.Pupil, ScopeType = ScopeType.Class, ScopeId = old.Id, SchoolYearId = past.Id });
            await db.SaveChangesAsync();
        });
        using var teacher = app.NewSession();
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/classe/{old.Id}/annuaire")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/classe/{old.Id}/eleves/ajouter")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync($"/classe/{school.ClassA.Id}/eleves/ajouter")).StatusCode);
        using var pupil = app.NewSession();
        await pupil.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        Assert.Equal(HttpStatusCode.OK, (await pupil.GetAsync($"/classe/{old.Id}/annuaire")).StatusCode);
    }

    [DbFact]
    public async Task Cli_RejectsBadLabelAndUai_DryRunSavesNothing()
    {
        var school = await app.NewSchoolAsync();
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.Equal(2, await RolloverModule.RunCommandAsync(app.Services, ["rollover", "--to", "2027"], output, errors));
        Assert.Contains("2027-2028", errors.ToString());
        Assert.Equal(2, await RolloverModule.RunCommandAsync(app.Services, ["rollover", "--to", FarYear(), "--school", "0000000X"], output, errors));
        Assert.Contains("UAI", errors.ToString());

        var label = FarYear();
        output = new StringWriter();
        Assert.Equal(0, await RolloverModule.RunCommandAsync(app.Services, ["rollover", "--to", label, "--school", school.School.Uai, "--dry-run"], output, errors));
        Assert.Contains(school.School.Uai, output.ToString());
        Assert.Contains("1 quittent", output.ToString());
        Assert.False(await app.WithDbAsync(db => db.SchoolYears.AnyAsync(y => y.Label == label)));

        output = new StringWriter();
        Assert.Equal(0, await RolloverModule.RunCommandAsync(app.Services, ["rollover", "--to", label, "--school", school.School.Uai], output, errors));
        Assert.Contains("1 écoles passées", output.ToString());
        Assert.True(await app.WithDbAsync(db => db.Classes.AnyAsync(c => c.SchoolId == school.School.Id && db.SchoolYears.Any(y => y.Id == c.SchoolYearId && y.Label == label))));
    }
}
