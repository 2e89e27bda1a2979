using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Contracts;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Modules.UsageStats.Rollup;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.UsageStats.Bench;

/// <summary>Six weeks of generated use by the demo's people, rolled up, so that the dashboards show something at once.</summary>
internal sealed class UsageStatsDemo(PreauDbContext db, UsageRollup rollup, TimeProvider time) : IUsageStatsDemo
{
    public const int Days = 42;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Set<UsageEvent>().AnyAsync(ct))
        {
            return;
        }
        var today = Platform.Time.ParisDate.Today(time);
        var ids = await db.Persons.AsNoTracking().Where(p => !p.IsArchived).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var people = new List<(Guid PersonId, PersonPlace Place)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var places = await PersonPlaces.ResolveAsync(db, [.. chunk], today, ct);
            people.AddRange(places.Where(p => p.Value != PersonPlace.Nowhere).Select(p => (p.Key, p.Value)));
        }
        var from = today.AddDays(-Days);
        var to = today.AddDays(-1);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in new UsageEventGenerator(2026).Generate(people, from, to).Chunk(10_000))
        {
            db.Set<UsageEvent>().AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await rollup.RollupAsync(from, to, ct);
    }
}
