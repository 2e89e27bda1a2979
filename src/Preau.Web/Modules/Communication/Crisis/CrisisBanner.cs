using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Communication.Crisis;

/// <summary>The crisis messages that concern the signed-in person, loaded at most once per request (one query).</summary>
public sealed class CrisisBanner(AccessContext context, CommunicationRules rules)
{
    private IReadOnlyList<string>? _messages;

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
        var crises = await rules.ActiveCrisesAsync(ct);
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
