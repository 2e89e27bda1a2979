using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Scale;

namespace Preau.Web.Modules.Communication.Crisis;

/// <summary>
/// The crisis messages that concern the signed-in person. Every page shows the banner, so the active switches are kept
/// in memory for a few seconds (cleared at once on every instance when an administrator changes them); sending a
/// message always asks the database (<see cref="CommunicationRules"/>), so a suspension is never missed at send time.
/// </summary>
public sealed class CrisisBanner(AccessContext context, CommunicationRules rules, ISharedCache cache)
{
    private const string CacheKey = "communication:active-crises";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private IReadOnlyList<string>? _messages;

    /// <summary>After a switch is set or ended, so that every instance's next page shows the change.</summary>
    public static void Changed(ISharedCache cache) => cache.Invalidate(CacheKey);

    public async Task<IReadOnlyList<string>> MessagesAsync(CancellationToken ct = default)
    {
        if (_messages is not null)
        {
            return _messages;
        }
        if (context.PersonId is null)
        {
            return _messages = [];
        }
        var crises = await cache.GetOrCreateAsync(CacheKey, Lifetime, () => rules.ActiveCrisesAsync(ct)) ?? [];
        if (crises.Count == 0)
        {
            return _messages = [];
        }
        var a = await context.GetAsync(ct);
        var schools = a.StaffSchoolIds.Concat(a.PupilClassIds.Concat(a.ChildClassIds).Select(a.SchoolOfClass).OfType<Guid>()).ToHashSet();
        return _messages = crises.Where(c => c.Scope switch
        {
            CrisisScope.Territory => true,
            CrisisScope.School => c.SchoolId is { } s && schools.Contains(s),
            CrisisScope.Profile => c.Profile is { } role && a.HasRole(role),
            _ => false,
        }).Select(c => c.Message).Distinct().ToList();
    }
}
