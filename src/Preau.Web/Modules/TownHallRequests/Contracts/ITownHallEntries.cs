namespace Preau.Web.Modules.TownHallRequests.Contracts;

/// <summary>For the home page: the schools where the current person may file requests to the town hall, and what awaits its agents.</summary>
public interface ITownHallEntries
{
    /// <summary>Of <paramref name="schoolIds"/>, those whose requests page the person may open (directors; teachers if their collectivité allows).</summary>
    Task<IReadOnlySet<Guid>> SchoolsAsync(IReadOnlyCollection<Guid> schoolIds, CancellationToken ct = default);

    /// <summary>For each of <paramref name="authorityIds"/> (the person's collectivités), the requests no agent has taken on yet.</summary>
    Task<IReadOnlyDictionary<Guid, int>> NewRequestsAsync(IReadOnlyCollection<Guid> authorityIds, CancellationToken ct = default);
}
