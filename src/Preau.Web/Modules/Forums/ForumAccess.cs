using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Modules.Forums.Data;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Forums;

/// <summary>What the current person may do in one forum.</summary>
/// <param name="Read">Sees the topics (anyone else gets 404).</param>
/// <param name="Write">Opens topics and replies.</param>
/// <param name="Moderate">Hides posts, locks and pins topics, deals with reports.</param>
/// <param name="IsPupil">Writes plain text only, and never at night.</param>
/// <param name="PersonId">Who is asking.</param>
public sealed record ForumRights(bool Read, bool Write, bool Moderate, bool IsPupil, Guid PersonId)
{
    public static readonly ForumRights None = new(false, false, false, false, Guid.Empty);
}

/// <summary>A forum's space, for titles, breadcrumbs and the "who will see it" line.</summary>
public sealed record ForumSpace(ScopeType ScopeType, Guid ScopeId, string Name, string Audience)
{
    public string Url => $"/{ForumAccess.Segment(ScopeType)}/{ScopeId}/forum";
}

/// <summary>
/// Who reads, writes and moderates a forum. Class: its teachers and school staff and its pupils write, its teachers and
/// the school's director moderate, the families of its pupils read only (they follow what the class discusses without
/// taking part, as parent↔parent exchanges are off by default, PRODUCT §4). Group: by group role, among current
/// members only: readers read, members and contributors write, owners and moderators moderate. Pupils never moderate.
/// </summary>
public sealed class ForumAccess(AccessContext context, PreauDbContext db, CommunicationRules rules, TimeProvider time, IServiceSwitches switches)
{
    public async Task<ForumRights> ForScopeAsync(ScopeType type, Guid id, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (a.PersonId == Guid.Empty || !await switches.IsOnAsync(ServiceKeys.Forum, type, id, ct))
        {
            return ForumRights.None;
        }
        var pupil = a.HasRole(Role.Pupil);
        bool read, write, moderate;
        switch (type)
        {
            case ScopeType.Class:
            {
                var schoolId = a.SchoolOfClass(id) ?? await db.Classes.Where(c => c.Id == id).Select(c => (Guid?)c.SchoolId).FirstOrDefaultAsync(ct);
                if (schoolId is null)
                {
                    return ForumRights.None;
                }
                moderate = a.TeachesClass(id) || a.IsDirectorOf(schoolId.Value);
                // A partner invited into the class takes part, under the teacher's moderation.
                write = moderate || a.StaffClassIds.Contains(id) || a.PupilClassIds.Contains(id) || a.PartnerMay(id, ServiceKeys.Forum);
                read = write || a.ChildClassIds.Contains(id);
                break;
            }
            case ScopeType.Group:
            {
                if (!a.GroupIds.Contains(id))
                {
                    return ForumRights.None;
                }
                var today = Platform.Time.ParisDate.Today(time);
                var role = await db.GroupMembers.AsNoTracking()
                    .Where(m => m.GroupId == id && m.PersonId == a.PersonId && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today))
                    .Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);
                moderate = role is GroupRole.Owner or GroupRole.Moderator;
                write = moderate || role is GroupRole.Contributor or GroupRole.Member;
                read = role is not null;
                break;
            }
            default:
                return ForumRights.None;
        }
        return new ForumRights(read, write, moderate && !pupil, pupil, a.PersonId);
    }

    /// <summary>The topic and the person's rights in its forum; null when the person may not read it (answer 404).</summary>
    public async Task<(ForumTopic Topic, ForumRights Rights)?> OpenTopicAsync(Guid topicId, CancellationToken ct = default)
    {
        var topic = await db.ForumTopics.AsNoTracking().FirstOrDefaultAsync(t => t.Id == topicId, ct);
        if (topic is null)
        {
            return null;
        }
        var rights = await ForScopeAsync(topic.ScopeType, topic.ScopeId, ct);
        return rights.Read ? (topic, rights) : null;
    }

    /// <summary>The post, its topic and the person's rights; null when the person may not see that post.</summary>
    public async Task<(ForumPost Post, ForumTopic Topic, ForumRights Rights)?> OpenPostAsync(Guid postId, CancellationToken ct = default)
    {
        var post = await db.ForumPosts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null || await OpenTopicAsync(post.TopicId, ct) is not { } opened || (post.IsHidden && !opened.Rights.Moderate))
        {
            return null;
        }
        return (post, opened.Topic, opened.Rights);
    }

    public async Task<ForumSpace?> SpaceAsync(ScopeType type, Guid id, CancellationToken ct = default)
    {
        switch (type)
        {
            case ScopeType.Class:
                var c = await db.Classes.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync(ct);
                return c is null ? null : new ForumSpace(type, id, c, $"les élèves, les enseignants et les familles (en lecture) de la classe {c}");
            case ScopeType.Group:
                var g = await db.Groups.AsNoTracking().Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync(ct);
                return g is null ? null : new ForumSpace(type, id, g, "les membres du groupe");
            default:
                return null;
        }
    }

    /// <summary>The people who moderate a forum today (notified of reports): adults only.</summary>
    public async Task<IReadOnlyList<Guid>> ModeratorIdsAsync(ScopeType type, Guid id, CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        var memberships = db.Memberships.AsNoTracking().Where(m => (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));
        if (type == ScopeType.Class)
        {
            var schoolId = await db.Classes.Where(c => c.Id == id).Select(c => c.SchoolId).FirstOrDefaultAsync(ct);
            return await memberships
                .Where(m => (m.Role == Role.Teacher && m.ScopeType == ScopeType.Class && m.ScopeId == id)
                    || (m.Role == Role.Director && m.ScopeType == ScopeType.School && m.ScopeId == schoolId))
                .Select(m => m.PersonId).Distinct().ToListAsync(ct);
        }
        return await db.GroupMembers.AsNoTracking()
            .Where(m => m.GroupId == id && (m.Role == GroupRole.Owner || m.Role == GroupRole.Moderator)
                && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today)
                && !db.Users.Any(u => u.Id == m.PersonId && u.IsPupil))
            .Select(m => m.PersonId).ToListAsync(ct);
    }

    /// <summary>
    /// Why the person may not post right now, or null: the pupils' night curfew of the communication rules, and the
    /// crisis switches that suspend exchanges for the territory, the person's profile or school.
    /// </summary>
    public async Task<string?> ClosedReasonAsync(CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        if (a.IsTerritoryAdmin)
        {
            return null;
        }
        if (a.HasRole(Role.Pupil) && a.Memberships.All(m => m.Role == Role.Pupil))
        {
            var curfew = await rules.GetCurfewAsync(ct);
            if (CommunicationRules.IsInCurfew(curfew, time.GetUtcNow()))
            {
                return $"Le forum est fermé aux élèves la nuit ({CommunicationRules.Hour(curfew.StartsAt)} – {CommunicationRules.Hour(curfew.EndsAt)}). Reviens demain !";
            }
        }
        var schools = a.StaffSchoolIds.Concat(a.PupilClassIds.Concat(a.ChildClassIds).Select(a.SchoolOfClass).OfType<Guid>()).ToHashSet();
        var crisis = (await rules.ActiveCrisesAsync(ct)).FirstOrDefault(c => c.Scope switch
        {
            CrisisScope.Territory => true,
            CrisisScope.Profile => c.Profile is { } role && a.HasRole(role),
            CrisisScope.School => c.SchoolId is { } s && schools.Contains(s),
            _ => false,
        });
        return crisis is null ? null : $"Les échanges sont suspendus : {crisis.Message}";
    }

    public async Task<string> PersonNameAsync(Guid personId, CancellationToken ct = default) =>
        await db.Persons.Where(p => p.Id == personId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefaultAsync(ct) ?? "";

    /// <summary>"classe" or "groupe": the first segment of the forum's addresses.</summary>
    public static string Segment(ScopeType type) => type == ScopeType.Class ? "classe" : "groupe";

    public static ScopeType? ScopeOf(string kind) => kind switch
    {
        "classe" => ScopeType.Class,
        "groupe" => ScopeType.Group,
        _ => null,
    };
}
