using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Time;

namespace Preau.Web.Modules.People.Groups;

/// <summary>A person who may be invited, with what they are (shown so that two homonyms can be told apart).</summary>
public sealed record Invitable(Guid Id, string Name, string Profile);

/// <summary>
/// The rules of a group's life: invitations, join requests, roles, dates, leaving. Each method re-checks who
/// acts (pages only show the buttons) and answers a French message when it refuses, null when done.
/// </summary>
public sealed class GroupService(PreauDbContext db, AccessContext context, CommunicationRules rules, INotifier notifier, TimeProvider time,
    ILogger<GroupService> logger)
{
    /// <summary>Roles one may be invited with: ownership is given afterwards, by an owner.</summary>
    public static readonly GroupRole[] InvitableRoles = [GroupRole.Moderator, GroupRole.Contributor, GroupRole.Member, GroupRole.Reader];
    public static readonly GroupRole[] AllRoles = [GroupRole.Owner, GroupRole.Moderator, GroupRole.Contributor, GroupRole.Member, GroupRole.Reader];

    // Adults whose work is to run projects with schools: invitable from anywhere in the territory (ADR 0009).
    private static readonly Role[] Professionals = [Role.Teacher, Role.Director, Role.SchoolStaff, Role.Advisor, Role.MunicipalAgent, Role.Partner];

    public DateOnly Today => ParisDate.Today(time);

    /// <summary>Who may create groups: teachers, directors, advisors, municipal agents and administrators.</summary>
    public static bool MayCreate(Access a) =>
        a.IsTerritoryAdmin || a.HasRole(Role.Teacher) || a.HasRole(Role.Director) || a.HasRole(Role.Advisor) || a.HasRole(Role.MunicipalAgent);

    /// <summary>The person's current role in the group; null when not a member today.</summary>
    public async Task<GroupRole?> RoleOfAsync(Guid groupId, Guid personId, CancellationToken ct = default) =>
        await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId && m.PersonId == personId)
            .Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);

    public Task<bool> IsPartnerAsync(Guid personId, CancellationToken ct = default) =>
        db.Memberships.AnyAsync(m => m.PersonId == personId && m.Role == Role.Partner, ct);

    /// <summary>
    /// People the current person may invite, by name: those the communication rules let them reach, and the
    /// professionals of the territory; never someone already in the group or already asked.
    /// </summary>
    public async Task<IReadOnlyList<Invitable>> SearchInvitableAsync(Guid groupId, string q, int take, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var busy = BusyIds(groupId);
        var (reachable, _) = await rules.ReachableWithinAsync(a.PersonId, q, db.Persons.Where(p => !busy.Contains(p.Id)).Select(p => p.Id), 0, take, ct);
        var pattern = SearchFold.Pattern(q);
        var professionals = await ProfessionalsQuery(a.PersonId)
            .Where(p => !busy.Contains(p.Id))
            .Where(p => EF.Functions.Like(SearchFold.Folded(p.SearchName), pattern))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(take)
            .Select(p => new { p.Id, p.FirstName, p.LastName }).ToListAsync(ct);
        var ids = professionals.Select(p => p.Id).ToList();
        var roles = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.PersonId) && Professionals.Contains(m.Role))
            .Select(m => new { m.PersonId, m.Role }).ToListAsync(ct);
        var found = professionals.Select(p => new Invitable(p.Id, $"{p.FirstName} {p.LastName}",
                PeopleLabels.Role(roles.Where(r => r.PersonId == p.Id).Select(r => r.Role).Order().First())))
            .Concat(reachable.Select(r => new Invitable(r.Id, r.Name, r.Profile)));
        return [.. found.DistinctBy(f => f.Id).OrderBy(f => f.Name, StringComparer.CurrentCulture).Take(take)];
    }

    public async Task<string?> InviteAsync(Guid groupId, Guid personId, GroupRole role, DateOnly? startsOn, DateOnly? endsOn, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (!InvitableRoles.Contains(role))
        {
            return "Choisissez un rôle parmi ceux proposés.";
        }
        if (DatesError(startsOn, endsOn) is { } datesError)
        {
            return datesError;
        }
        var today = Today;
        if (endsOn < today)
        {
            return "La date de fin de l'accès est déjà passée.";
        }
        if (await db.GroupMembers.IgnoreQueryFilters().AnyAsync(m => m.GroupId == groupId && m.PersonId == personId && (m.EndsOn == null || m.EndsOn >= today), ct))
        {
            return "Cette personne est déjà membre du groupe.";
        }
        if (await db.GroupRequests.AnyAsync(r => r.GroupId == groupId && r.PersonId == personId, ct))
        {
            return "Cette personne a déjà été invitée ou a déjà demandé à rejoindre le groupe.";
        }
        if (!await MayInviteAsync(a.PersonId, personId, ct))
        {
            return "Vous ne pouvez pas inviter cette personne.";
        }
        if (endsOn is null && await IsPartnerAsync(personId, ct))
        {
            return "Un partenaire est invité pour une période limitée : indiquez la date de fin de son accès.";
        }
        var name = await GroupNameAsync(groupId, ct);
        db.GroupRequests.Add(new GroupRequest
        {
            GroupId = groupId, PersonId = personId, Kind = GroupRequestKind.Invitation, Role = role, StartsOn = startsOn, EndsOn = endsOn,
            ById = a.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        notifier.Enqueue([personId], NotificationKind.Group, $"Invitation au groupe « {name} »", "/groupes");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Person {PersonId} invited to group {GroupId} by {By}", personId, groupId, a.PersonId);
        return null;
    }

    /// <summary>The invitee accepts or declines their own invitation.</summary>
    public async Task<string?> AnswerInvitationAsync(Guid requestId, bool accept, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var request = await db.GroupRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.PersonId == a.PersonId && r.Kind == GroupRequestKind.Invitation, ct);
        if (request is null)
        {
            return "Cette invitation n'existe plus.";
        }
        db.GroupRequests.Remove(request);
        if (accept && !await IsRunningAsync(request.GroupId, ct))
        {
            await db.SaveChangesAsync(ct);
            return "Ce groupe est terminé : l'invitation n'est plus valable.";
        }
        var name = await GroupNameAsync(request.GroupId, ct);
        if (accept)
        {
            await AddMemberAsync(request, ct);
        }
        notifier.Enqueue([request.ById], NotificationKind.Group,
            accept ? $"Invitation acceptée dans le groupe « {name} »" : $"Invitation déclinée pour le groupe « {name} »", $"/groupe/{request.GroupId}");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Invitation {RequestId} to group {GroupId} {Answer}", requestId, request.GroupId, accept ? "accepted" : "declined");
        return null;
    }

    /// <summary>Asks to join an open group, not over, the person is not in; its owners and moderators are told.</summary>
    public async Task<string?> RequestToJoinAsync(Guid groupId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.IsOpen && !g.IsArchived, ct);
        if (group is null || a.HasRole(Role.Pupil))
        {
            return "Ce groupe n'accepte pas de demandes.";
        }
        if (group.EndsOn is { } over && over < Today)
        {
            return "Ce groupe est terminé : il n'accepte plus de demandes.";
        }
        if (await db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.PersonId == a.PersonId, ct))
        {
            return "Vous êtes déjà membre de ce groupe.";
        }
        if (await db.GroupRequests.AnyAsync(r => r.GroupId == groupId && r.PersonId == a.PersonId, ct))
        {
            return "Une demande ou une invitation pour ce groupe attend déjà une réponse.";
        }
        db.GroupRequests.Add(new GroupRequest
        {
            GroupId = groupId, PersonId = a.PersonId, Kind = GroupRequestKind.JoinRequest, Role = GroupRole.Member,
            ById = a.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        notifier.Enqueue(await ManagersAsync(groupId, ct), NotificationKind.Group, $"Demande pour rejoindre le groupe « {group.Name} »", $"/groupe/{groupId}");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Person {PersonId} asked to join group {GroupId}", a.PersonId, groupId);
        return null;
    }

    /// <summary>An owner or moderator accepts or refuses a join request; the requester is told.</summary>
    public async Task<string?> AnswerJoinRequestAsync(Guid groupId, Guid requestId, bool accept, CancellationToken ct = default)
    {
        var request = await db.GroupRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.GroupId == groupId && r.Kind == GroupRequestKind.JoinRequest, ct);
        if (request is null)
        {
            return "Cette demande n'existe plus.";
        }
        db.GroupRequests.Remove(request);
        if (accept && !await IsRunningAsync(groupId, ct))
        {
            await db.SaveChangesAsync(ct);
            return "Ce groupe est terminé : la demande n'est plus valable.";
        }
        if (accept)
        {
            await AddMemberAsync(request, ct);
        }
        var name = await GroupNameAsync(groupId, ct);
        notifier.Enqueue([request.PersonId], NotificationKind.Group,
            accept ? $"Vous êtes membre du groupe « {name} »" : $"Demande refusée pour le groupe « {name} »", accept ? $"/groupe/{groupId}" : "/groupes");
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<string?> CancelInvitationAsync(Guid groupId, Guid requestId, CancellationToken ct = default)
    {
        var removed = await db.GroupRequests.Where(r => r.Id == requestId && r.GroupId == groupId && r.Kind == GroupRequestKind.Invitation).ExecuteDeleteAsync(ct);
        return removed == 0 ? "Cette invitation n'existe plus." : null;
    }

    /// <summary>Only owners change roles; the last owner keeps their role until another is named.</summary>
    public async Task<string?> ChangeRoleAsync(Guid groupId, Guid personId, GroupRole role, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role))
        {
            return "Choisissez un rôle parmi ceux proposés.";
        }
        var member = await db.GroupMembers.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.GroupId == groupId && m.PersonId == personId, ct);
        if (member is null)
        {
            return "Cette personne n'est pas membre du groupe.";
        }
        if (member.Role == GroupRole.Owner && role != GroupRole.Owner && !await HasOtherOwnerAsync(groupId, personId, ct))
        {
            return "Le groupe doit garder au moins un propriétaire : nommez-en un autre d'abord.";
        }
        member.Role = role;
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Sets (or clears) the end of a membership; a partner's access always has an end.</summary>
    public async Task<string?> SetEndDateAsync(Guid groupId, Guid personId, DateOnly? endsOn, CancellationToken ct = default)
    {
        var member = await db.GroupMembers.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.GroupId == groupId && m.PersonId == personId, ct);
        if (member is null)
        {
            return "Cette personne n'est pas membre du groupe.";
        }
        if (DatesError(member.StartsOn, endsOn) is { } datesError)
        {
            return datesError;
        }
        if (endsOn is null && await IsPartnerAsync(personId, ct))
        {
            return "L'accès d'un partenaire a toujours une date de fin.";
        }
        if (member.Role == GroupRole.Owner && endsOn is not null && !await HasOtherOwnerAsync(groupId, personId, ct))
        {
            return "Le dernier propriétaire du groupe ne peut pas avoir de date de fin : nommez un autre propriétaire d'abord.";
        }
        member.EndsOn = endsOn;
        await db.Memberships.Where(m => m.PersonId == personId && m.ScopeType == ScopeType.Group && m.ScopeId == groupId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.EndsOn, endsOn), ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Removes a member (moderators remove contributors, members and readers; owners anyone but the last owner).</summary>
    public async Task<string?> RemoveAsync(Guid groupId, Guid personId, GroupRole actorRole, CancellationToken ct = default)
    {
        var member = await db.GroupMembers.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.GroupId == groupId && m.PersonId == personId, ct);
        if (member is null)
        {
            return "Cette personne n'est pas membre du groupe.";
        }
        if (actorRole != GroupRole.Owner && member.Role is GroupRole.Owner or GroupRole.Moderator)
        {
            return "Seul un propriétaire retire un propriétaire ou un modérateur.";
        }
        if (member.Role == GroupRole.Owner && !await HasOtherOwnerAsync(groupId, personId, ct))
        {
            return "Le groupe doit garder au moins un propriétaire.";
        }
        await DeleteMembershipAsync(member, ct);
        logger.LogInformation("Person {PersonId} removed from group {GroupId}", personId, groupId);
        return null;
    }

    /// <summary>
    /// The current person leaves the group. The last owner names a successor among the current members, who
    /// becomes owner; without one, they stay.
    /// </summary>
    public async Task<string?> LeaveAsync(Guid groupId, Guid? successorId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        var member = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == groupId && m.PersonId == a.PersonId, ct);
        if (member is null)
        {
            return "Vous n'êtes pas membre de ce groupe.";
        }
        if (member.Role == GroupRole.Owner && !await HasOtherOwnerAsync(groupId, a.PersonId, ct))
        {
            var successor = successorId is { } s && s != a.PersonId
                ? await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == groupId && m.PersonId == s, ct)
                : null;
            if (successor is null)
            {
                return "Vous êtes le dernier propriétaire : nommez un autre propriétaire parmi les membres avant de quitter le groupe.";
            }
            if (successor.EndsOn is not null || await IsPartnerAsync(successor.PersonId, ct))
            {
                return "Le nouveau propriétaire doit être un membre sans date de fin, et non un partenaire.";
            }
            successor.Role = GroupRole.Owner;
        }
        var group = await db.Groups.FirstAsync(g => g.Id == groupId, ct);
        if (group.OwnerId == a.PersonId)
        {
            // The group's reference owner must stay a person of the group.
            group.OwnerId = successorId is { } next && next != a.PersonId && await db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.PersonId == next, ct)
                ? next
                : await db.GroupMembers.Where(m => m.GroupId == groupId && m.Role == GroupRole.Owner && m.PersonId != a.PersonId).Select(m => m.PersonId).FirstAsync(ct);
        }
        await DeleteMembershipAsync(member, ct);
        logger.LogInformation("Person {PersonId} left group {GroupId}", a.PersonId, groupId);
        return null;
    }

    /// <summary>Neither archived nor past its end on <paramref name="today"/>: the only groups one may still join or be offered.</summary>
    internal static Expression<Func<Group, bool>> RunningOn(DateOnly today) => g => !g.IsArchived && (g.EndsOn == null || g.EndsOn >= today);

    /// <summary>An invitation or a request can outlive its group: answered, it is accepted only while the group runs.</summary>
    private Task<bool> IsRunningAsync(Guid groupId, CancellationToken ct) =>
        db.Groups.Where(g => g.Id == groupId).AnyAsync(RunningOn(Today), ct);

    /// <summary>The current owners and moderators, who answer join requests.</summary>
    public async Task<List<Guid>> ManagersAsync(Guid groupId, CancellationToken ct) =>
        await db.GroupMembers.Where(m => m.GroupId == groupId && (m.Role == GroupRole.Owner || m.Role == GroupRole.Moderator))
            .Select(m => m.PersonId).ToListAsync(ct);

    public static string? DatesError(DateOnly? startsOn, DateOnly? endsOn) =>
        startsOn is { } s && endsOn is { } e && e < s ? "La date de fin doit suivre la date de début." : null;

    private async Task DeleteMembershipAsync(GroupMember member, CancellationToken ct)
    {
        db.GroupMembers.Remove(member);
        await db.Memberships.Where(m => m.PersonId == member.PersonId && m.ScopeType == ScopeType.Group && m.ScopeId == member.GroupId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task AddMemberAsync(GroupRequest request, CancellationToken ct)
    {
        // Someone whose earlier membership ended comes back on the same row.
        var previous = await db.GroupMembers.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.GroupId == request.GroupId && m.PersonId == request.PersonId, ct);
        if (previous is null)
        {
            db.GroupMembers.Add(new GroupMember { GroupId = request.GroupId, PersonId = request.PersonId, Role = request.Role, StartsOn = request.StartsOn, EndsOn = request.EndsOn });
        }
        else
        {
            previous.Role = request.Role;
            previous.StartsOn = request.StartsOn;
            previous.EndsOn = request.EndsOn;
        }
        // A partner holds their role through their groups: the membership carries the same dates, so that it ends with them.
        if (await IsPartnerAsync(request.PersonId, ct))
        {
            await db.Memberships.Where(m => m.PersonId == request.PersonId && m.ScopeType == ScopeType.Group && m.ScopeId == request.GroupId).ExecuteDeleteAsync(ct);
            db.Memberships.Add(new Membership
            {
                PersonId = request.PersonId, Role = Role.Partner, ScopeType = ScopeType.Group, ScopeId = request.GroupId,
                StartsOn = request.StartsOn, EndsOn = request.EndsOn,
            });
        }
    }

    private async Task<bool> MayInviteAsync(Guid from, Guid personId, CancellationToken ct)
    {
        if (await ProfessionalsQuery(from).AnyAsync(p => p.Id == personId, ct))
        {
            return true;
        }
        var (_, total) = await rules.ReachableWithinAsync(from, null, db.Persons.Where(p => p.Id == personId).Select(p => p.Id), 0, 1, ct);
        return total > 0;
    }

    /// <summary>Active adults holding a professional role today.</summary>
    private IQueryable<Person> ProfessionalsQuery(Guid exclude)
    {
        var today = Today;
        var ids = db.Memberships.Where(m => Professionals.Contains(m.Role) && (m.StartsOn == null || m.StartsOn <= today) && (m.EndsOn == null || m.EndsOn >= today))
            .Select(m => m.PersonId);
        return db.Persons.AsNoTracking().Where(p => !p.IsArchived && p.Id != exclude && ids.Contains(p.Id));
    }

    /// <summary>People already in the group (whatever their dates) or already asked.</summary>
    private IQueryable<Guid> BusyIds(Guid groupId)
    {
        var today = Today;
        return db.GroupMembers.IgnoreQueryFilters().Where(m => m.GroupId == groupId && (m.EndsOn == null || m.EndsOn >= today)).Select(m => m.PersonId)
            .Union(db.GroupRequests.Where(r => r.GroupId == groupId).Select(r => r.PersonId));
    }

    private Task<bool> HasOtherOwnerAsync(Guid groupId, Guid personId, CancellationToken ct) =>
        db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.Role == GroupRole.Owner && m.PersonId != personId && m.EndsOn == null, ct);

    private async Task<string> GroupNameAsync(Guid groupId, CancellationToken ct) =>
        await db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).FirstAsync(ct);
}
