namespace Preau.Web.Modules.TownHallRequests.Contracts;

/// <summary>For the demo seeder: a few requests between a school and its collectivité.</summary>
public interface ITownHallDemo
{
    Task SeedAsync(Guid authorityId, Guid schoolId, Guid directorId, Guid agentId, CancellationToken ct = default);
}
