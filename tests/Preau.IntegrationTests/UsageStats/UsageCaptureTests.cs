using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Data;

namespace Preau.IntegrationTests.UsageStats;

public sealed class UsageCaptureTests(TestApp app)
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [DbFact]
    public async Task Logins_pages_and_saved_actions_are_recorded_with_the_persons_profile_and_place()
    {
        var s = await app.NewSchoolAsync();
        using var parent = app.NewSession();
        await parent.LoginAsync(s.GuardianA.Login, s.GuardianA.Password);
        await parent.GetAsync("/");
        await parent.GetAsync("/messagerie");
        await parent.GetAsync($"/classe/{s.ClassA.Id}/liaison");
        using var teacher = app.NewSession();
        await teacher.LoginAsync(s.TeacherA.Login, s.TeacherA.Password);
        var sent = await teacher.SubmitAsync("/messagerie/nouveau",
            [F("Input.Subject", "Sortie"), F("Input.Body", "Texte"), F("Input.To", "p:" + s.GuardianA.Id)], "form#compose");
        Assert.True((int)sent.StatusCode is >= 200 and < 400, $"send answered {sent.StatusCode}");
        using var stranger = app.NewSession();
        await stranger.LoginAsync(s.PupilB.Login, "pas-le-bon");

        await UsageStatsData.DrainAsync(app);

        var events = await app.WithDbAsync(db => db.Set<UsageEvent>().AsNoTracking()
            .Where(e => e.PersonId == s.GuardianA.Id || e.PersonId == s.TeacherA.Id || e.PersonId == s.PupilB.Id).ToListAsync());
        var parentEvents = events.Where(e => e.PersonId == s.GuardianA.Id).ToList();
        Assert.Single(parentEvents, e => e.Service == "connexion" && e.Action == "connexion");
        Assert.Contains(parentEvents, e => e.Service == "accueil" && e.Action == "consultation");
        Assert.Contains(parentEvents, e => e.Service == "messagerie" && e.Action == "consultation");
        Assert.Contains(parentEvents, e => e.Service == "liaison" && e.Action == "consultation");
        Assert.All(parentEvents, e =>
        {
            Assert.Equal((short)Role.Guardian, e.Profile);
            Assert.Equal(s.ClassA.Id, e.ClassId);
            Assert.Equal(s.School.Id, e.SchoolId);
            Assert.Equal(s.District.Id, e.DistrictId);
            Assert.Equal(s.Commune.Id, e.AuthorityId);
        });
        var teacherEvents = events.Where(e => e.PersonId == s.TeacherA.Id).ToList();
        Assert.Single(teacherEvents, e => e.Service == "messagerie" && e.Action == "envoi");
        Assert.All(teacherEvents, e => Assert.Equal((short)Role.Teacher, e.Profile));
        // A failed login is not a use of the platform.
        Assert.DoesNotContain(events, e => e.PersonId == s.PupilB.Id);
    }
}
