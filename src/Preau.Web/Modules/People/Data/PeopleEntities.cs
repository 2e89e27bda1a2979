namespace Preau.Web.Modules.People.Data;

public sealed class Person
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public DateOnly? BirthDate { get; set; }
    /// <summary>National pupil identifier (11 characters), pupils only.</summary>
    public string? Ine { get; set; }
    /// <summary>ONDE "Autorisation photo"; null when unknown.</summary>
    public bool? PhotoAllowed { get; set; }
    public bool IsArchived { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Nom d'usage, when it differs from the birth name.</summary>
    public string? UsageName { get; set; }
    /// <summary>'M' or 'F' as ONDE gives it; null when unknown.</summary>
    public string? Sex { get; set; }
    /// <summary>ONDE "Autorisations associations"; null when unknown.</summary>
    public bool? AssociationsAllowed { get; set; }
    public string? Phone { get; set; }
    /// <summary>Where the person came from: an import never removes what was made by hand.</summary>
    public RecordSource Source { get; set; }
    /// <summary>Set when the person left every school of the territory (absent from an import, or after a rollover).</summary>
    public DateOnly? LeftOn { get; set; }
    /// <summary>End of the grace period after leaving: personal data is deleted on that day.</summary>
    public DateOnly? DeleteOn { get; set; }
    /// <summary>
    /// « First Last First », computed by the database whenever a name changes (folded and stored on PostgreSQL) and
    /// searched through <c>SearchFold.Folded</c>: one LIKE finds a person by first name, last name or both in either
    /// order, without folding every row at each search (ADR 0029).
    /// </summary>
    public string SearchName { get; private set; } = "";

    public string DisplayName => $"{FirstName} {LastName}";
}

/// <summary>The ten profiles of the product; a person holds one membership per role and scope.</summary>
public enum RecordSource
{
    Manual = 0,
    Import = 1,
}

public enum Role
{
    Pupil = 0,
    Guardian = 1,
    Teacher = 2,
    Director = 3,
    SchoolStaff = 4,
    MunicipalAgent = 5,
    Partner = 6,
    Advisor = 7,
    TerritoryAdmin = 8,
    Level2Support = 9,
}

public enum ScopeType
{
    Territory = 0,
    District = 1,
    LocalAuthority = 2,
    School = 3,
    Class = 4,
    Group = 5,
}

public sealed class Membership
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PersonId { get; set; }
    public Role Role { get; set; }
    public ScopeType ScopeType { get; set; }
    /// <summary>Id of the district, local authority, school, class or group; null for the territory.</summary>
    public Guid? ScopeId { get; set; }
    public Guid? SchoolYearId { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public RecordSource Source { get; set; }
    /// <summary>A pupil's own level that year (ONDE "Niveau"): in a multi-level class it says who leaves at the rollover.</summary>
    public Modules.Territory.Data.Levels? Level { get; set; }
    /// <summary>
    /// A partner invited into a class (ADR 0037, 0039): the class's services the invitation opens to them, keys of the
    /// home page's catalogue separated by commas; null for an invitation made before the choice existed (all of them).
    /// </summary>
    public string? GuestServices { get; set; }

    /// <summary>Whether <see cref="GuestServices"/> opens <paramref name="service"/>.</summary>
    public bool OpensService(string service)
    {
        if (GuestServices is null)
        {
            return true;
        }
        var all = GuestServices.AsSpan();
        foreach (var range in all.Split(','))
        {
            if (all[range].SequenceEqual(service))
            {
                return true;
            }
        }
        return false;
    }
}

public enum Relationship
{
    Mother = 0,
    Father = 1,
    Tutor = 2,
    Other = 3,
}

public sealed class GuardianLink
{
    public Guid GuardianId { get; set; }
    public Guid PupilId { get; set; }
    public Relationship Relationship { get; set; }
    public bool HasParentalAuthority { get; set; } = true;
    public RecordSource Source { get; set; }
}

public enum GroupRole
{
    Owner = 0,
    Moderator = 1,
    Contributor = 2,
    Member = 3,
    Reader = 4,
}

public sealed class Group
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public Guid OwnerId { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public bool IsArchived { get; set; }
    /// <summary>Open groups are listed to the territory's adults, who may ask to join; others are by invitation only.</summary>
    public bool IsOpen { get; set; }
}

/// <summary>
/// A membership of a group, giving access between its start and end dates (Europe/Paris days, inclusive).
/// The model filters out memberships outside their dates (see <c>PreauDbContext.MembershipDay</c>), so every
/// module reading this table sees only current members; management pages opt out with IgnoreQueryFilters.
/// </summary>
public sealed class GroupMember
{
    public Guid GroupId { get; set; }
    public Guid PersonId { get; set; }
    public GroupRole Role { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
}

public enum GroupRequestKind
{
    /// <summary>An owner or moderator invited the person; the person accepts or declines.</summary>
    Invitation = 0,
    /// <summary>The person asked to join an open group; an owner or moderator accepts or refuses.</summary>
    JoinRequest = 1,
}

/// <summary>
/// A membership waiting for an answer. Kept apart from <see cref="GroupMember"/> so that a pending person never
/// gets any access, whatever module asks.
/// </summary>
public sealed class GroupRequest
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid GroupId { get; set; }
    public Guid PersonId { get; set; }
    public GroupRequestKind Kind { get; set; }
    /// <summary>Role the person will have once accepted.</summary>
    public GroupRole Role { get; set; } = GroupRole.Member;
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    /// <summary>Who invited (the person themself for a join request).</summary>
    public Guid ById { get; set; }
    public DateTime CreatedAt { get; set; }
}
