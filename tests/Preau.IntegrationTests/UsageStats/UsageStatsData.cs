using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Bench;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Modules.UsageStats.Rollup;

namespace Preau.IntegrationTests.UsageStats;

/// <summary>Generated usage of one test school: its accounts and some more families, events written as the writer would.</summary>
internal static class UsageStatsData
{
    public static List<(Guid PersonId, PersonPlace Place)> People(TestSchool s, int extraFamilies = 20)
    {
        PersonPlace In(Role role, Guid? classId) => new(role, classId, s.School.Id, s.District.Id, s.Commune.Id);
        var people = new List<(Guid, PersonPlace)>
        {
            (s.Director.Id, In(Role.Director, null)),
            (s.TeacherA.Id, In(Role.Teacher, s.ClassA.Id)),
            (s.TeacherB.Id, In(Role.Teacher, s.ClassB.Id)),
            (s.PupilA.Id, In(Role.Pupil, s.ClassA.Id)),
            (s.PupilB.Id, In(Role.Pupil, s.ClassB.Id)),
            (s.GuardianA.Id, In(Role.Guardian, s.ClassA.Id)),
        };
        for (var i = 0; i < extraFamilies; i++)
        {
            people.Add((Guid.NewGuid(), In(i % 3 == 0 ? Role.Pupil : Role.Guardian, i % 2 == 0 ? s.ClassA.Id : s.ClassB.Id)));
        }
        return people;
    }

    public static async Task<List<UsageEvent>> SeedAsync(TestApp app, List<(Guid PersonId, PersonPlace Place)> people, DateOnly from, DateOnly to, int seed)
    {
        var events = new UsageEventGenerator(seed).Generate(people, from, to).ToList();
        await app.WithDbAsync(async db =>
        {
            db.Set<UsageEvent>().AddRange(events);
            await db.SaveChangesAsync();
        });
        return events;
    }

    public static async Task RollupAsync(TestApp app, DateOnly from, DateOnly to)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UsageRollup>().RollupAsync(from, to);
    }

    public static DateOnly Yesterday => Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System).AddDays(-1);

    public static Task DrainAsync(TestApp app) => app.Services.GetRequiredService<UsageEventWriter>().DrainAsync();
}
