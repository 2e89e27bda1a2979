using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.People.Groups;

internal sealed class GroupRoles(PreauDbContext db, AccessContext context) : IGroupRoles
{
    public async Task<GroupRights> ForCurrentAsync(Guid groupId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        // GroupIds are today's memberships: no query for a group the person is not in.
        return a.GroupIds.Contains(groupId) ? await ForPersonAsync(groupId, a.PersonId, ct) : GroupRights.None;
    }

    public async Task<GroupRights> ForPersonAsync(Guid groupId, Guid personId, CancellationToken ct = default)
    {
        // The model filter drops memberships outside their dates; an archived group gives no rights.
        var role = await db.GroupMembers.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.PersonId == personId && db.Groups.Any(g => g.Id == groupId && !g.IsArchived))
            .Select(m => (Data.GroupRole?)m.Role).FirstOrDefaultAsync(ct);
        return new GroupRights(role);
    }
}
