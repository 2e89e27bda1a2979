namespace Preau.Web.Modules.Communication.Contracts;

/// <summary>How the sender and the recipient are related; a cell of the matrix is (sender profile, recipient profile, relation).</summary>
public enum Relation
{
    /// <summary>Members of the same class (pupils, its teachers and school staff).</summary>
    SameClass = 0,
    /// <summary>Members of the same school (director, teachers, staff, pupils of any class).</summary>
    SameSchool = 1,
    /// <summary>A guardian and the teachers of their children's classes or the director of their children's school.</summary>
    Family = 2,
    /// <summary>People of a school and the agents of its collectivité (commune or groupement).</summary>
    SameAuthority = 3,
    /// <summary>People of a school and the advisors of its circonscription.</summary>
    SameDistrict = 4,
    /// <summary>Members of the same group.</summary>
    SameGroup = 5,
    /// <summary>Anyone in the territory.</summary>
    Territory = 6,
}

/// <summary>Pupils' messaging in a class, chosen by its teacher.</summary>
public enum PupilMessaging
{
    /// <summary>The default: pupils write to their teachers only.</summary>
    TeacherOnly = 0,
    /// <summary>Pupils may also write to classmates and group members (as the matrix allows).</summary>
    Open = 1,
    /// <summary>Pupils of the class neither write nor receive from other pupils.</summary>
    Closed = 2,
}

/// <summary>The answer to "may A write to B"; <see cref="Reason"/> says why not, in French.</summary>
public sealed record Decision(bool Allowed, string? Reason)
{
    public static readonly Decision Yes = new(true, null);

    public static Decision No(string reason) => new(false, reason);
}

/// <summary>A person the caller may write to.</summary>
public sealed record Reachable(Guid Id, string Name, string Profile);
