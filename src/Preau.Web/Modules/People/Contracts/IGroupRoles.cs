using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.People.Contracts;

/// <summary>
/// What one person may do in one group, from their current role there (none when they are not a member today).
/// Reader: reads. Member: also takes part (comments, replies). Contributor: also publishes (articles, photos,
/// events, documents). Moderator: also moderates others' content and manages members. Owner: also the group's
/// settings, services and roles.
/// </summary>
public sealed record GroupRights(GroupRole? Role)
{
    public static readonly GroupRights None = new((GroupRole?)null);

    public bool IsMember => Role is not null;
    public bool CanRead => IsMember;
    public bool CanParticipate => Role is GroupRole.Owner or GroupRole.Moderator or GroupRole.Contributor or GroupRole.Member;
    public bool CanPublish => Role is GroupRole.Owner or GroupRole.Moderator or GroupRole.Contributor;
    public bool CanModerate => Role is GroupRole.Owner or GroupRole.Moderator;
    public bool CanManage => Role is GroupRole.Owner;
}

/// <summary>"May this person write / moderate in group G": the answer every module asks instead of reading roles itself.</summary>
public interface IGroupRoles
{
    /// <summary>The signed-in person's rights in the group (membership dates honoured).</summary>
    Task<GroupRights> ForCurrentAsync(Guid groupId, CancellationToken ct = default);

    /// <summary>Another person's rights in the group (membership dates honoured).</summary>
    Task<GroupRights> ForPersonAsync(Guid groupId, Guid personId, CancellationToken ct = default);
}
