namespace Preau.Web.Modules.UsageStats.Contracts;

/// <summary>For the demo seeder: some weeks of generated use by the demo's people, already rolled up.</summary>
public interface IUsageStatsDemo
{
    Task SeedAsync(CancellationToken ct = default);
}
