using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Modules.UsageStats.Rollup;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.UsageStats.Bench;

/// <summary>
/// `bench usagestats [--days 365] [--seed 1] [--schools 245]`: fills the raw usage events of a territory-sized year
/// (on the classes of a `seed territory` database when there is one, else on a generated territory of --schools
/// schools), then times the roll-up of the whole year from scratch and prints its figures. It empties the usage
/// tables first: run it on a benchmark database only.
/// </summary>
internal static class UsageBench
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }
        var days = Option("--days", 365);
        var seed = Option("--seed", 1);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var to = Platform.Time.ParisDate.Today(time).AddDays(-1);
        var from = to.AddDays(1 - days);

        var people = await PeopleAsync(db, Option("--schools", 245), seed, ct);
        output.WriteLine($"{people.Count} personnes, {people.Select(p => p.Place.SchoolId).Distinct().Count()} écoles, du {from:yyyy-MM-dd} au {to:yyyy-MM-dd}.");
        await db.Set<UsageAggregate>().ExecuteDeleteAsync(ct);
        await db.Set<UsageEvent>().ExecuteDeleteAsync(ct);
        await db.Set<UsageRollupState>().ExecuteDeleteAsync(ct);

        var watch = Stopwatch.StartNew();
        long written = 0;
        foreach (var chunk in new UsageEventGenerator(seed).Generate(people, from, to).Chunk(200_000))
        {
            written += await UsageBulkInsert.EventsAsync(db, chunk, ct);
        }
        output.WriteLine($"Événements bruts écrits : {written:N0} en {watch.Elapsed.TotalSeconds:F1} s (non compté dans la mesure).");

        var process = Process.GetCurrentProcess();
        watch.Restart();
        var rollup = scope.ServiceProvider.GetRequiredService<UsageRollup>();
        var result = await rollup.RollupAsync(from, to, ct);
        var elapsed = watch.Elapsed;
        process.Refresh();
        output.WriteLine($"Consolidation d'une année : {result.Days} jours, {result.Periods} semaines et mois, {result.Events:N0} événements, "
            + $"{result.Rows:N0} lignes d'agrégats en {elapsed.TotalSeconds:F1} s ({result.Events / Math.Max(0.001, elapsed.TotalSeconds):N0} événements/s); "
            + $"mémoire maximale {process.PeakWorkingSet64 / 1024 / 1024} Mio.");

        watch.Restart();
        await rollup.RollupAsync(to, to, ct);
        output.WriteLine($"Consolidation d'un jour (la tâche de chaque nuit, avec sa semaine et son mois) : {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    /// <summary>The people of the territory as the statistics see them: per class pupils, families and a teacher; directors, advisors, agents.</summary>
    private static async Task<List<(Guid PersonId, PersonPlace Place)>> PeopleAsync(PreauDbContext db, int schools, int seed, CancellationToken ct)
    {
        var classes = await (
                from c in db.Classes.AsNoTracking()
                where !c.IsArchived
                join s in db.Schools.AsNoTracking() on c.SchoolId equals s.Id
                select new { c.Id, c.SchoolId, s.DistrictId, s.LocalAuthorityId })
            .ToListAsync(ct);
        if (classes.Count == 0)
        {
            // No territory here: a generated one (ids only, as the roll-up needs nothing else).
            var random = new Random(seed);
            var districts = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
            var communes = Enumerable.Range(0, Math.Max(1, schools * 3 / 5)).Select(_ => Guid.NewGuid()).ToList();
            classes = Enumerable.Range(0, schools).SelectMany(i =>
            {
                var school = Guid.NewGuid();
                var district = districts[i % districts.Count];
                var commune = communes[random.Next(communes.Count)];
                return Enumerable.Range(0, 2 + random.Next(4)).Select(_ => new { Id = Guid.NewGuid(), SchoolId = school, DistrictId = district, LocalAuthorityId = commune });
            }).ToList();
        }
        var people = new List<(Guid PersonId, PersonPlace Place)>();
        foreach (var c in classes)
        {
            for (var i = 0; i < 20; i++)
            {
                people.Add((Guid.NewGuid(), new PersonPlace(Role.Pupil, c.Id, c.SchoolId, c.DistrictId, c.LocalAuthorityId)));
            }
            for (var i = 0; i < 30; i++)
            {
                people.Add((Guid.NewGuid(), new PersonPlace(Role.Guardian, c.Id, c.SchoolId, c.DistrictId, c.LocalAuthorityId)));
            }
            people.Add((Guid.NewGuid(), new PersonPlace(Role.Teacher, c.Id, c.SchoolId, c.DistrictId, c.LocalAuthorityId)));
        }
        foreach (var s in classes.GroupBy(c => c.SchoolId).Select(g => g.First()))
        {
            people.Add((Guid.NewGuid(), new PersonPlace(Role.Director, null, s.SchoolId, s.DistrictId, s.LocalAuthorityId)));
        }
        people.AddRange(classes.Select(c => c.DistrictId).Distinct().Select(d => (Guid.NewGuid(), new PersonPlace(Role.Advisor, null, null, d, null))));
        people.AddRange(classes.Select(c => c.LocalAuthorityId).Distinct().Select(a => (Guid.NewGuid(), new PersonPlace(Role.MunicipalAgent, null, null, null, a))));
        return people;
    }
}
